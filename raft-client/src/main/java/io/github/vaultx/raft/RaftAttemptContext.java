package io.github.vaultx.raft;

import io.github.vaultx.raft.internal.access.Checks;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link RaftAttemptObservationConvention} knows of one HTTP attempt of a call: the request
 * (method, redacted URL, node) and its answer's status, or the failure as the context's {@link
 * #getError()}. A client-side sender context: a tracing handler writes the trace context into
 * {@link #getCarrier()}, and the client sends those entries as request headers.
 */
public final class RaftAttemptContext extends SenderContext<Map<String, String>> {
  private final String operation;
  private final String method;
  private final String url;
  private final String serverAddress;
  private final int serverPort;
  private final int resendCount;
  private volatile @Nullable Integer statusCode;

  /**
   * An attempt about to be sent.
   *
   * @param operation the client method's name, for example {@code readRaftConfig}
   * @param method the HTTP method
   * @param url the URL, with query values redacted
   * @param serverAddress the host the request goes to
   * @param serverPort its port
   * @param resendCount how many attempts of the same call went before (retries, failover and
   *     redirects); 0 for the first
   * @throws IllegalArgumentException if a text is null or {@code resendCount} negative
   */
  public RaftAttemptContext(
      String operation,
      String method,
      String url,
      String serverAddress,
      int serverPort,
      int resendCount) {
    super(
        (carrier, key, value) -> {
          if (carrier != null) {
            carrier.put(key, value);
          }
        },
        Kind.CLIENT);
    this.operation = Checks.notNull(operation, "operation");
    this.method = Checks.notNull(method, "method");
    this.url = Checks.notNull(url, "url");
    this.serverAddress = Checks.notNull(serverAddress, "serverAddress");
    if (resendCount < 0) {
      throw new IllegalArgumentException("resendCount must not be negative");
    }
    this.serverPort = serverPort;
    this.resendCount = resendCount;
    setCarrier(new LinkedHashMap<>());
    setRemoteServiceAddress(URI.create(url).resolve("/").toString());
  }

  /**
   * Records the answer's status.
   *
   * @param statusCode the HTTP status
   */
  public void answered(int statusCode) {
    this.statusCode = statusCode;
  }

  /**
   * The client method's name.
   *
   * @return for example {@code readRaftConfig}
   */
  public String operation() {
    return operation;
  }

  /**
   * The HTTP method as sent.
   *
   * @return for example {@code GET}
   */
  public String method() {
    return method;
  }

  /**
   * The URL, with the value of every query parameter replaced by {@code REDACTED}; never a token
   * (which travels in a header).
   *
   * @return the URL
   */
  public String url() {
    return url;
  }

  /**
   * The host the request went to.
   *
   * @return the host
   */
  public String serverAddress() {
    return serverAddress;
  }

  /**
   * The port the request went to.
   *
   * @return the port
   */
  public int serverPort() {
    return serverPort;
  }

  /**
   * How many attempts of the same call went before.
   *
   * @return 0 for the first attempt
   */
  public int resendCount() {
    return resendCount;
  }

  /**
   * The answer's HTTP status.
   *
   * @return the status, or null without an answer
   */
  public @Nullable Integer statusCode() {
    return statusCode;
  }
}
