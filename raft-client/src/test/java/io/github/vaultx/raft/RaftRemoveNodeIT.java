package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
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

  @Test
  void aStandbyAskedNotToForward_redirectsRemovePeerWithoutActing() throws Exception {
    // The client sends calls that are sent once with X-Vault-No-Request-Forwarding, so that a
    // standby's 307 proves the call was not applied: a standby that forwards answers 307 also when
    // forwarding failed after the active node applied the request.
    LocalRaftCluster cluster = CLUSTER.cluster();
    int standby = cluster.followerIndex();
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpRequest.Builder removePeer =
        HttpRequest.newBuilder(
                URI.create(cluster.address(standby) + "/v1/sys/storage/raft/remove-peer"))
            .header("X-Vault-Token", cluster.rootToken())
            .POST(HttpRequest.BodyPublishers.ofString("{\"server_id\":\"no-such-node\"}"));

    HttpResponse<String> notForwarded =
        http.send(
            removePeer.copy().header("X-Vault-No-Request-Forwarding", "true").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(notForwarded.statusCode()).isEqualTo(307);
    assertThat(notForwarded.headers().firstValue("Location"))
        .hasValueSatisfying(
            location -> assertThat(location).startsWith(cluster.address(cluster.leaderIndex())));

    HttpResponse<String> forwarded = http.send(removePeer.build(), BodyHandlers.ofString());
    assertThat(forwarded.statusCode()).as("forwarded to the active node").isEqualTo(204);

    try (VaultRaftClient client = ClusterClients.clientFor(cluster, standby)) {
      client.removeRaftNode("no-such-node"); // redirected to the active node, and applied there
    }
  }

  private static List<String> nodeIds(RaftConfiguration config) {
    return config.servers().stream().map(RaftServer::nodeId).toList();
  }
}
