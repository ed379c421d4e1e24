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
 * answers its join with "joined" without adding it back (docs/servers.md). A client whose only
 * address is the removed node is told so: on Vault a {@link RemovedNodeException} (the sealed
 * answer, explained by the node's seal-status), then an open breaker that names it.
 */
class RaftRemovedNodeIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  static String hostPort(String address) {
    java.net.URI uri = java.net.URI.create(address);
    return uri.getHost() + ":" + uri.getPort();
  }

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

    // A client whose only address is the removed node, as a new user would poll it.
    try (VaultRaftClient only =
        VaultRaftClient.builder()
            .address(cluster.address(removed))
            .token(cluster.rootToken())
            .environment(java.util.Map.of())
            .maxRetries(0)
            .build()) {
      if (flavour.sealsRemovedNodes()) {
        // Vault answers 503 "Vault is sealed"; its seal-status says why, and so does the client.
        for (int i = 0; i < 10; i++) {
          assertThatThrownBy(only::readRaftConfig)
              .as("call %d to the removed node", i + 1)
              .isInstanceOfSatisfying(
                  RemovedNodeException.class, e -> assertThat(e.statusCode()).isEqualTo(503))
              .hasMessageContaining("the node was removed from its Raft cluster")
              .hasMessageContaining("removed_from_cluster")
              .hasMessageContaining(hostPort(cluster.address(removed)));
        }
        // Ten failures open the node's breaker; the open breaker still names the removal.
        assertThatThrownBy(only::readRaftConfig)
            .isInstanceOf(CircuitOpenException.class)
            .hasCauseInstanceOf(RemovedNodeException.class)
            .hasMessageContaining("last failure: 503 on GET /v1/sys/storage/raft/configuration")
            .hasMessageContaining("the node was removed from its Raft cluster");
      } else {
        // OpenBao keeps the node as a standby that forwards: the read succeeds without it.
        assertThat(only.readRaftConfig().servers())
            .extracting(RaftServer::nodeId)
            .hasSize(2)
            .doesNotContain(removedId);
      }
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
