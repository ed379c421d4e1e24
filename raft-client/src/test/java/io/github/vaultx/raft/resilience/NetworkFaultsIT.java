package io.github.vaultx.raft.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.vaultx.raft.ClusterClients;
import io.github.vaultx.raft.IncompleteSnapshotException;
import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultRaftClientBuilder;
import io.github.vaultx.raft.VaultServerException;
import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.testing.FaultLink;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import io.github.vaultx.raft.testing.SysApi;
import io.github.vaultx.raft.testing.Toxic;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Real network faults between the client and a real cluster, injected by a Toxiproxy link in front
 * of every node (raft-testing's {@code faultProxies()}): resets in the middle of a snapshot save
 * and of a restore, latency with jitter, an answer slower than the whole-call timeout, a
 * black-holed first node, and the active node's link going down while non-idempotent calls run,
 * counted at the server through its audit log. Every case runs through the sync client and its
 * async view on one cluster; the extension clears every fault after each case. Figures are printed
 * as {@code FIGURE} lines (docs/reliability.md), never asserted.
 */
@ParameterizedClass
@EnumSource(ClientKind.class)
class NetworkFaultsIT {
  @RegisterExtension
  static final RaftClusterExtension CLUSTER =
      RaftClusterExtension.of(LocalRaftCluster.builder().faultProxies().auditLog());

  static final Random RANDOM = new Random(22);
  static final String REMOVE_PEER = "sys/storage/raft/remove-peer";

  private final ClientKind kind;

  @TempDir Path dir;

  NetworkFaultsIT(ClientKind kind) {
    this.kind = kind;
  }

  @Test
  void resetInTheMiddleOfASnapshotSave_throwsIncompleteSnapshot_leavesNoFile_thenASaveSucceeds()
      throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int leader = cluster.leaderIndex();
    writeRandomValues(cluster, "save-" + kind, 8, 96 * 1024);
    FaultLink link = cluster.faults(leader);
    // Small pieces 20 ms apart (about 400 KB/s), so the snapshot is still flowing when it is cut.
    link.add(Toxic.slicer(8192, 4096, Duration.ofMillis(20)));
    Path target = dir.resolve("cut.snap");
    AtomicLong received = new AtomicLong();

    try (VaultRaftClient client = client(b -> b.address(cluster.proxiedAddress(leader)))) {
      CompletableFuture<SnapshotInfo> save =
          CompletableFuture.supplyAsync(() -> client.takeRaftSnapshot(target, received::set));
      long cutAt = resetOnceFlowing(link, received, Toxic.resetPeer(Duration.ZERO), save);

      assertThatThrownBy(save::join)
          .cause()
          .isInstanceOfSatisfying(
              IncompleteSnapshotException.class,
              e ->
                  assertThat(e.getMessage())
                      .startsWith("incomplete snapshot on GET /v1/sys/storage/raft/snapshot after")
                      .contains("the connection broke"));
      assertThat(target).doesNotExist();
      assertThat(listFiles(dir)).as("files left in " + dir).isEmpty();

      cluster.clearFaults();
      SnapshotInfo saved = client.takeRaftSnapshot(target);

      assertThat(target).isRegularFile().hasSize(saved.sizeBytes());
      assertThat(saved.sizeBytes()).isGreaterThan(cutAt);
      System.out.printf(
          "FIGURE %s: connection reset after %d bytes of a snapshot save: IncompleteSnapshotException,"
              + " no file left; the next save wrote %d bytes%n",
          kind, cutAt, saved.sizeBytes());
    }
  }

  /**
   * Adds {@code reset} to the link once {@code progress} shows bytes flowing, so that it cuts the
   * transfer in its middle; the bytes moved by then.
   */
  static long resetOnceFlowing(
      FaultLink link, AtomicLong progress, Toxic reset, CompletableFuture<?> transfer) {
    Awaitility.await("a transfer under way")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> progress.get() >= 128 * 1024 || transfer.isDone());
    assertThat(transfer).as("the transfer is still under way").isNotDone();
    long at = progress.get();
    link.add(reset);
    return at;
  }

  @Test
  void resetInTheMiddleOfARestore_clusterKeepsTheOldDataOrTheNew_neverAMix() throws IOException {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int leader = cluster.leaderIndex();
    String prefix = "restore-" + kind;
    int keys = 8;
    writeGeneration(cluster, prefix, keys, "snapshot");
    Path snapshot = dir.resolve("before.snap");
    try (VaultRaftClient client = client(b -> b.addresses(cluster.proxiedAddresses()))) {
      client.takeRaftSnapshot(snapshot);
    }
    writeGeneration(cluster, prefix, keys, "live");
    FaultLink link = cluster.faults(leader);

    try (VaultRaftClient client = client(b -> b.address(cluster.proxiedAddress(leader)))) {
      // The link is down: the request provably never left, and the client says so.
      link.down();
      assertThatThrownBy(() -> client.restoreRaftSnapshot(snapshot))
          .isInstanceOfSatisfying(
              VaultClientException.class,
              e -> {
                assertThat(e.mayHaveReachedServer()).as(e.getMessage()).isFalse();
                assertThat(e.getMessage()).startsWith("no answer on POST /v1/sys/storage/raft/");
              });
      link.up();

      // A reset while the body is being sent: the request may have reached the server.
      link.add(Toxic.bandwidth(256).upstream());
      AtomicLong sent = new AtomicLong();
      CompletableFuture<Void> restore =
          CompletableFuture.runAsync(() -> client.restoreRaftSnapshot(snapshot, sent::set));
      long cutAt = resetOnceFlowing(link, sent, Toxic.resetPeer(Duration.ZERO).upstream(), restore);
      assertThatThrownBy(restore::join)
          .cause()
          .isInstanceOfSatisfying(
              VaultClientException.class,
              e -> {
                assertThat(e.mayHaveReachedServer()).as(e.getMessage()).isTrue();
                assertThat(e.getMessage()).startsWith("no answer on POST /v1/sys/storage/raft/");
              });
      cluster.clearFaults();

      String generation = settledGeneration(cluster, prefix, keys);
      System.out.printf(
          "FIGURE %s: connection reset while uploading a restore (%d of %d bytes handed to the"
              + " connection, 256 KB/s): 'may have reached the server'; the cluster holds the %s"
              + " data on all %d keys%n",
          kind, cutAt, Files.size(snapshot), generation, keys);

      // The check tells the two apart: a restore that completes brings back every old value.
      client.restoreRaftSnapshot(snapshot);
      Awaitility.await("restored data")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(() -> settledGeneration(cluster, prefix, keys).equals("snapshot"));
    }
  }

  @Test
  void latencyWithJitterOnEveryNode_callsSucceedWithinTheirTimeouts() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    for (int i = 1; i <= cluster.size(); i++) {
      cluster.faults(i).add(Toxic.latency(Duration.ofMillis(200), Duration.ofMillis(100)));
      cluster.faults(i).add(Toxic.latency(Duration.ofMillis(50), Duration.ofMillis(25)).upstream());
    }
    Map<String, List<Long>> millis = new LinkedHashMap<>();
    try (VaultRaftClient client =
        client(b -> b.addresses(cluster.proxiedAddresses()).timeout(Duration.ofSeconds(5)))) {
      for (int round = 0; round < 3; round++) {
        time(
            millis,
            "readRaftConfig",
            () -> assertThat(client.readRaftConfig().servers()).hasSize(3));
        time(millis, "readRaftAutopilotState", client::readRaftAutopilotState);
        time(millis, "readRaftAutopilotConfig", client::readRaftAutopilotConfig);
        Path file = dir.resolve("latency-" + round + ".snap");
        time(millis, "takeRaftSnapshot", () -> client.takeRaftSnapshot(file));
      }
    }
    System.out.printf(
        "FIGURE %s: latency 200+-100 ms down and 50+-25 ms up on every node, timeout 5 s: every"
            + " call succeeded; ms per call %s%n",
        kind, millis);
  }

  @Test
  void answerSlowerThanTheWholeCallTimeout_failsWithTheWholeCallTimeoutMessage() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int node = cluster.leaderIndex();
    // 16-byte pieces 200 ms apart: data keeps coming (no read timeout), the whole answer is late.
    cluster.faults(node).add(Toxic.slicer(16, 8, Duration.ofMillis(200)));
    try (VaultRaftClient client =
        client(
            b ->
                b.address(cluster.proxiedAddress(node))
                    .timeout(Duration.ofSeconds(1))
                    .maxRetries(0))) {
      long start = System.nanoTime();
      assertThatThrownBy(client::readRaftAutopilotState)
          .isInstanceOfSatisfying(
              VaultClientException.class,
              e -> {
                assertThat(e.getMessage())
                    .startsWith("no answer on GET /v1/sys/storage/raft/autopilot/state from")
                    .endsWith(
                        "timed out after 1s (the whole-call timeout, set by timeout or VAULT_CLIENT_TIMEOUT)");
                assertThat(e.mayHaveReachedServer()).isTrue();
              });
      System.out.printf(
          "FIGURE %s: an answer trickling 16 bytes per 200 ms, timeout 1 s: the whole-call timeout"
              + " fired, the call failed after %d ms%n",
          kind, (System.nanoTime() - start) / 1_000_000);
    }
  }

  @Test
  void blackHoledFirstNode_readsFailOverToTheNext_andTheDebugLogNamesTheTimeoutThatFired() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int hole = cluster.followerIndex();
    FaultLink link = cluster.faults(hole);
    link.add(Toxic.blackHole());
    List<String> addresses = new ArrayList<>(cluster.proxiedAddresses());
    addresses.remove(cluster.proxiedAddress(hole));
    addresses.add(0, cluster.proxiedAddress(hole));
    Logger logger = (Logger) LoggerFactory.getLogger("io.github.vaultx.raft");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try (VaultRaftClient client =
        client(
            b ->
                b.addresses(addresses)
                    .connectTimeout(Duration.ofSeconds(1))
                    .timeout(Duration.ofSeconds(2)))) {
      long start = System.nanoTime();
      assertThat(client.readRaftConfig().servers()).hasSize(3);
      long firstMs = (System.nanoTime() - start) / 1_000_000;
      long next = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        client.readRaftConfig();
      }
      long nextUs = (System.nanoTime() - next) / 10_000;

      assertThat(logs.list)
          .map(ILoggingEvent::getFormattedMessage)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("readRaftConfig fails over from " + link.address())
                      .contains(
                          "timed out after 2s (the whole-call timeout, set by timeout or VAULT_CLIENT_TIMEOUT)"));
      System.out.printf(
          "FIGURE %s: black-holed first node (accepts, never answers), connect timeout 1 s, timeout"
              + " 2 s: the whole-call timeout fired (the connection was accepted, so the connect"
              + " timeout could not), the first read failed over and took %d ms; the next reads went"
              + " to the answering node, %d us each%n",
          kind, firstMs, nextUs);
    } finally {
      logger.detachAppender(logs);
    }
  }

  @Test
  void silentFirstAddress_connectTimeoutFires_andTheLogNamesIt() throws IOException {
    LocalRaftCluster cluster = CLUSTER.cluster();
    // A listener whose accept queue is full: the kernel drops further SYNs, so a connection to it
    // neither succeeds nor is refused - what a firewall that drops packets looks like.
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      List<Socket> queued = fillAcceptQueue(silent);
      String address = "127.0.0.1:" + silent.getLocalPort();
      List<String> addresses = new ArrayList<>();
      addresses.add("http://" + address);
      addresses.addAll(cluster.proxiedAddresses());
      Logger logger = (Logger) LoggerFactory.getLogger("io.github.vaultx.raft");
      ListAppender<ILoggingEvent> logs = new ListAppender<>();
      logs.start();
      logger.addAppender(logs);
      try (VaultRaftClient client =
          client(
              b ->
                  b.addresses(addresses)
                      .connectTimeout(Duration.ofSeconds(1))
                      .timeout(Duration.ofSeconds(5)))) {
        long start = System.nanoTime();
        assertThat(client.readRaftConfig().servers()).hasSize(3);
        long firstMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(logs.list)
            .map(ILoggingEvent::getFormattedMessage)
            .anySatisfy(
                line ->
                    assertThat(line)
                        .contains("readRaftConfig fails over from " + address)
                        .contains(
                            "could not connect within 1s (the connect timeout, set by connectTimeout)"));
        System.out.printf(
            "FIGURE %s: silent first address (SYNs dropped), connect timeout 1 s: the connect"
                + " timeout fired and the read failed over, %d ms in all (%d connections queued to"
                + " fill the listener)%n",
            kind, firstMs, queued.size());
      } finally {
        logger.detachAppender(logs);
        for (Socket socket : queued) {
          socket.close();
        }
      }
    }
  }

  /** Connects to {@code listener} (which never accepts) until a connect attempt times out. */
  static List<Socket> fillAcceptQueue(ServerSocket listener) throws IOException {
    List<Socket> queued = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Socket socket = new Socket();
      try {
        socket.connect(listener.getLocalSocketAddress(), 200);
        queued.add(socket);
      } catch (SocketTimeoutException e) {
        socket.close();
        return queued;
      }
    }
    throw new IllegalStateException("the listener's accept queue never filled up");
  }

  /** What a caller learned of one non-idempotent call. */
  enum Outcome {
    SUCCEEDED,
    SERVER_ANSWERED_AN_ERROR,
    MAY_HAVE_REACHED_SERVER,
    NEVER_SENT
  }

  @Test
  void activeNodesLinkGoesDownWhileRemovePeerCallsRun_noneIsAppliedTwice_failuresSayWhetherSent()
      throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    // On every node's link: slow answers, so links often go down with a request in flight, and 40%
    // of the connections reset before the answer passes - the server acted, the caller cannot
    // know: the case a careless retry turns into two. Each link goes down and up on its own, so
    // failover sometimes finds every link down.
    List<CompletableFuture<Integer>> flaps = new ArrayList<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    for (int i = 1; i <= cluster.size(); i++) {
      FaultLink link = cluster.faults(i);
      link.add(Toxic.latency(Duration.ofMillis(100), Duration.ofMillis(50)));
      link.add(Toxic.resetPeer(Duration.ofMillis(60)).toxicity(0.4));
      flaps.add(CompletableFuture.supplyAsync(() -> flap(link, writing)));
    }
    List<String> addresses = new ArrayList<>(cluster.proxiedAddresses());
    int leader = cluster.leaderIndex();
    addresses.remove(cluster.proxiedAddress(leader));
    addresses.add(0, cluster.proxiedAddress(leader));

    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    Map<String, String> failures = new HashMap<>();
    try (VaultRaftClient client =
        client(
            b ->
                b.addresses(addresses)
                    .connectTimeout(Duration.ofSeconds(1))
                    .timeout(Duration.ofSeconds(3)))) {
      for (int i = 0; i < 40; i++) {
        String id = "ghost-" + kind + "-" + i;
        try {
          client.removeRaftNode(id);
          outcomes.put(id, Outcome.SUCCEEDED);
        } catch (VaultServerException e) {
          outcomes.put(id, Outcome.SERVER_ANSWERED_AN_ERROR);
          failures.put(id, e.toString());
        } catch (VaultClientException e) {
          outcomes.put(
              id, e.mayHaveReachedServer() ? Outcome.MAY_HAVE_REACHED_SERVER : Outcome.NEVER_SENT);
          failures.put(id, e.toString());
        }
        KillLeaderIT.sleep(Duration.ofMillis(20));
      }
    } finally {
      writing.set(false);
    }
    int flapCount = 0;
    for (CompletableFuture<Integer> flap : flaps) {
      flapCount += flap.get();
    }
    cluster.clearFaults();

    Map<String, Integer> arrived = auditedRequests(cluster, REMOVE_PEER, "server_id");
    Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
    int maybeApplied = 0;
    for (Map.Entry<String, Outcome> call : outcomes.entrySet()) {
      int times = arrived.getOrDefault(cluster.auditHash(call.getKey()), 0);
      String what = call.getKey() + " " + call.getValue() + " " + failures.get(call.getKey());
      assertThat(times).as("requests the server received for " + what).isLessThanOrEqualTo(1);
      switch (call.getValue()) {
        case SUCCEEDED, SERVER_ANSWERED_AN_ERROR -> assertThat(times).as(what).isEqualTo(1);
        case NEVER_SENT -> assertThat(times).as(what).isZero();
        case MAY_HAVE_REACHED_SERVER -> maybeApplied += times;
      }
      byOutcome.merge(call.getValue(), 1, Integer::sum);
    }
    System.out.printf(
        "FIGURE %s: 40 remove-peer calls while the nodes' links (100+-50 ms latency, 40%% of"
            + " connections reset) went down %d times in all: %s; of the 'may have reached' ones the"
            + " server got %d; no request arrived twice (counted in the audit log)%n",
        kind, flapCount, byOutcome, maybeApplied);
  }

  // ---------------------------------------------------------------------------------------------

  /** Takes the link down and up at random intervals while {@code running}; how many times. */
  static int flap(FaultLink link, AtomicBoolean running) {
    Random random = new Random(link.name().hashCode());
    int n = 0;
    while (running.get()) {
      KillLeaderIT.sleep(Duration.ofMillis(200 + random.nextInt(400)));
      link.down();
      KillLeaderIT.sleep(Duration.ofMillis(100 + random.nextInt(200)));
      link.up();
      n++;
    }
    return n;
  }

  VaultRaftClient client(Consumer<VaultRaftClientBuilder> settings) {
    LocalRaftCluster cluster = CLUSTER.cluster();
    VaultRaftClientBuilder builder = ClusterClients.builder(cluster).token(cluster.rootToken());
    settings.accept(builder);
    return kind.view(builder.build());
  }

  static void writeRandomValues(LocalRaftCluster cluster, String prefix, int count, int bytes) {
    byte[] raw = new byte[bytes * 3 / 4];
    for (int i = 0; i < count; i++) {
      RANDOM.nextBytes(raw);
      cluster.enableKvAndWrite(prefix + "/" + i, "value", Base64.getEncoder().encodeToString(raw));
    }
  }

  /** Writes {@code generation} (and 64 KB of noise, so a restore takes a while) to every key. */
  static void writeGeneration(
      LocalRaftCluster cluster, String prefix, int keys, String generation) {
    byte[] raw = new byte[48 * 1024];
    cluster.enableKvAndWrite(prefix + "/mounted", "value", "yes");
    SysApi sys = cluster.sys();
    URI leader = URI.create(cluster.leaderAddress());
    for (int i = 0; i < keys; i++) {
      RANDOM.nextBytes(raw);
      sys.ok(
          "PUT",
          leader,
          "secret/" + prefix + "/" + i,
          cluster.rootToken(),
          Map.of("generation", generation, "noise", Base64.getEncoder().encodeToString(raw)));
    }
  }

  /**
   * The generation every key holds once reads agree twice in a row; fails on a mix. A restore is
   * applied after its answer, so one read alone could catch it half-way on the reading side.
   */
  static String settledGeneration(LocalRaftCluster cluster, String prefix, int keys) {
    Set<String> seen = new HashSet<>();
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < keys; i++) {
        Optional<String> value = cluster.readKv(prefix + "/" + i, "generation");
        seen.add(value.orElse("(missing)"));
      }
      KillLeaderIT.sleep(Duration.ofMillis(500));
    }
    assertThat(seen).as("generations held by the keys of " + prefix).hasSize(1);
    return seen.iterator().next();
  }

  /** How many audited requests to {@code path} carried each (HMAC'd) value of {@code field}. */
  static Map<String, Integer> auditedRequests(LocalRaftCluster cluster, String path, String field)
      throws IOException {
    JsonAdapter<Map<String, Object>> json =
        new Moshi.Builder()
            .build()
            .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    Map<String, Integer> counts = new HashMap<>();
    try (Stream<String> lines = Files.lines(cluster.auditLog())) {
      for (String line : (Iterable<String>) lines::iterator) {
        Map<String, Object> entry = json.fromJson(line);
        if (entry == null || !"request".equals(entry.get("type"))) {
          continue;
        }
        Map<?, ?> request = SysApi.object(entry.get("request"));
        if (path.equals(request.get("path"))) {
          Object value = SysApi.object(request.get("data")).get(field);
          counts.merge(String.valueOf(value), 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  static List<Path> listFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  static void time(Map<String, List<Long>> into, String call, Runnable body) {
    long start = System.nanoTime();
    body.run();
    into.computeIfAbsent(call, c -> new ArrayList<>()).add((System.nanoTime() - start) / 1_000_000);
  }
}
