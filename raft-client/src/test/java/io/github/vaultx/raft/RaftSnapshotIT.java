package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot download and restore against real servers. Each test writes its own KV paths and only
 * restores a snapshot it took itself, so a restore never undoes another test's data.
 */
class RaftSnapshotIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void takeThenRestoreRaftSnapshot_bringsTheDataBackToTheSnapshotsState() throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    cluster.enableKvAndWrite("roundtrip/a", "value", "before");
    Path file = dir.resolve("roundtrip.snap");

    try (VaultRaftClient client = ClusterClients.client(cluster)) {
      SnapshotInfo info = client.takeRaftSnapshot(file);

      assertThat(info.sizeBytes()).isPositive().isEqualTo(Files.size(file));
      assertThat(info.sha256()).isEqualTo(sha256(file));

      cluster.enableKvAndWrite("roundtrip/a", "value", "after");
      cluster.enableKvAndWrite("roundtrip/b", "value", "new");

      client.restoreRaftSnapshot(file);
    }

    // The restore is applied after the reply.
    awaitValue(() -> cluster.readKv("roundtrip/a", "value"), Optional.of("before"));
    awaitValue(() -> cluster.readKv("roundtrip/b", "value"), Optional.empty());
    cluster.waitForLeader(WAIT);
  }

  @Test
  void takeAndRestoreRaftSnapshot_throughAStandby_followTheRedirectToTheActiveNode()
      throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int standby = cluster.followerIndex();
    cluster.enableKvAndWrite("standby/a", "value", "before");
    Path file = dir.resolve("standby.snap");

    try (VaultRaftClient client = ClusterClients.clientFor(cluster, standby)) {
      SnapshotInfo info = client.takeRaftSnapshot(file);
      assertThat(info.sizeBytes()).isPositive().isEqualTo(Files.size(file));

      cluster.enableKvAndWrite("standby/a", "value", "after");
      client.restoreRaftSnapshot(file);
    }

    awaitValue(() -> cluster.readKv("standby/a", "value"), Optional.of("before"));
    cluster.waitForLeader(WAIT);
  }

  @Test
  void restoreRaftSnapshot_intoAnotherCluster_isRefusedButForcedRestoreReplacesItsState() {
    LocalRaftCluster source = CLUSTER.cluster();
    source.enableKvAndWrite("migrate/a", "value", "from-source");
    Path file = dir.resolve("source.snap");
    try (VaultRaftClient client = ClusterClients.client(source)) {
      client.takeRaftSnapshot(file);
    }

    try (LocalRaftCluster target = LocalRaftCluster.builder().nodes(1).start();
        VaultRaftClient client = ClusterClients.client(target)) {

      assertThatThrownBy(() -> client.restoreRaftSnapshot(file))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.errors())
                    .containsExactly(
                        "could not verify hash file, possibly the snapshot is using a different"
                            + " set of unseal keys; use the snapshot-force API to bypass this"
                            + " check");
              });

      client.forceRestoreRaftSnapshot(file);

      // The target now holds the source's keyring under the source's unseal key: it seals
      // itself, its own key no longer opens it, the source's key and root token do.
      target.awaitHealth(1, 503);
      assertThatThrownBy(() -> target.unseal(1, target.unsealKey()))
          .hasMessageContaining(
              "unable to retrieve stored keys: invalid key: failed to decrypt keys from storage");
      target.unseal(1, source.unsealKey());
      target.awaitHealth(1, 200);
      try (VaultRaftClient withSourceToken =
          ClusterClients.clientFor(target, 1, source.rootToken())) {
        assertThat(withSourceToken.readRaftConfig().servers())
            .singleElement()
            .satisfies(s -> assertThat(s.address()).isEqualTo(target.clusterAddress(1)));
      }
      try (VaultRaftClient withOwnToken = ClusterClients.clientFor(target, 1, target.rootToken())) {
        assertThatThrownBy(withOwnToken::readRaftConfig)
            .isInstanceOf(PermissionDeniedException.class);
      }
    }
  }

  /**
   * Polls until the probe answers {@code expected}; errors while the restore applies count as not
   * yet.
   */
  private static <T> void awaitValue(Supplier<T> probe, T expected) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsInstanceOf(IllegalStateException.class)
        .until(probe::get, expected::equals);
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
