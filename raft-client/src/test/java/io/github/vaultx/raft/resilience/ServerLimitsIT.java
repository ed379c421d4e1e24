package io.github.vaultx.raft.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.ClusterClients;
import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultServerException;
import io.github.vaultx.raft.testing.FaultLink;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import io.github.vaultx.raft.testing.Toxic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server's own limits do to a snapshot transfer that outlasts them, on the real server:
 * every node runs with {@code http_read_timeout} and {@code max_request_duration} at 2 s, and a
 * fault proxy caps the link so that a 4 MiB snapshot takes about 8 s each way. The read deadline
 * cuts a restore's upload (the server answers 500 with Go's "i/o timeout", the client's message
 * names the setting to raise, and the cluster keeps its data); neither limit cuts a save.
 * benchmarks/big-snapshot.sh shows the same on multi-gigabyte snapshots without a proxy.
 */
class ServerLimitsIT {
  static final Duration LIMIT = Duration.ofSeconds(2);
  static final String LIMIT_SETTING = LIMIT.toSeconds() + "s";
  static final long CAP_KB_PER_SECOND = 512;
  static final int VALUES = 6;
  static final int VALUE_BYTES = 768 * 1024;

  @RegisterExtension
  static final RaftClusterExtension CLUSTER =
      RaftClusterExtension.of(
          LocalRaftCluster.builder()
              .nodes(1)
              .faultProxies()
              .listenerSetting("http_read_timeout", LIMIT_SETTING)
              .listenerSetting("max_request_duration", LIMIT_SETTING));

  @TempDir Path dir;

  /** Random base64 text, which neither server compresses in a snapshot: about 4.5 MiB of it. */
  @BeforeAll
  static void fill() {
    Random random = new Random(26);
    byte[] raw = new byte[VALUE_BYTES * 3 / 4];
    for (int i = 0; i < VALUES; i++) {
      random.nextBytes(raw);
      CLUSTER
          .cluster()
          .enableKvAndWrite("bulk/" + i, "value", Base64.getEncoder().encodeToString(raw));
    }
  }

  VaultRaftClient client() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    return ClusterClients.builder(cluster)
        .address(cluster.proxiedAddress(1))
        .token(cluster.rootToken())
        .build();
  }

  @Test
  void restoreSlowerThanHttpReadTimeout_isCut_messageNamesTheSetting_clusterKeepsItsData()
      throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    cluster.enableKvAndWrite("marker", "value", "in-the-snapshot");
    Path snapshot = dir.resolve("limits.snap");
    FaultLink link = cluster.faults(1);
    try (VaultRaftClient client = client()) {
      client.takeRaftSnapshot(snapshot);
      cluster.enableKvAndWrite("marker", "value", "written-after");
      link.add(Toxic.bandwidth(CAP_KB_PER_SECOND).upstream());
      long start = System.nanoTime();

      assertThatThrownBy(() -> client.restoreRaftSnapshot(snapshot))
          .isInstanceOfSatisfying(
              VaultServerException.class, e -> assertThat(e.statusCode()).isEqualTo(500))
          .hasMessageContaining("i/o timeout")
          .hasMessageContaining("http_read_timeout (30s unless set) bounds a whole upload");
      long cutAfterMs = (System.nanoTime() - start) / 1_000_000;

      cluster.clearFaults();
      assertThat(cluster.readKv("marker", "value"))
          .as("the data after a cut restore")
          .contains("written-after");
      System.out.printf(
          "FIGURE %s: a %d-byte restore through a %d KB/s link was cut by http_read_timeout=%s"
              + " after %d ms; the cluster kept its data%n",
          cluster.serverBinary().flavour(),
          Files.size(snapshot),
          CAP_KB_PER_SECOND,
          LIMIT_SETTING,
          cutAfterMs);

      client.restoreRaftSnapshot(snapshot);
      Awaitility.await("the restored data")
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .untilAsserted(
              () -> assertThat(cluster.readKv("marker", "value")).contains("in-the-snapshot"));
    }
  }

  @Test
  void saveSlowerThanBothLimits_completes() throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    cluster.faults(1).add(Toxic.bandwidth(CAP_KB_PER_SECOND));
    Path target = dir.resolve("slow.snap");
    try (VaultRaftClient client = client()) {
      long start = System.nanoTime();
      SnapshotInfo saved = client.takeRaftSnapshot(target);
      long ms = (System.nanoTime() - start) / 1_000_000;

      assertThat(Duration.ofMillis(ms))
          .as("the save outlasted both limits, so it tested them")
          .isGreaterThan(LIMIT.multipliedBy(2));
      assertThat(target).isRegularFile().hasSize(saved.sizeBytes());
      System.out.printf(
          "FIGURE %s: a %d-byte save through a %d KB/s link took %d ms, past http_read_timeout"
              + " and max_request_duration (%s): neither cuts a save%n",
          cluster.serverBinary().flavour(),
          saved.sizeBytes(),
          CAP_KB_PER_SECOND,
          ms,
          LIMIT_SETTING);
    } finally {
      cluster.clearFaults();
    }
  }
}
