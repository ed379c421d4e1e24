package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import io.github.vaultx.raft.testing.ServerFlavour;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OpenBao's {@code promote} and {@code demote} against the real server of each kind: OpenBao
 * changes the server's vote; HashiCorp Vault does not serve them, which must become {@link
 * UnsupportedEndpointException}.
 */
@ParameterizedClass
@EnumSource(ClientKind.class)
class RaftPromoteDemoteIT {
  /** Each case runs through the sync client and through its async view. */
  private final ClientKind kind;

  RaftPromoteDemoteIT(ClientKind kind) {
    this.kind = kind;
  }

  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  @Test
  void demoteThenPromote_changesTheVote_onOpenBao_andIsUnsupportedOnVault() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    ServerFlavour flavour = cluster.serverBinary().flavour();
    String follower = cluster.nodeId(cluster.followerIndex());
    try (VaultRaftClient client = kind.view(ClusterClients.client(cluster))) {
      if (!flavour.servesPromoteAndDemote()) {
        for (Runnable call :
            new Runnable[] {
              () -> client.demoteRaftNode(follower), () -> client.promoteRaftNode(follower)
            }) {
          assertThatThrownBy(call::run)
              .isInstanceOfSatisfying(
                  UnsupportedEndpointException.class,
                  e -> {
                    assertThat(e).isNotInstanceOf(EnterpriseOnlyException.class);
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.errors()).isEqualTo(flavour.unsupportedPathErrors());
                  });
        }
        assertThat(voter(client, follower)).isTrue();
        return;
      }

      // OpenBao answers 204 at once and autopilot changes the Raft configuration a few seconds
      // later; a second demote is refused at once.
      client.demoteRaftNode(follower);
      assertThatThrownBy(() -> client.demoteRaftNode(follower))
          .isInstanceOf(VaultUnavailableException.class)
          .hasMessageContaining("server is already a non-voter");
      cluster.waitForHealthyVoters(2, Duration.ofSeconds(60));
      assertThat(voter(client, follower)).as("demoted").isFalse();

      client.promoteRaftNode(follower);
      cluster.waitForHealthyVoters(3, Duration.ofSeconds(60));
      assertThat(voter(client, follower)).as("promoted").isTrue();

      assertThatThrownBy(() -> client.promoteRaftNode(follower))
          .isInstanceOf(VaultUnavailableException.class)
          .hasMessageContaining("server is not a non-voter");
      assertThatThrownBy(() -> client.promoteRaftNode("no-such-node"))
          .isInstanceOf(VaultUnavailableException.class)
          .hasMessageContaining("not found in raft configuration");
    }
  }

  private static boolean voter(VaultRaftClient client, String nodeId) {
    return client.readRaftConfig().servers().stream()
        .filter(s -> s.nodeId().equals(nodeId))
        .findFirst()
        .orElseThrow()
        .voter();
  }
}
