package io.github.vaultx.raft.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the size, server and TLS of a {@link LocalRaftCluster}, then starts it; from {@link
 * LocalRaftCluster#builder()}.
 */
public final class LocalRaftClusterBuilder {
  private int nodes = 3;
  private Duration stepTimeout = Duration.ofSeconds(60);
  private @Nullable ServerBinary binary;
  private @Nullable ClusterTls tls;
  private boolean faultProxies;
  private boolean auditLog;
  private final Map<String, String> listenerSettings = new LinkedHashMap<>();
  private static final Pattern SETTING_NAME = Pattern.compile("[a-z][a-z0-9_]*");

  LocalRaftClusterBuilder() {}

  /**
   * Serves the API over TLS (mutual TLS with a client certificate); addresses become https.
   *
   * @param tls the certificates, for example {@link ClusterTls#generate(boolean)}
   * @return this builder
   */
  public LocalRaftClusterBuilder tls(ClusterTls tls) {
    this.tls = tls;
    return this;
  }

  /**
   * Puts a {@link FaultProxy} link in front of every node's API address, for tests of how a client
   * copes with a bad network: {@link LocalRaftCluster#proxiedAddresses()} are the addresses to give
   * the client under test, {@link LocalRaftCluster#faults(int)} drives node {@code i}'s link.
   *
   * <p>Each node's {@code api_addr} is its link's address, so a standby's redirect to the active
   * node (Vault answers 307 for the snapshot endpoints) leads back through the active node's link:
   * every byte between the client and the cluster passes a proxy, and a fault on the active node's
   * link hits a redirected snapshot too. The harness itself (bring-up, {@link
   * LocalRaftCluster#sys()}, the waits) uses the real addresses, so faults never slow it down.
   *
   * @return this builder
   */
  public LocalRaftClusterBuilder faultProxies() {
    this.faultProxies = true;
    return this;
  }

  /**
   * Gives the cluster a file audit device, so a test can count at the server how often a request
   * arrived (for example that a call was not applied twice): {@link LocalRaftCluster#auditLog()}.
   *
   * @return this builder
   */
  public LocalRaftClusterBuilder auditLog() {
    this.auditLog = true;
    return this;
  }

  /**
   * Adds a setting to every node's {@code listener "tcp"} stanza, for tests of what the server's
   * own limits do to a client, for example {@code listenerSetting("http_read_timeout", "2s")} (a
   * restore whose upload takes longer is cut) or {@code listenerSetting("max_request_size",
   * "1024")}. Written as a quoted string, which the server parses as it would the bare value.
   *
   * @param name the setting's name as the server's configuration documents it
   * @param value its value, without quotes
   * @return this builder
   * @throws IllegalArgumentException if the name is not a configuration key, or the value holds a
   *     quote, a backslash or a line break
   */
  public LocalRaftClusterBuilder listenerSetting(String name, String value) {
    if (name == null || !SETTING_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "listener setting name must be lower case letters, digits and _, not " + name);
    }
    if (value == null || value.isEmpty() || value.matches("(?s).*[\"\\\\\\r\\n].*")) {
      throw new IllegalArgumentException(
          "listener setting " + name + " needs a value without quotes, backslashes or line breaks");
    }
    listenerSettings.put(name, value);
    return this;
  }

  /**
   * Sets the number of nodes.
   *
   * @param count 1 or more; default 3
   * @return this builder
   */
  public LocalRaftClusterBuilder nodes(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("nodes must be at least 1");
    }
    this.nodes = count;
    return this;
  }

  /**
   * Sets how long each step of the bring-up (and each wait of the helpers) may take.
   *
   * @param timeout positive; default 60 seconds
   * @return this builder
   */
  public LocalRaftClusterBuilder stepTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("stepTimeout must be positive");
    }
    this.stepTimeout = timeout;
    return this;
  }

  /**
   * Sets the server to run instead of {@link ServerBinary#locate()}.
   *
   * @param binary the server
   * @return this builder
   */
  public LocalRaftClusterBuilder serverBinary(ServerBinary binary) {
    this.binary = binary;
    return this;
  }

  /**
   * Starts the cluster and waits until every node is a healthy voter.
   *
   * @return the running cluster; close it
   * @throws IllegalStateException if a step fails or times out (everything started is cleaned up)
   */
  public LocalRaftCluster start() {
    return LocalRaftCluster.start(this);
  }

  int nodes() {
    return nodes;
  }

  Duration stepTimeout() {
    return stepTimeout;
  }

  @Nullable ServerBinary serverBinary() {
    return binary;
  }

  Map<String, String> listenerSettings() {
    return new LinkedHashMap<>(listenerSettings);
  }

  boolean hasAuditLog() {
    return auditLog;
  }

  boolean hasFaultProxies() {
    return faultProxies;
  }

  @Nullable ClusterTls tls() {
    return tls;
  }
}
