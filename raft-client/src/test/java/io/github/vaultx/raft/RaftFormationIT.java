package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Forming a cluster: join and the Raft configuration, against real servers. */
class RaftFormationIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void readRaftConfig_onFormedCluster_listsEveryNodeAsVoterWithExactlyOneLeader() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    String leaderId = cluster.nodeId(cluster.leaderIndex());

    RaftConfiguration config;
    try (VaultRaftClient client = ClusterClients.client(cluster)) {
      config = client.readRaftConfig();
    }

    assertThat(config.servers())
        .extracting(RaftServer::nodeId)
        .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
    assertThat(config.servers())
        .extracting(RaftServer::address)
        .containsExactlyInAnyOrder(
            cluster.clusterAddress(1), cluster.clusterAddress(2), cluster.clusterAddress(3));
    assertThat(config.servers()).filteredOn(RaftServer::leader).hasSize(1);
    assertThat(config.servers()).allSatisfy(s -> assertThat(s.voter()).isTrue());
    assertThat(config.leader()).extracting(RaftServer::nodeId).isEqualTo(leaderId);
  }

  @Test
  void joinRaftCluster_freshNodeWithoutToken_returnsTrueAndTheNodeBecomesAVoter() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int fresh = cluster.addNode();
    try {
      boolean joined;
      try (VaultRaftClient client =
          VaultRaftClient.builder().address(cluster.address(fresh)).environment(Map.of()).build()) {
        joined = client.joinRaftCluster(cluster.leaderAddress());
      }
      assertThat(joined).isTrue();

      cluster.unseal(fresh);
      cluster.waitForHealthyVoters(4, WAIT);
      try (VaultRaftClient client = ClusterClients.client(cluster)) {
        assertThat(client.readRaftConfig().servers())
            .extracting(RaftServer::nodeId)
            .contains(cluster.nodeId(fresh))
            .hasSize(4);
      }
    } finally {
      // Leave the three-node cluster the other tests expect.
      try (VaultRaftClient client = ClusterClients.client(cluster)) {
        client.removeRaftNode(cluster.nodeId(fresh));
      }
      cluster.kill(fresh);
      cluster.waitForHealthyVoters(3, WAIT);
    }
  }

  @Test
  void joinRaftCluster_leaderUnreachable_throwsVaultUnavailableExceptionWithVaultsMessage() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int fresh = cluster.addNode();
    try (VaultRaftClient client =
        VaultRaftClient.builder()
            .address(cluster.address(fresh))
            .environment(Map.of())
            .maxRetries(0)
            .build()) {

      assertThatThrownBy(() -> client.joinRaftCluster("http://127.0.0.1:1"))
          .isInstanceOfSatisfying(
              VaultUnavailableException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.method()).isEqualTo("POST");
                assertThat(e.errors())
                    .containsExactly("failed to join raft cluster: failed to get raft challenge");
              });
    } finally {
      cluster.kill(fresh);
    }
  }
}
