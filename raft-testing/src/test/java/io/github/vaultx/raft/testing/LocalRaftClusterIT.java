package io.github.vaultx.raft.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness itself against the real server: what the other ITs rely on. */
class LocalRaftClusterIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  @Test
  void start_formsThreeNodesWithOneActiveAndTwoStandbys() {
    LocalRaftCluster cluster = CLUSTER.cluster();

    assertThat(cluster.addresses()).hasSize(3).doesNotHaveDuplicates();
    assertThat(cluster.nodeIds()).containsExactly("node-1", "node-2", "node-3");
    assertThat(cluster.healthByNode().values()).containsExactlyInAnyOrder(200, 429, 429);
    assertThat(cluster.rootToken()).isNotBlank();
    assertThat(cluster.unsealKey()).isNotBlank();
  }

  @Test
  void start_givesEachNodeATempDirectoryInsideItsOwn() throws IOException {
    // A restore writes the snapshot's data to a temp file in the server's TMPDIR first; a node
    // killed meanwhile must not leave gigabytes in the machine's /tmp.
    for (int i = 1; i <= 3; i++) {
      ClusterNode node = CLUSTER.cluster().node(i);
      String environ =
          Files.readString(
              Path.of("/proc/" + node.pid() + "/environ"), StandardCharsets.ISO_8859_1);

      assertThat(environ.split("\0")).contains("TMPDIR=" + node.dir.resolve("tmp"));
      assertThat(node.dir.resolve("tmp")).isDirectory();
    }
  }

  @Test
  void sealAndUnseal_onStandby_restartsItSealedThenBringsItBack() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int follower = cluster.followerIndex();

    cluster.seal(follower);
    assertThat(cluster.health(follower)).isEqualTo(503);

    cluster.unseal(follower);
    assertThat(cluster.health(follower)).isEqualTo(429);
    cluster.waitForHealthyVoters(3, Duration.ofSeconds(30));
  }

  @Test
  void stopAndRestart_keepsTheNodeInTheCluster() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int follower = cluster.followerIndex();

    cluster.stop(follower);
    assertThat(cluster.health(follower)).isEqualTo(-1);

    cluster.restart(follower);
    cluster.waitForHealthyVoters(3, Duration.ofSeconds(30));
  }

  @Test
  void enableKvAndWrite_thenReadKv_returnsTheValue() {
    LocalRaftCluster cluster = CLUSTER.cluster();

    cluster.enableKvAndWrite("harness/a", "value", "one");

    assertThat(cluster.readKv("harness/a", "value")).contains("one");
    assertThat(cluster.readKv("harness/missing", "value")).isEmpty();
  }
}
