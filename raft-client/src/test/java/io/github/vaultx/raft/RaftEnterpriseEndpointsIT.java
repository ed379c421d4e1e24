package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Enterprise-only auto-snapshot endpoints against the open-source server, which answers 404
 * (after the permission check): "enterprise-only feature" on Vault CE, "unsupported path" on
 * OpenBao; both must become {@link EnterpriseOnlyException}.
 */
class RaftEnterpriseEndpointsIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(1);

  private static final String NO_RAFT_POLICY = "path \"secret/*\" { capabilities = [\"read\"] }";

  static Stream<Named<Consumer<VaultRaftClient>>> autoSnapshotCalls() {
    AutoSnapshotConfig config =
        AutoSnapshotConfig.local(Duration.ofHours(1), "/tmp/vaultx-auto", 100_000)
            .retain(5)
            .filePrefix("x")
            .build();
    return Stream.of(
        Named.of("readRaftAutoSnapshotStatus", c -> c.readRaftAutoSnapshotStatus("daily")),
        Named.of("readRaftAutoSnapshotConfig", c -> c.readRaftAutoSnapshotConfig("daily")),
        Named.of("listRaftAutoSnapshotConfigs", VaultRaftClient::listRaftAutoSnapshotConfigs),
        Named.of(
            "createOrUpdateRaftAutoSnapshotConfig",
            c -> c.createOrUpdateRaftAutoSnapshotConfig("daily", config)),
        Named.of("deleteRaftAutoSnapshotConfig", c -> c.deleteRaftAutoSnapshotConfig("daily")),
        // A second name, so a cache or a special case for one name cannot pass the test.
        Named.of(
            "readRaftAutoSnapshotStatus (other name)",
            c -> c.readRaftAutoSnapshotStatus("hourly-eu")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("autoSnapshotCalls")
  void autoSnapshotCall_onOpenSourceServer_throwsEnterpriseOnlyException(
      Consumer<VaultRaftClient> call) {
    List<String> serverErrors = CLUSTER.cluster().serverBinary().flavour().enterpriseOnlyErrors();
    try (VaultRaftClient client = ClusterClients.client(CLUSTER.cluster())) {

      assertThatThrownBy(() -> call.accept(client))
          .isInstanceOfSatisfying(
              EnterpriseOnlyException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(404);
                assertThat(e.path()).contains("sys/storage/raft/snapshot-auto/");
                assertThat(e.errors()).isEqualTo(serverErrors);
              });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("autoSnapshotCalls")
  void autoSnapshotCall_withTokenLackingPermission_throwsPermissionDeniedFirst(
      Consumer<VaultRaftClient> call) {
    String token = CLUSTER.cluster().createToken("kv-read-only", NO_RAFT_POLICY);
    try (VaultRaftClient client = ClusterClients.clientFor(CLUSTER.cluster(), 1, token)) {

      assertThatThrownBy(() -> call.accept(client))
          .isInstanceOfSatisfying(
              PermissionDeniedException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
  }
}
