package io.github.vaultx.raft.testing;

import static io.github.vaultx.raft.testing.ServerFlavour.HEALTH_ACTIVE;
import static io.github.vaultx.raft.testing.ServerFlavour.HEALTH_SEALED;
import static io.github.vaultx.raft.testing.ServerFlavour.HEALTH_STANDBY;

import io.github.vaultx.raft.VaultRaftClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A throwaway Raft cluster of real server processes on 127.0.0.1, for integration tests and demos.
 *
 * <p>{@code LocalRaftCluster.builder().nodes(3).start()} finds the server ({@link
 * ServerBinary#locate()}), gives every node free API and cluster ports, its own temporary folder,
 * config and log, initialises and unseals node 1, joins the others with {@link
 * VaultRaftClient#joinRaftCluster(String)} (no token), unseals them and waits until autopilot
 * reports every node as a healthy voter. Closing it (or the JVM exiting) stops the processes and
 * deletes the folders; a failed start cleans up too and prints the end of every node's log.
 *
 * <p>Nodes are numbered from 1, as in their node ids ({@code node-1}, {@code node-2}, ...), so
 * {@code stop(2)} stops {@code node-2}; {@code addresses().get(i - 1)} is {@code address(i)}.
 *
 * <p>Init, unseal, health, seal, mounts, KV and tokens go over plain {@code java.net.http}: they
 * are not Raft endpoints, and the harness should not lean on the client it tests.
 *
 * <p>The system property {@code vaultx.cluster.keep=true} keeps the folders (logs, data) after
 * closing.
 */
public final class LocalRaftCluster implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LocalRaftCluster.class.getName());
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final int LOG_TAIL_LINES = 40;

  private final ServerBinary binary;
  private final Duration stepTimeout;
  private final Path baseDir;
  private final List<ClusterNode> nodes = new ArrayList<>();
  private final @Nullable ClusterTls tls;
  private final VaultHttp http;
  private final Thread shutdownHook;
  private @Nullable String rootToken;
  private @Nullable String unsealKey;
  private boolean closed;

  private LocalRaftCluster(
      ServerBinary binary, Duration stepTimeout, Path baseDir, @Nullable ClusterTls tls) {
    this.tls = tls;
    this.http = new VaultHttp(tls);
    this.binary = binary;
    this.stepTimeout = stepTimeout;
    this.baseDir = baseDir;
    this.shutdownHook = new Thread(this::closeQuietly, "vaultx-raft-cluster-cleanup");
  }

  /**
   * Starts a builder.
   *
   * @return a builder for a 3-node cluster of the located server
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Chooses the size and server of a {@link LocalRaftCluster}. */
  public static final class Builder {
    private int nodes = 3;
    private Duration stepTimeout = Duration.ofSeconds(60);
    private @Nullable ServerBinary binary;
    private @Nullable ClusterTls tls;

    private Builder() {}

    /**
     * Serves the API over TLS (and mutual TLS with a client certificate); addresses become https.
     *
     * @param tls the certificates
     * @return this builder
     */
    public Builder tls(ClusterTls tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Sets the number of nodes.
     *
     * @param count 1 or more; default 3
     * @return this builder
     */
    public Builder nodes(int count) {
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
    public Builder stepTimeout(Duration timeout) {
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
    public Builder serverBinary(ServerBinary binary) {
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
      ServerBinary server = binary != null ? binary : ServerBinary.locate();
      Path dir;
      try {
        dir = Files.createTempDirectory("vaultx-raft-cluster-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary folder", e);
      }
      if (tls != null) {
        tls.writeFiles(dir.resolve("tls"));
      }
      LocalRaftCluster cluster = new LocalRaftCluster(server, stepTimeout, dir, tls);
      Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
      try {
        cluster.bringUp(nodes);
        return cluster;
      } catch (RuntimeException | Error e) {
        System.err.println(cluster.logTails(LOG_TAIL_LINES));
        cluster.close();
        throw e;
      }
    }
  }

  private void bringUp(int count) {
    long t0 = System.nanoTime();
    List<Integer> ports = freePorts(2 * count);
    for (int i = 1; i <= count; i++) {
      ClusterNode node =
          new ClusterNode(
              i, ports.get(2 * i - 2), ports.get(2 * i - 1), baseDir.resolve("node-" + i), tls);
      node.writeConfig(binary.flavour());
      nodes.add(node);
    }
    nodes.forEach(n -> n.start(binary.path()));
    nodes.forEach(this::awaitListener);
    long listening = System.nanoTime();

    ClusterNode first = node(1);
    Map<String, Object> init =
        http.send(
                "PUT",
                first.apiAddress() + "/v1/sys/init",
                null,
                Map.of("secret_shares", 1, "secret_threshold", 1),
                REQUEST_TIMEOUT)
            .expect(200)
            .json();
    unsealKey = (String) VaultHttp.asList(init.get("keys_base64")).get(0);
    rootToken = (String) init.get("root_token");
    unsealOnly(first);
    awaitHealth(first, HEALTH_ACTIVE);
    long active = System.nanoTime();

    if (count > 1) {
      // Joiners start as non-voters; autopilot promotes them once stable (default 10s).
      http.send(
              "POST",
              first.apiAddress() + "/v1/sys/storage/raft/autopilot/configuration",
              rootToken,
              Map.of("server_stabilization_time", "1s"),
              REQUEST_TIMEOUT)
          .expect(200, 204);
      for (ClusterNode node : nodes.subList(1, count)) {
        join(node, first.apiAddress());
        // A joiner answers the leader's challenge only once unsealed with the cluster's key.
        unsealOnly(node);
      }
      for (ClusterNode node : nodes.subList(1, count)) {
        awaitHealth(node, HEALTH_STANDBY);
      }
      verifyStandbyRedirects(node(2));
    }
    long unsealed = System.nanoTime();
    waitForHealthyVoters(count, stepTimeout);
    long done = System.nanoTime();
    LOG.log(
        Level.INFO,
        () ->
            String.format(
                "%d-node %s cluster up in %d ms (listening %d ms, node-1 active %d ms, all unsealed"
                    + " %d ms, %d healthy voters %d ms) in %s",
                count,
                binary.flavour().key(),
                millis(t0, done),
                millis(t0, listening),
                millis(t0, active),
                millis(t0, unsealed),
                count,
                millis(t0, done),
                baseDir));
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private void join(ClusterNode node, String leaderAddress) {
    // Deliberately through the client under test: join needs no token.
    try (VaultRaftClient client =
        configured(VaultRaftClient.builder())
            .address(node.apiAddress())
            .environment(Map.of())
            .timeout(REQUEST_TIMEOUT)
            .build()) {
      boolean joined =
          tls == null
              ? client.joinRaftCluster(leaderAddress)
              : client.joinRaftCluster(tls.joinRequest(leaderAddress));
      if (!joined) {
        throw new IllegalStateException(node.nodeId + " answered joined=false");
      }
    }
  }

  /** A standby must redirect snapshot downloads, or the standby tests prove nothing. */
  private void verifyStandbyRedirects(ClusterNode standby) {
    int status =
        http.statusOnly(
            standby.apiAddress() + "/v1/sys/storage/raft/snapshot", rootToken, REQUEST_TIMEOUT);
    if (status != 307) {
      throw new IllegalStateException(
          "standby "
              + standby.nodeId
              + " answered "
              + status
              + " instead of 307 for sys/storage/raft/snapshot"
              + (binary.flavour() == ServerFlavour.OPENBAO
                  ? ": is disable_standby_reads honoured?"
                  : ""));
    }
  }

  private static List<Integer> freePorts(int count) {
    // Hold all sockets until every port is chosen, so no two are the same.
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, loopback);
        sockets.add(socket);
        ports.add(socket.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free ports", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // the port stays free either way
        }
      }
    }
  }

  // ---------------------------------------------------------------- addresses and identities

  /**
   * The API addresses of all nodes, node 1 first.
   *
   * @return for example {@code [http://127.0.0.1:40123, ...]}
   */
  public List<String> addresses() {
    return nodes.stream().map(ClusterNode::apiAddress).toList();
  }

  /**
   * The API address of a node.
   *
   * @param i the node number, from 1
   * @return for example {@code http://127.0.0.1:40123}
   */
  public String address(int i) {
    return node(i).apiAddress();
  }

  /**
   * The Raft (cluster) address of a node, as the Raft configuration and autopilot report it.
   *
   * @param i the node number, from 1
   * @return for example {@code 127.0.0.1:40124}
   */
  public String clusterAddress(int i) {
    return "127.0.0.1:" + node(i).clusterPort;
  }

  /**
   * The Raft node id of a node.
   *
   * @param i the node number, from 1
   * @return {@code node-<i>}
   */
  public String nodeId(int i) {
    return node(i).nodeId;
  }

  /**
   * The node ids of all nodes ever started, node 1 first.
   *
   * @return for example {@code [node-1, node-2, node-3]}
   */
  public List<String> nodeIds() {
    return nodes.stream().map(n -> n.nodeId).toList();
  }

  /**
   * The number of nodes ever started (including stopped and removed ones).
   *
   * @return the node count
   */
  public int size() {
    return nodes.size();
  }

  /**
   * The root token from the initialisation.
   *
   * @return the root token
   */
  public String rootToken() {
    return requireStarted(rootToken);
  }

  /**
   * The single unseal key (base64) from the initialisation.
   *
   * @return the unseal key
   */
  public String unsealKey() {
    return requireStarted(unsealKey);
  }

  /**
   * The server this cluster runs.
   *
   * @return the binary and its flavour
   */
  public ServerBinary serverBinary() {
    return binary;
  }

  /**
   * The number of the active node, waiting up to the step timeout for one.
   *
   * @return the node number
   * @throws IllegalStateException if no node is active in time
   */
  public int leaderIndex() {
    return waitForLeader(stepTimeout);
  }

  /**
   * The API address of the active node, waiting up to the step timeout for one.
   *
   * @return its address
   */
  public String leaderAddress() {
    return address(leaderIndex());
  }

  /**
   * The lowest-numbered unsealed standby, waiting up to the step timeout for one.
   *
   * @return the node number
   * @throws IllegalStateException if there is none in time
   */
  public int followerIndex() {
    return await(
        "an unsealed standby",
        stepTimeout,
        () -> {
          for (ClusterNode node : nodes) {
            if (node.alive() && health(node) == HEALTH_STANDBY) {
              return node.index;
            }
          }
          return null;
        });
  }

  /**
   * Waits until some node answers {@code sys/health} with 200 (active).
   *
   * @param timeout how long to wait
   * @return the active node's number
   * @throws IllegalStateException if none is active in time
   */
  public int waitForLeader(Duration timeout) {
    return await(
        "an active node",
        timeout,
        () -> {
          for (ClusterNode node : nodes) {
            if (node.alive() && health(node) == HEALTH_ACTIVE) {
              return node.index;
            }
          }
          return null;
        });
  }

  /**
   * Waits until {@code GET /v1/sys/storage/raft/autopilot/state} reports the cluster healthy with
   * exactly {@code count} voters, each of them healthy.
   *
   * @param count the expected number of voters
   * @param timeout how long to wait
   * @throws IllegalStateException with the last answer if that does not happen in time
   */
  public void waitForHealthyVoters(int count, Duration timeout) {
    String[] last = {"(no answer)"};
    try {
      await(
          count + " healthy voters",
          timeout,
          () -> {
            VaultHttp.Response r = autopilotState();
            last[0] = r.status() + " " + r.body();
            if (r.status() != 200) {
              return null;
            }
            Map<String, Object> data = r.data();
            List<?> voters = VaultHttp.asList(data.get("voters"));
            Map<String, Object> servers = VaultHttp.asMap(data.get("servers"));
            boolean allHealthy =
                voters.stream()
                    .allMatch(
                        v -> Boolean.TRUE.equals(VaultHttp.asMap(servers.get(v)).get("healthy")));
            return Boolean.TRUE.equals(data.get("healthy")) && voters.size() == count && allHealthy
                ? Boolean.TRUE
                : null;
          });
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + "; last autopilot state: " + last[0], e);
    }
  }

  private VaultHttp.Response autopilotState() {
    for (ClusterNode node : nodes) {
      if (node.alive()) {
        VaultHttp.Response r =
            http.send(
                "GET",
                node.apiAddress() + "/v1/sys/storage/raft/autopilot/state",
                rootToken,
                null,
                REQUEST_TIMEOUT);
        if (r.status() == 200) {
          return r;
        }
      }
    }
    return new VaultHttp.Response(-1, "no node answered");
  }

  // ---------------------------------------------------------------- clients

  /**
   * A client for all nodes with the root token and no environment.
   *
   * @return a new client; close it
   */
  public VaultRaftClient client() {
    return configured(VaultRaftClient.builder())
        .addresses(addresses())
        .token(rootToken())
        .environment(Map.of())
        .build();
  }

  /**
   * A client for one node only, with the root token and no environment.
   *
   * @param i the node number, from 1
   * @return a new client; close it
   */
  public VaultRaftClient clientFor(int i) {
    return clientFor(i, rootToken());
  }

  /**
   * A client for one node only, with the given token and no environment.
   *
   * @param i the node number, from 1
   * @param token the token to send
   * @return a new client; close it
   */
  public VaultRaftClient clientFor(int i, String token) {
    return configured(VaultRaftClient.builder())
        .address(address(i))
        .token(token)
        .environment(Map.of())
        .build();
  }

  /**
   * The cluster's TLS setting, if it serves TLS.
   *
   * @return the certificates, or empty for plain http
   */
  public Optional<ClusterTls> tls() {
    return Optional.ofNullable(tls);
  }

  private io.github.vaultx.raft.VaultRaftClientBuilder configured(
      io.github.vaultx.raft.VaultRaftClientBuilder builder) {
    return tls == null ? builder : tls.applyTo(builder);
  }

  // ---------------------------------------------------------------- data and tokens

  /**
   * Writes {@code key=value} at {@code secret/<path>}, mounting KV version 1 at {@code secret/}
   * first if needed.
   *
   * @param path the path below {@code secret/}
   * @param key the field
   * @param value its value
   */
  public void enableKvAndWrite(String path, String key, String value) {
    String leader = leaderAddress();
    VaultHttp.Response mount =
        http.send(
            "POST",
            leader + "/v1/sys/mounts/secret",
            rootToken(),
            Map.of("type", "kv", "options", Map.of("version", "1")),
            REQUEST_TIMEOUT);
    if (mount.status() != 204 && !mount.body().contains("path is already in use")) {
      mount.expect(204);
    }
    http.send(
            "POST", leader + "/v1/secret/" + path, rootToken(), Map.of(key, value), REQUEST_TIMEOUT)
        .expect(204, 200);
  }

  /**
   * Reads a field written by {@link #enableKvAndWrite}.
   *
   * @param path the path below {@code secret/}
   * @param key the field
   * @return its value, or empty if the path, the field or the mount does not exist
   */
  public Optional<String> readKv(String path, String key) {
    VaultHttp.Response r =
        http.send(
            "GET", leaderAddress() + "/v1/secret/" + path, rootToken(), null, REQUEST_TIMEOUT);
    if (r.status() == 404) { // no such path, or no mount (e.g. after restoring an older snapshot)
      return Optional.empty();
    }
    Object value = r.expect(200).data().get(key);
    return Optional.ofNullable(value == null ? null : value.toString());
  }

  /**
   * Writes an ACL policy and creates a token with only that policy (no {@code default}).
   *
   * @param policyName the policy's name
   * @param policyHcl the policy
   * @return the new token
   */
  public String createToken(String policyName, String policyHcl) {
    String leader = leaderAddress();
    http.send(
            "PUT",
            leader + "/v1/sys/policies/acl/" + policyName,
            rootToken(),
            Map.of("policy", policyHcl),
            REQUEST_TIMEOUT)
        .expect(204, 200);
    Map<String, Object> created =
        http.send(
                "POST",
                leader + "/v1/auth/token/create",
                rootToken(),
                Map.of("policies", List.of(policyName), "no_default_policy", true, "ttl", "1h"),
                REQUEST_TIMEOUT)
            .expect(200)
            .json();
    return (String) VaultHttp.asMap(created.get("auth")).get("client_token");
  }

  // ---------------------------------------------------------------- node lifecycle

  /**
   * Starts one more node (number {@link #size()} + 1) with free ports, not joined and not
   * initialised, and waits until it listens.
   *
   * @return the new node's number
   */
  public int addNode() {
    List<Integer> ports = freePorts(2);
    int i = nodes.size() + 1;
    ClusterNode node =
        new ClusterNode(i, ports.get(0), ports.get(1), baseDir.resolve("node-" + i), tls);
    node.writeConfig(binary.flavour());
    nodes.add(node);
    node.start(binary.path());
    awaitListener(node);
    return i;
  }

  /**
   * Stops a node with SIGTERM (SIGKILL after 10 seconds) and waits for the exit.
   *
   * @param i the node number, from 1
   */
  public void stop(int i) {
    node(i).stop(STOP_GRACE);
  }

  /**
   * Kills a node with SIGKILL and waits for the exit.
   *
   * @param i the node number, from 1
   */
  public void kill(int i) {
    node(i).kill();
  }

  /**
   * Freezes a node with SIGSTOP: it keeps its sockets but answers nothing, as a hung server does.
   *
   * @param i the node number, from 1
   */
  public void pause(int i) {
    node(i).signal("STOP");
  }

  /**
   * Thaws a node frozen by {@link #pause(int)} with SIGCONT.
   *
   * @param i the node number, from 1
   */
  public void resume(int i) {
    node(i).signal("CONT");
  }

  /**
   * Restarts a node on the same folder and ports, unseals it and waits until it is active or
   * standby.
   *
   * @param i the node number, from 1
   */
  public void restart(int i) {
    ClusterNode node = node(i);
    node.stop(STOP_GRACE);
    node.start(binary.path());
    awaitListener(node);
    unseal(i);
  }

  /**
   * Seals a node and waits until its {@code sys/health} answers 503. The active node is sealed with
   * {@code PUT /v1/sys/seal}; a standby refuses that ("cannot seal when in standby mode; please
   * restart instead"), so a standby is restarted and left sealed.
   *
   * @param i the node number, from 1
   */
  public void seal(int i) {
    ClusterNode node = node(i);
    if (health(node) == HEALTH_ACTIVE) {
      http.send("PUT", node.apiAddress() + "/v1/sys/seal", rootToken(), null, REQUEST_TIMEOUT)
          .expect(204, 200);
    } else {
      node.stop(STOP_GRACE);
      node.start(binary.path());
      awaitListener(node);
    }
    awaitHealth(node, HEALTH_SEALED);
  }

  /**
   * Unseals a node with the cluster's key and waits until it is active (200) or standby (429).
   *
   * @param i the node number, from 1
   */
  public void unseal(int i) {
    ClusterNode node = node(i);
    unsealOnly(node);
    awaitHealth(node, HEALTH_ACTIVE, HEALTH_STANDBY);
  }

  /**
   * Unseals a node with another key (for example the source cluster's after a forced restore) and
   * waits until it is active or standby.
   *
   * @param i the node number, from 1
   * @param key the unseal key (base64)
   */
  public void unseal(int i, String key) {
    ClusterNode node = node(i);
    http.send(
            "PUT", node.apiAddress() + "/v1/sys/unseal", null, Map.of("key", key), REQUEST_TIMEOUT)
        .expect(200);
    awaitHealth(node, HEALTH_ACTIVE, HEALTH_STANDBY);
  }

  /**
   * The status {@code GET /v1/sys/health} answers: 200 active, 429 standby, 501 not initialised,
   * 503 sealed, -1 no answer.
   *
   * @param i the node number, from 1
   * @return the status
   */
  public int health(int i) {
    return health(node(i));
  }

  /**
   * Waits until a node's {@code sys/health} answers one of the given statuses.
   *
   * @param i the node number, from 1
   * @param statuses the wanted statuses (see {@link #health(int)})
   */
  public void awaitHealth(int i, int... statuses) {
    awaitHealth(node(i), statuses);
  }

  /**
   * The last lines of a node's log.
   *
   * @param i the node number, from 1
   * @param lines how many
   * @return the lines, joined
   */
  public String logTail(int i, int lines) {
    return node(i).logTail(lines);
  }

  /**
   * The last lines of every node's log, each under a header, for a failure report.
   *
   * @param lines how many per node
   * @return the report
   */
  public String logTails(int lines) {
    StringBuilder out = new StringBuilder();
    for (ClusterNode node : nodes) {
      out.append("----- ")
          .append(node.nodeId)
          .append(" (")
          .append(node.apiAddress())
          .append(") ")
          .append(node.log)
          .append('\n')
          .append(node.logTail(lines))
          .append('\n');
    }
    return out.toString();
  }

  /** Sends the key; a joiner reports itself unsealed only once the join completes, so wait. */
  private void unsealOnly(ClusterNode node) {
    http.send(
            "PUT",
            node.apiAddress() + "/v1/sys/unseal",
            null,
            Map.of("key", unsealKey()),
            REQUEST_TIMEOUT)
        .expect(200);
  }

  private int health(ClusterNode node) {
    return http.send("GET", node.apiAddress() + "/v1/sys/health", null, null, Duration.ofSeconds(2))
        .status();
  }

  private void awaitListener(ClusterNode node) {
    await(
        node.nodeId + " listening on " + node.apiAddress(),
        stepTimeout,
        () -> {
          if (!node.alive()) {
            throw new IllegalStateException(
                node.nodeId + " exited; log:\n" + node.logTail(LOG_TAIL_LINES));
          }
          return health(node) != -1 ? Boolean.TRUE : null;
        });
  }

  private void awaitHealth(ClusterNode node, int... wanted) {
    int[] last = {-1};
    try {
      await(
          node.nodeId + " health " + java.util.Arrays.toString(wanted),
          stepTimeout,
          () -> {
            last[0] = health(node);
            for (int w : wanted) {
              if (last[0] == w) {
                return Boolean.TRUE;
              }
            }
            return null;
          });
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + " (last status " + last[0] + ")", e);
    }
  }

  private static <T> T await(String what, Duration timeout, Supplier<@Nullable T> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  private ClusterNode node(int i) {
    if (i < 1 || i > nodes.size()) {
      throw new IllegalArgumentException(
          "node number must be between 1 and " + nodes.size() + ", was " + i);
    }
    return nodes.get(i - 1);
  }

  private static String requireStarted(@Nullable String value) {
    if (value == null) {
      throw new IllegalStateException("the cluster is not initialised");
    }
    return value;
  }

  /**
   * A snapshot of every node's state, for messages.
   *
   * @return node id to health status
   */
  public Map<String, Integer> healthByNode() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (ClusterNode node : nodes) {
      out.put(node.nodeId, node.alive() ? health(node) : -1);
    }
    return out;
  }

  // ---------------------------------------------------------------- cleanup

  /** Stops every node (SIGTERM, SIGKILL after a grace period) and deletes the folders. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: this is the hook
    }
    closeQuietly();
  }

  private void closeQuietly() {
    // The data is thrown away, so a long graceful shutdown buys nothing: signal all, then wait.
    nodes.forEach(ClusterNode::signalStop);
    nodes.forEach(n -> n.awaitExit(Duration.ofSeconds(3)));
    if (Boolean.getBoolean("vaultx.cluster.keep")) {
      System.err.println("vaultx.cluster.keep: leaving " + baseDir);
      return;
    }
    deleteRecursively(baseDir);
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e)
                throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      System.err.println("could not delete " + root + ": " + e);
    }
  }

  @Override
  public String toString() {
    return "LocalRaftCluster" + addresses();
  }
}
