package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import io.github.vaultx.raft.testing.ServerFlavour;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node removed from its cluster and then called, against the real server of each kind. Vault
 * 1.19+ seals it, answers {@code sys/health} with 530 and refuses to let it join again; the client
 * fails over past it and names the refusal. OpenBao 2.7 keeps it as a standby that forwards, and
 * answers its join with "joined" without adding it back (docs/servers.md).
 */
class RaftRemovedNodeIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  @Test
  void removedNode_isSkippedByFailover_andItsJoinIsRefusedOrIgnored() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    ServerFlavour flavour = cluster.serverBinary().flavour();
    int leader = cluster.leaderIndex();
    int removed = cluster.followerIndex();
    String removedId = cluster.nodeId(removed);
    try (VaultRaftClient client = ClusterClients.clientFor(cluster, leader)) {
      client.removeRaftNode(removedId);
    }

    if (flavour.sealsRemovedNodes()) {
      cluster.awaitHealth(removed, ServerFlavour.HEALTH_REMOVED);
    } else {
      assertThat(cluster.health(removed)).isEqualTo(ServerFlavour.HEALTH_STANDBY);
    }

    // The removed node first, then the leader: the read must still succeed.
    try (VaultRaftClient client =
        VaultRaftClient.builder()
            .addresses(List.of(cluster.address(removed), cluster.address(leader)))
            .token(cluster.rootToken())
            .environment(java.util.Map.of())
            .maxRetries(0)
            .build()) {
      assertThat(client.readRaftConfig().servers())
          .extracting(RaftServer::nodeId)
          .hasSize(2)
          .doesNotContain(removedId);
    }

    try (VaultRaftClient removedNode = ClusterClients.clientFor(cluster, removed)) {
      if (flavour.sealsRemovedNodes()) {
        assertThatThrownBy(() -> removedNode.joinRaftCluster(cluster.address(leader)))
            .isInstanceOfSatisfying(
                RemovedNodeException.class,
                e -> {
                  assertThat(e.statusCode()).isEqualTo(500);
                  assertThat(e.errors())
                      .containsExactly(
                          "node has been removed from the HA cluster. All vault data for this node"
                              + " must be cleaned up before it can be added back");
                });
      } else {
        assertThat(removedNode.joinRaftCluster(cluster.address(leader))).isTrue();
        try (VaultRaftClient client = ClusterClients.clientFor(cluster, leader)) {
          assertThat(client.readRaftConfig().servers())
              .extracting(RaftServer::nodeId)
              .doesNotContain(removedId);
        }
      }
    }
  }
}
