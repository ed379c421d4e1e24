package io.github.vaultx.raft.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.ClusterClients;
import io.github.vaultx.raft.IncompleteSnapshotException;
import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.testing.FaultLink;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import io.github.vaultx.raft.testing.Toxic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A snapshot of more than 100 MiB over a link capped by a real fault proxy: it completes with
 * progress reported and the snapshot idle timeout (2 s here) never fires while bytes flow; when the
 * link stalls for longer than that, the save fails with the idle-timeout message and leaves no
 * file. Both clients, one cluster; figures printed, never asserted.
 */
@ParameterizedClass
@EnumSource(ClientKind.class)
class SlowLinkSnapshotIT {
  @RegisterExtension
  static final RaftClusterExtension CLUSTER =
      RaftClusterExtension.of(LocalRaftCluster.builder().faultProxies());

  static final long MIB = 1024 * 1024;
  static final long MIN_SNAPSHOT = 100 * MIB;
  static final int VALUE_BYTES = 768 * 1024;
  static final long CAP_KB_PER_SECOND = 10_000;
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

  private final ClientKind kind;

  @TempDir Path dir;

  SlowLinkSnapshotIT(ClientKind kind) {
    this.kind = kind;
  }

  /**
   * Fills KV with random base64 text. Neither server compresses it in the snapshot (Vault 1.21.4
   * and OpenBao 2.7.2 both write a gzip stream of about the size of the values), so a little over
   * 100 MiB of values make a snapshot over 100 MiB.
   */
  @BeforeAll
  static void fill() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int values = (int) (MIN_SNAPSHOT / VALUE_BYTES) + 4;
    Random random = new Random(22);
    byte[] raw = new byte[VALUE_BYTES * 3 / 4];
    long start = System.nanoTime();
    for (int i = 0; i < values; i++) {
      random.nextBytes(raw);
      cluster.enableKvAndWrite("bulk/" + i, "value", Base64.getEncoder().encodeToString(raw));
    }
    System.out.printf(
        "FIGURE wrote %d values of %d KiB in %d ms%n",
        values, VALUE_BYTES / 1024, (System.nanoTime() - start) / 1_000_000);
  }

  VaultRaftClient client(int node) {
    LocalRaftCluster cluster = CLUSTER.cluster();
    return kind.view(
        ClusterClients.builder(cluster)
            .address(cluster.proxiedAddress(node))
            .token(cluster.rootToken())
            .snapshotIdleTimeout(IDLE_TIMEOUT)
            .build());
  }

  @Test
  void bandwidthCapped_snapshotOver100MiB_completesWithProgress_idleTimeoutNeverFires() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int leader = cluster.leaderIndex();
    cluster.faults(leader).add(Toxic.bandwidth(CAP_KB_PER_SECOND));
    Path target = dir.resolve("capped.snap");
    AtomicLong reports = new AtomicLong();
    AtomicLong last = new AtomicLong();
    AtomicLong backwards = new AtomicLong();

    try (VaultRaftClient client = client(leader)) {
      long start = System.nanoTime();
      SnapshotInfo saved =
          client.takeRaftSnapshot(
              target,
              bytes -> {
                reports.incrementAndGet();
                if (bytes < last.getAndSet(bytes)) {
                  backwards.incrementAndGet();
                }
              });
      long ms = (System.nanoTime() - start) / 1_000_000;

      assertThat(saved.sizeBytes()).isGreaterThan(MIN_SNAPSHOT);
      assertThat(target).isRegularFile().hasSize(saved.sizeBytes());
      assertThat(last.get()).isEqualTo(saved.sizeBytes());
      assertThat(backwards.get()).as("progress reports that went backwards").isZero();
      assertThat(reports.get()).as("progress reports").isGreaterThan(100);
      System.out.printf(
          "FIGURE %s: %d-byte snapshot through a %d KB/s cap in %d ms (%.1f MB/s), %d progress"
              + " reports, snapshot idle timeout %s never fired%n",
          kind,
          saved.sizeBytes(),
          CAP_KB_PER_SECOND,
          ms,
          saved.sizeBytes() / 1e3 / ms,
          reports.get(),
          IDLE_TIMEOUT);
    }
  }

  @Test
  void linkStallsLongerThanTheIdleTimeout_saveFailsWithTheIdleTimeoutMessage_leavesNoFile()
      throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int leader = cluster.leaderIndex();
    FaultLink link = cluster.faults(leader);
    link.add(Toxic.bandwidth(CAP_KB_PER_SECOND));
    Path target = dir.resolve("stalled.snap");
    AtomicLong received = new AtomicLong();

    try (VaultRaftClient client = client(leader)) {
      CompletableFuture<SnapshotInfo> save =
          CompletableFuture.supplyAsync(() -> client.takeRaftSnapshot(target, received::set));
      Awaitility.await("10 MiB received")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> received.get() >= 10 * MIB || save.isDone());
      assertThat(save).as("the save is still under way").isNotDone();
      link.add(Toxic.blackHole());
      long stalled = System.nanoTime();

      assertThatThrownBy(save::join)
          .cause()
          .isInstanceOfSatisfying(
              IncompleteSnapshotException.class,
              e ->
                  assertThat(e.getMessage())
                      .startsWith("incomplete snapshot on GET /v1/sys/storage/raft/snapshot after")
                      .endsWith(
                          "no data for 2s (the snapshot idle timeout, set by snapshotIdleTimeout)"));
      long failedAfterMs = (System.nanoTime() - stalled) / 1_000_000;
      assertThat(target).doesNotExist();
      assertThat(NetworkFaultsIT.listFiles(dir)).as("files left").isEmpty();
      System.out.printf(
          "FIGURE %s: link stalled after %d bytes of a snapshot save: failed %d ms later with the"
              + " snapshot idle timeout (%s), no file left%n",
          kind, received.get(), failedAfterMs, IDLE_TIMEOUT);
    }
  }
}
