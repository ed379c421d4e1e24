package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code sys/storage/raft/bootstrap} against the real server: both servers answer it on a node with
 * Raft as its storage, which bootstrapped at {@code sys/init}, by refusing; a sealed node refuses
 * first (docs/servers.md).
 */
@ParameterizedClass
@EnumSource(ClientKind.class)
class RaftBootstrapIT {
  /** Each case runs through the sync client and through its async view. */
  private final ClientKind kind;

  RaftBootstrapIT(ClientKind kind) {
    this.kind = kind;
  }

  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(1);

  @Test
  void bootstrap_ofANodeWhoseClusterHasState_isRefused_withoutAToken() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    try (VaultRaftClient client = kind.view(ClusterClients.clientFor(cluster, 1, "not-a-token"))) {
      // No token is sent; a refusal for the token would be a 403.
      assertThatThrownBy(client::bootstrapRaftCluster)
          .isInstanceOfSatisfying(
              VaultUnavailableException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.errors())
                    .containsExactly(
                        "could not bootstrap clustered storage: error bootstrapping cluster:"
                            + " cluster already has state");
              });
    }
    try (VaultRaftClient client = kind.view(ClusterClients.client(cluster))) {
      assertThat(client.readRaftConfig().servers()).hasSize(1);
    }
  }

  @Test
  void bootstrap_ofASealedNode_isRefusedAsABadRequest() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    cluster.seal(1);
    try (VaultRaftClient client = kind.view(ClusterClients.clientFor(cluster, 1))) {
      // Both servers write a second error body after the first (the handler does not return);
      // the client reports the first, which is the reason.
      assertThatThrownBy(client::bootstrapRaftCluster)
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> assertThat(e.errors()).containsExactly("node must be unsealed to bootstrap"));
    } finally {
      cluster.unseal(1);
    }
  }
}
