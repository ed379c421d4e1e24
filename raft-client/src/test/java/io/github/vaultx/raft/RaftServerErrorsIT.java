package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the client reports what a real server does wrong: refused permission, a sealed node, a
 * stopped node and a hung node. Each test puts its node back.
 */
class RaftServerErrorsIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NO_RAFT_POLICY = "path \"secret/*\" { capabilities = [\"read\"] }";

  @TempDir Path dir;

  @Test
  void readRaftConfig_withTokenLackingPolicy_throwsPermissionDeniedException() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    String token = cluster.createToken("kv-read-only", NO_RAFT_POLICY);

    try (VaultRaftClient client = ClusterClients.clientFor(cluster, cluster.leaderIndex(), token)) {

      assertThatThrownBy(client::readRaftConfig)
          .isInstanceOfSatisfying(
              PermissionDeniedException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.method()).isEqualTo("GET");
                assertThat(e.path()).endsWith("sys/storage/raft/configuration");
                assertThat(e.errors())
                    .containsExactly("1 error occurred:\n\t* permission denied\n\n");
                assertThat(e.getMessage()).doesNotContain(token);
              });
    }
  }

  @Test
  void takeRaftSnapshot_withTokenLackingPolicy_throwsPermissionDeniedAndLeavesNoFile() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    String token = cluster.createToken("kv-read-only", NO_RAFT_POLICY);
    Path target = dir.resolve("denied.snap");

    try (VaultRaftClient client = ClusterClients.clientFor(cluster, cluster.leaderIndex(), token)) {

      assertThatThrownBy(() -> client.takeRaftSnapshot(target))
          .isInstanceOf(PermissionDeniedException.class);
    }
    assertThat(Files.exists(target)).isFalse();
  }

  @Test
  void readRaftConfig_onSealedNode_throwsVaultSealedException() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int follower = cluster.followerIndex();
    cluster.seal(follower);
    try (VaultRaftClient client = onlyNode(cluster, follower, Duration.ofSeconds(10))) {

      assertThatThrownBy(client::readRaftConfig)
          .isInstanceOfSatisfying(
              VaultSealedException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e.errors()).containsExactly("Vault is sealed");
              });
    } finally {
      cluster.unseal(follower);
      cluster.waitForHealthyVoters(3, WAIT);
    }
  }

  @Test
  void readRaftConfig_onStoppedNode_throwsVaultClientExceptionWithinTheTimeout() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int follower = cluster.followerIndex();
    Duration timeout = Duration.ofSeconds(2);
    cluster.stop(follower);
    try (VaultRaftClient client = onlyNode(cluster, follower, timeout)) {
      long start = System.nanoTime();

      assertThatThrownBy(client::readRaftConfig).isInstanceOf(VaultClientException.class);

      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("stopped node: VaultClientException after " + elapsed.toMillis() + " ms");
      assertThat(elapsed).isLessThan(timeout);
    } finally {
      cluster.restart(follower);
      cluster.waitForHealthyVoters(3, WAIT);
    }
  }

  @Test
  void readRaftConfig_onHungNode_throwsVaultClientExceptionAfterTheTimeout() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int follower = cluster.followerIndex();
    Duration timeout = Duration.ofSeconds(1);
    cluster.pause(follower);
    try (VaultRaftClient client = onlyNode(cluster, follower, timeout)) {
      long start = System.nanoTime();

      assertThatThrownBy(client::readRaftConfig).isInstanceOf(VaultClientException.class);

      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("hung node: VaultClientException after " + elapsed.toMillis() + " ms");
      assertThat(elapsed).isBetween(timeout.minusMillis(50), timeout.plusSeconds(2));
    } finally {
      cluster.resume(follower);
      cluster.waitForHealthyVoters(3, WAIT);
    }
  }

  /** One address, no retries, so the exception and its timing come from that node alone. */
  private static VaultRaftClient onlyNode(LocalRaftCluster cluster, int i, Duration timeout) {
    return VaultRaftClient.builder()
        .address(cluster.address(i))
        .token(cluster.rootToken())
        .environment(Map.of())
        .timeout(timeout)
        .maxRetries(0)
        .build();
  }
}
