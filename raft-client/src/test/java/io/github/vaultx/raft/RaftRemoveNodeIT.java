package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Removing servers from the Raft configuration against real servers. */
class RaftRemoveNodeIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  @Test
  void removeRaftNode_ofAFollower_shrinksTheConfigurationByOne() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int follower = cluster.followerIndex();
    String removed = cluster.nodeId(follower);

    try (VaultRaftClient client = ClusterClients.clientFor(cluster, cluster.leaderIndex())) {
      List<String> before = nodeIds(client.readRaftConfig());

      client.removeRaftNode(removed);
      cluster.kill(follower);

      List<String> after = nodeIds(client.readRaftConfig());
      assertThat(after).hasSize(before.size() - 1).doesNotContain(removed);
    }
    cluster.waitForHealthyVoters(2, Duration.ofSeconds(60));
  }

  @Test
  void removeRaftNode_ofAnUnknownId_isAcceptedAndChangesNothing() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    try (VaultRaftClient client = ClusterClients.client(cluster)) {
      RaftConfiguration before = client.readRaftConfig();

      // Vault (and OpenBao) answer 204 for an id that is not in the configuration.
      client.removeRaftNode("no-such-node");

      assertThat(client.readRaftConfig().servers())
          .containsExactlyInAnyOrderElementsOf(before.servers());
    }
  }

  private static List<String> nodeIds(RaftConfiguration config) {
    return config.servers().stream().map(RaftServer::nodeId).toList();
  }
}
