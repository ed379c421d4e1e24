package io.github.vaultx.raft.testing;

import static io.github.vaultx.raft.testing.ServerFlavour.HEALTH_ACTIVE;
import static io.github.vaultx.raft.testing.ServerFlavour.HEALTH_SEALED;
import static io.github.vaultx.raft.testing.ServerFlavour.HEALTH_STANDBY;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A throwaway Raft cluster of real server processes on 127.0.0.1, for integration tests and demos.
 *
 * <p>{@code LocalRaftCluster.builder().nodes(3).start()} finds the server ({@link
 * ServerBinary#locate()}), gives every node free API and cluster ports, its own temporary folder,
 * config and log, initialises and unseals node 1, joins and unseals the others and waits until
 * autopilot reports every node as a healthy voter. Closing it (or the JVM exiting) stops the
 * processes and deletes the folders; a failed start cleans up too and prints the end of every
 * node's log. {@link RaftClusterExtension} does this per JUnit test class.
 *
 * <p>Nodes are numbered from 1, as in their node ids ({@code node-1}, {@code node-2}, ...), so
 * {@code stop(2)} stops {@code node-2}; {@code addresses().get(i - 1)} is {@code address(i)}. The
 * harness talks to the nodes with {@link SysApi}, never with a Raft client library, so it can test
 * any client. The system property {@code vaultx.cluster.keep=true} keeps the folders (logs, data).
 *
 * <p>Started with {@link LocalRaftClusterBuilder#faultProxies()}, every node also sits behind a
 * {@link FaultProxy} link: {@link #proxiedAddresses()} for the client under test, {@link
 * #faults(int)} to add latency, cap bandwidth, reset, black-hole or take down node {@code i}'s
 * link.
 */
public final class LocalRaftCluster implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final int LOG_TAIL_LINES = 40;

  private final ServerBinary binary;
  private final Duration stepTimeout;
  private final ClusterFolder folder;
  private final @Nullable ClusterTls tls;
  private final @Nullable FaultProxy faultProxy;
  private final @Nullable Path auditLog;
  private final Map<String, String> listenerSettings;
  private final List<ClusterNode> nodes = new ArrayList<>();
  private final List<FaultLink> links = new ArrayList<>();
  private final SysApi sys;
  private final ClusterWaits waits;
  private final Thread shutdownHook =
      new Thread(this::stopAndDelete, "vaultx-raft-cluster-cleanup");
  private SysApi.@Nullable InitKeys keys;
  private boolean closed;

  private LocalRaftCluster(
      ServerBinary binary,
      Duration stepTimeout,
      @Nullable ClusterTls tls,
      ClusterFolder folder,
      @Nullable FaultProxy faultProxy,
      boolean auditLog,
      Map<String, String> listenerSettings) {
    this.binary = binary;
    this.listenerSettings = listenerSettings;
    this.auditLog = auditLog ? folder.root().resolve("audit.log") : null;
    this.faultProxy = faultProxy;
    this.stepTimeout = stepTimeout;
    this.folder = folder;
    this.tls = tls;
    this.sys = tls == null ? SysApi.create() : SysApi.create(tls);
    this.waits = new ClusterWaits(nodes, sys, stepTimeout);
  }

  /** A builder for a 3-node cluster of the {@linkplain ServerBinary#locate() located} server. */
  public static LocalRaftClusterBuilder builder() {
    return new LocalRaftClusterBuilder();
  }

  /** Starts the cluster {@code settings} describes (LocalRaftClusterBuilder#start). */
  static LocalRaftCluster start(LocalRaftClusterBuilder settings) {
    ClusterFolder folder = ClusterFolder.create();
    @Nullable ClusterTls tls = settings.tls();
    if (tls != null) {
      tls.writeFiles(folder.tls());
    }
    @Nullable ServerBinary binary = settings.serverBinary();
    LocalRaftCluster cluster;
    try {
      cluster =
          new LocalRaftCluster(
              binary != null ? binary : ServerBinary.locate(),
              settings.stepTimeout(),
              tls,
              folder,
              settings.hasFaultProxies() ? FaultProxy.start() : null,
              settings.hasAuditLog(),
              settings.listenerSettings());
    } catch (RuntimeException | Error e) {
      folder.delete();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      for (int i = 0; i < settings.nodes(); i++) {
        cluster.startNode();
      }
      cluster.nodes.forEach(cluster.waits::listening);
      cluster.keys =
          new ClusterFormation(
                  cluster.sys, cluster.waits, cluster.flavour(), tls, cluster.stepTimeout)
              .form(cluster.nodes);
      cluster.enableAuditLog();
      return cluster;
    } catch (RuntimeException | Error e) {
      System.err.println(cluster.logTails(LOG_TAIL_LINES));
      cluster.close();
      throw e;
    }
  }

  private ClusterNode startNode() {
    List<Integer> reserved = new ArrayList<>();
    nodes.forEach(n -> reserved.addAll(List.of(n.apiPort, n.clusterPort)));
    nodes.forEach(n -> reserved.add(n.proxyPort));
    List<Integer> ports = FreePorts.take(faultProxy == null ? 2 : 3, reserved);
    int i = nodes.size() + 1;
    int proxyPort = faultProxy == null ? 0 : ports.get(2);
    ClusterNode node =
        new ClusterNode(i, ports.get(0), ports.get(1), proxyPort, folder.node(i), tls);
    NodeConfig.write(node, flavour(), auditLog, listenerSettings);
    nodes.add(node);
    if (faultProxy != null) {
      links.add(faultProxy.link(node.nodeId, proxyPort, "127.0.0.1:" + node.apiPort));
    }
    node.start(binary.path());
    return node;
  }

  private void enableAuditLog() {
    if (auditLog == null || flavour().declaresAuditDevicesInConfig()) {
      return;
    }
    sys.ok(
        "PUT",
        URI.create(leaderAddress()),
        "sys/audit/" + NodeConfig.AUDIT_PATH,
        rootToken(),
        Map.of("type", "file", "options", Map.of("file_path", auditLog.toString())));
  }

  /**
   * The file the cluster's audit device writes, one JSON object per request and per response
   * (request data HMAC'd: compare with {@link #auditHash(String)}); only the active node writes to
   * it, standbys forward.
   *
   * @return the file
   * @throws IllegalStateException if the cluster was started without {@link
   *     LocalRaftClusterBuilder#auditLog()}
   */
  public Path auditLog() {
    if (auditLog == null) {
      throw new IllegalStateException(
          "the cluster has no audit log: start it with LocalRaftCluster.builder().auditLog()");
    }
    return auditLog;
  }

  /**
   * How the audit log writes a string value: {@code POST /v1/sys/audit-hash/:path}.
   *
   * @param input a value a request carried, for example a server id
   * @return {@code hmac-sha256:...}
   */
  public String auditHash(String input) {
    auditLog();
    SysApi.Response answer =
        sys.send(
                "POST",
                URI.create(leaderAddress()),
                "sys/audit-hash/" + NodeConfig.AUDIT_PATH,
                rootToken(),
                Map.of("input", input))
            .expect(200);
    Object hash = answer.data().get("hash");
    return String.valueOf(hash != null ? hash : answer.json().get("hash"));
  }

  private ServerFlavour flavour() {
    return binary.flavour();
  }

  /** The API addresses of all nodes, node 1 first: {@code [http://127.0.0.1:40123, ...]}. */
  public List<String> addresses() {
    return nodes.stream().map(ClusterNode::apiAddress).toList();
  }

  /** The API address of node {@code i} (from 1), for example {@code http://127.0.0.1:40123}. */
  public String address(int i) {
    return node(i).apiAddress();
  }

  /**
   * The addresses of all nodes' fault-proxy links, node 1 first: what to give a client under test
   * when the test injects network faults ({@link LocalRaftClusterBuilder#faultProxies()}).
   *
   * @return for example {@code [http://127.0.0.1:40125, ...]}
   * @throws IllegalStateException if the cluster was started without fault proxies
   */
  public List<String> proxiedAddresses() {
    return nodes.stream().map(ClusterNode::proxiedAddress).toList();
  }

  /**
   * The address of node {@code i}'s fault-proxy link, which is also the node's {@code api_addr}.
   *
   * @param i the node number, from 1
   * @return for example {@code http://127.0.0.1:40125}
   * @throws IllegalStateException if the cluster was started without fault proxies
   */
  public String proxiedAddress(int i) {
    return node(i).proxiedAddress();
  }

  /**
   * The fault-proxy link in front of node {@code i}: add {@link Toxic}s to it or take it down.
   *
   * @param i the node number, from 1
   * @return the link
   * @throws IllegalStateException if the cluster was started without fault proxies
   */
  public FaultLink faults(int i) {
    faultProxy();
    node(i);
    return links.get(i - 1);
  }

  /**
   * The fault proxy in front of the nodes.
   *
   * @return the proxy
   * @throws IllegalStateException if the cluster was started without fault proxies
   */
  public FaultProxy faultProxy() {
    if (faultProxy == null) {
      throw new IllegalStateException(
          "the cluster has no fault proxy: start it with LocalRaftCluster.builder().faultProxies()");
    }
    return faultProxy;
  }

  /** Removes every fault and brings every link up; does nothing without fault proxies. */
  public void clearFaults() {
    if (faultProxy != null) {
      faultProxy.reset();
    }
  }

  /**
   * The Raft address of node {@code i} as the Raft configuration reports it: {@code
   * 127.0.0.1:40124}.
   */
  public String clusterAddress(int i) {
    return "127.0.0.1:" + node(i).clusterPort;
  }

  /** The Raft node id of node {@code i}: {@code node-<i>}. */
  public String nodeId(int i) {
    return node(i).nodeId;
  }

  /** The node ids of all nodes ever started, node 1 first: {@code [node-1, node-2, ...]}. */
  public List<String> nodeIds() {
    return nodes.stream().map(n -> n.nodeId).toList();
  }

  /** The number of nodes ever started, stopped and removed ones included. */
  public int size() {
    return nodes.size();
  }

  /** The root token from the initialisation. */
  public String rootToken() {
    return keys().rootToken();
  }

  /** The single unseal key (base64) from the initialisation. */
  public String unsealKey() {
    return keys().unsealKey();
  }

  /** The server this cluster runs: the binary and its flavour. */
  public ServerBinary serverBinary() {
    return binary;
  }

  /** The certificates a client under test must trust and present; empty for plain http. */
  public Optional<ClusterTls> tls() {
    return Optional.ofNullable(tls);
  }

  /** The helper the harness talks to the nodes with, for set-up the methods here do not cover. */
  public SysApi sys() {
    return sys;
  }

  /** The number of the active node, waiting up to the step timeout for one. */
  public int leaderIndex() {
    return waitForLeader(stepTimeout);
  }

  /** The API address of the active node, waiting up to the step timeout for one. */
  public String leaderAddress() {
    return address(leaderIndex());
  }

  /** The number of the lowest-numbered unsealed standby, waiting up to the step timeout. */
  public int followerIndex() {
    return waits.anyNode("an unsealed standby", HEALTH_STANDBY, stepTimeout);
  }

  /** Waits until some node answers {@code sys/health} with 200 (active); its number. */
  public int waitForLeader(Duration timeout) {
    return waits.anyNode("an active node", HEALTH_ACTIVE, timeout);
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
    waits.healthyVoters(count, timeout, rootToken());
  }

  /**
   * The status {@code GET /v1/sys/health} answers: 200 active, 429 standby, 501 not initialised,
   * 503 sealed, -1 no answer (see {@link ServerFlavour#HEALTH_ACTIVE} and its siblings).
   *
   * @param i the node number, from 1
   * @return the status
   */
  public int health(int i) {
    return waits.health(node(i));
  }

  /** Waits until node {@code i}'s {@code sys/health} answers one of {@code statuses}. */
  public void awaitHealth(int i, int... statuses) {
    waits.health(node(i), statuses);
  }

  /** Every node's {@link #health(int)} by node id (-1 for a stopped node), for messages. */
  public Map<String, Integer> healthByNode() {
    return waits.healthByNode();
  }

  /**
   * Writes {@code key=value} at {@code secret/<path>}, mounting KV v1 at {@code secret/} if needed.
   */
  public void enableKvAndWrite(String path, String key, String value) {
    sys.writeKv(URI.create(leaderAddress()), rootToken(), path, key, value);
  }

  /**
   * Mounts a secrets engine, as {@code vault secrets enable -path=PATH TYPE} does ({@code POST
   * sys/mounts/:path}); for example {@code enableSecretsEngine("leases", "kv", Map.of("version",
   * "2"))} for KV version 2.
   *
   * @param path the mount path
   * @param type the engine type, for example {@code kv}
   * @param options the engine's options (KV's {@code version}), empty for none
   * @throws IllegalStateException if the server refuses, for example because the path is in use
   */
  public void enableSecretsEngine(String path, String type, Map<String, String> options) {
    sys.ok(
        "POST",
        URI.create(leaderAddress()),
        "sys/mounts/" + path,
        rootToken(),
        Map.of("type", type, "options", options));
  }

  /** Reads a field written by {@link #enableKvAndWrite}; empty if it or its mount is not there. */
  public Optional<String> readKv(String path, String key) {
    return sys.readKv(URI.create(leaderAddress()), rootToken(), path, key);
  }

  /** Writes an ACL policy and returns a new token with only that policy (no {@code default}). */
  public String createToken(String policyName, String policyHcl) {
    return sys.createToken(URI.create(leaderAddress()), rootToken(), policyName, policyHcl);
  }

  /** Starts one more node, not joined nor initialised, waits until it listens; its number. */
  public int addNode() {
    ClusterNode node = startNode();
    waits.listening(node);
    return node.index;
  }

  /** Stops node {@code i} with SIGTERM (SIGKILL after 10 seconds) and waits for the exit. */
  public void stop(int i) {
    node(i).stop(STOP_GRACE);
  }

  /** Kills node {@code i} with SIGKILL and waits for the exit. */
  public void kill(int i) {
    node(i).kill();
  }

  /** Freezes node {@code i} with SIGSTOP: it keeps its sockets but answers nothing, as if hung. */
  public void pause(int i) {
    node(i).signal("STOP");
  }

  /** Thaws a node frozen by {@link #pause(int)} with SIGCONT. */
  public void resume(int i) {
    node(i).signal("CONT");
  }

  /** Restarts node {@code i} on its folder and ports, unseals it, waits until active or standby. */
  public void restart(int i) {
    restartSealed(node(i));
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
    if (waits.health(node) == HEALTH_ACTIVE) {
      sys.seal(node.uri(), rootToken());
    } else {
      restartSealed(node);
    }
    waits.health(node, HEALTH_SEALED);
  }

  private void restartSealed(ClusterNode node) {
    node.stop(STOP_GRACE);
    node.start(binary.path());
    waits.listening(node);
  }

  /** Unseals node {@code i} with the cluster's key and waits until it is active or standby. */
  public void unseal(int i) {
    unseal(i, unsealKey());
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
    sys.unseal(node.uri(), key);
    waits.health(node, HEALTH_ACTIVE, HEALTH_STANDBY);
  }

  /** The last {@code lines} lines of node {@code i}'s log. */
  public String logTail(int i, int lines) {
    return node(i).logTail(lines);
  }

  /**
   * The last {@code lines} lines of every node's log, each under a header, for a failure report.
   */
  public String logTails(int lines) {
    StringBuilder out = new StringBuilder();
    for (ClusterNode node : nodes) {
      out.append("----- ").append(node.nodeId).append(" (").append(node.apiAddress()).append(") ");
      out.append(node.log).append('\n').append(node.logTail(lines)).append('\n');
    }
    return out.toString();
  }

  ClusterNode node(int i) {
    if (i < 1 || i > nodes.size()) {
      throw new IllegalArgumentException(
          "node number must be between 1 and " + nodes.size() + ", was " + i);
    }
    return nodes.get(i - 1);
  }

  private SysApi.InitKeys keys() {
    if (keys == null) {
      throw new IllegalStateException("the cluster is not initialised");
    }
    return keys;
  }

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
    stopAndDelete();
  }

  private void stopAndDelete() {
    // The data is thrown away, so a long graceful shutdown buys nothing: signal all, then wait.
    nodes.forEach(ClusterNode::signalStop);
    nodes.forEach(n -> n.awaitExit(Duration.ofSeconds(3)));
    if (faultProxy != null) {
      faultProxy.close();
    }
    folder.delete();
  }

  @Override
  public String toString() {
    return "LocalRaftCluster" + addresses();
  }
}
