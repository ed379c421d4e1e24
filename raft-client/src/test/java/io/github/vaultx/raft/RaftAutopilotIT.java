package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import io.github.vaultx.raft.testing.ServerFlavour;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Autopilot state and configuration against real servers. */
class RaftAutopilotIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  @Test
  void readRaftAutopilotState_onFormedCluster_isHealthyWithThreeVotersAndFailureToleranceOne() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    String leaderId = cluster.nodeId(cluster.leaderIndex());

    AutopilotState state;
    try (VaultRaftClient client = ClusterClients.client(cluster)) {
      state = client.readRaftAutopilotState();
    }

    assertThat(state.healthy()).isTrue();
    assertThat(state.failureTolerance()).isEqualTo(1);
    assertThat(state.leader()).isEqualTo(leaderId);
    assertThat(state.voters()).containsExactlyInAnyOrder("node-1", "node-2", "node-3");
    assertThat(state.nonVoters()).isEmpty();
    assertThat(state.servers()).containsOnlyKeys("node-1", "node-2", "node-3");
    assertThat(state.servers().values())
        .allSatisfy(
            s -> {
              assertThat(s.healthy()).isTrue();
              assertThat(s.nodeStatus()).isEqualTo("alive");
              assertThat(s.nodeType()).isEqualTo("voter");
              assertThat(s.stableSince()).isNotNull();
            });
    assertThat(state.servers().get(leaderId).status()).isEqualTo("leader");
    assertThat(state.servers().get(leaderId).lastContact()).isEqualTo(Duration.ZERO);
    assertThat(state.servers().get("node-2").address()).isEqualTo(cluster.clusterAddress(2));
  }

  @Test
  void readRaftAutopilotConfig_returnsTheServersValues() {
    LocalRaftCluster cluster = CLUSTER.cluster();

    AutopilotConfig config;
    try (VaultRaftClient client = ClusterClients.client(cluster)) {
      config = client.readRaftAutopilotConfig();
    }

    // Vault's defaults, except the stabilization time the harness lowers for fast promotion.
    assertThat(config.cleanupDeadServers()).isFalse();
    assertThat(config.lastContactThreshold()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.deadServerLastContactThreshold()).isEqualTo(Duration.ofHours(24));
    assertThat(config.maxTrailingLogs()).isEqualTo(1000L);
    assertThat(config.minQuorum()).isEqualTo(0);
    assertThat(config.serverStabilizationTime()).isEqualTo(Duration.ofSeconds(1));
    // Vault CE sends the Enterprise-only field as false; OpenBao leaves it out (docs/servers.md).
    if (cluster.serverBinary().flavour() == ServerFlavour.VAULT) {
      assertThat(config.disableUpgradeMigration()).isFalse();
    } else {
      assertThat(config.disableUpgradeMigration()).isNull();
    }
  }

  @Test
  void updateRaftAutopilotConfig_changesOnlyTheFieldsThatAreSet() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    try (VaultRaftClient client = ClusterClients.client(cluster)) {
      AutopilotConfig before = client.readRaftAutopilotConfig();
      try {
        client.updateRaftAutopilotConfig(
            AutopilotConfig.builder()
                .maxTrailingLogs(before.maxTrailingLogs() + 500)
                .lastContactThreshold(Duration.ofSeconds(15))
                .build());

        AutopilotConfig after = client.readRaftAutopilotConfig();

        assertThat(after)
            .isEqualTo(
                new AutopilotConfig(
                    before.cleanupDeadServers(),
                    Duration.ofSeconds(15),
                    before.deadServerLastContactThreshold(),
                    before.maxTrailingLogs() + 500,
                    before.minQuorum(),
                    before.serverStabilizationTime(),
                    before.disableUpgradeMigration()));
      } finally {
        client.updateRaftAutopilotConfig(
            AutopilotConfig.builder()
                .maxTrailingLogs(before.maxTrailingLogs())
                .lastContactThreshold(before.lastContactThreshold())
                .build());
      }
    }
  }

  @Test
  void updateRaftAutopilotConfig_cleanupDeadServersWithMinQuorumBelowThree_throwsInvalidRequest() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    try (VaultRaftClient client = ClusterClients.client(cluster)) {
      AutopilotConfig before = client.readRaftAutopilotConfig();

      assertThatThrownBy(
              () ->
                  client.updateRaftAutopilotConfig(
                      AutopilotConfig.builder().cleanupDeadServers(true).minQuorum(1).build()))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.method()).isEqualTo("POST");
                assertThat(e.path()).endsWith("sys/storage/raft/autopilot/configuration");
                assertThat(e.errors())
                    .containsExactly(
                        "min_quorum must be set when cleanup_dead_servers is set and it should at"
                            + " least be 3; cleanup_dead_servers: true, min_quorum: 0x1");
                assertThat(e.getMessage()).contains("min_quorum must be set");
              });
      assertThat(client.readRaftAutopilotConfig()).isEqualTo(before);
    }
  }
}
