package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import io.github.vaultx.raft.testing.ServerFlavour;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vault Enterprise's loaded snapshots against the open-source servers, where every call must end in
 * {@link EnterpriseOnlyException}: the {@code snapshot-load} family answers 404 "unsupported path"
 * on both (Vault CE has no stubs for it); reading and recovering a path answer differently on each
 * (docs/servers.md), and neither may touch or return the live data.
 */
@ParameterizedClass
@EnumSource(ClientKind.class)
class RaftLoadedSnapshotsIT {
  /** Each case runs through the sync client and through its async view. */
  private final ClientKind kind;

  RaftLoadedSnapshotsIT(ClientKind kind) {
    this.kind = kind;
  }

  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(1);

  @TempDir static Path dir;

  static Stream<Named<Consumer<VaultRaftClient>>> snapshotLoadCalls() {
    return Stream.of(
        Named.of(
            "loadRaftSnapshot",
            c -> {
              Path file = dir.resolve("load.snap");
              c.takeRaftSnapshot(file);
              c.loadRaftSnapshot(file);
            }),
        Named.of("listRaftLoadedSnapshots", VaultRaftClient::listRaftLoadedSnapshots),
        Named.of("readRaftLoadedSnapshot", c -> c.readRaftLoadedSnapshot("2403d301-94f2")),
        Named.of("unloadRaftSnapshot", c -> c.unloadRaftSnapshot("2403d301-94f2")),
        Named.of("unloadRaftSnapshot force", c -> c.unloadRaftSnapshot("2403d301-94f2", true)),
        Named.of(
            "loadRaftAutoSnapshot", c -> c.loadRaftAutoSnapshot("daily", "s3://bucket/x.snap")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snapshotLoadCalls")
  void snapshotLoadCall_onOpenSourceServer_throwsEnterpriseOnly(Consumer<VaultRaftClient> call) {
    ServerFlavour flavour = CLUSTER.cluster().serverBinary().flavour();
    try (VaultRaftClient client = kind.view(ClusterClients.client(CLUSTER.cluster()))) {
      assertThatThrownBy(() -> call.accept(client))
          .isInstanceOfSatisfying(
              EnterpriseOnlyException.class,
              e -> {
                assertThat(e.path()).contains("/sys/storage/raft/");
                if (flavour == ServerFlavour.OPENBAO
                    && e.path().endsWith("/snapshot-load")
                    && e.method().equals("POST")) {
                  // OpenBao parses the uploaded gzip as JSON before it finds no such path.
                  assertThat(e.statusCode()).isEqualTo(400);
                  assertThat(e.errors())
                      .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                      .startsWith("failed to decode JSON input: invalid character '\\x1f'");
                } else {
                  assertThat(e.statusCode()).isEqualTo(404);
                  assertThat(e.errors()).isEqualTo(flavour.unsupportedPathErrors());
                }
              });
    }
  }

  @Test
  void readFromLoadedSnapshot_onOpenSourceServer_throwsEnterpriseOnly_neverTheLiveData() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    cluster.enableKvAndWrite("recovery-read", "password", "live-value");
    try (VaultRaftClient client = kind.view(ClusterClients.client(cluster))) {
      assertThatThrownBy(() -> client.readFromLoadedSnapshot("2403d301", "secret/recovery-read"))
          .isInstanceOfSatisfying(
              EnterpriseOnlyException.class,
              e -> {
                assertThat(e.getMessage()).doesNotContain("live-value");
                if (cluster.serverBinary().flavour() == ServerFlavour.OPENBAO) {
                  // OpenBao answers 200 with the live data and a warning that it ignored the id.
                  assertThat(e.statusCode()).isEqualTo(200);
                  assertThat(e.errors())
                      .containsExactly(
                          "Endpoint ignored these unrecognized parameters: [read_snapshot_id]");
                } else {
                  assertThat(e.statusCode()).isEqualTo(400);
                  assertThat(e.errors())
                      .containsExactly("unable to lock snapshot: loaded snapshots not supported");
                }
              });
    }
  }

  @Test
  void recoverFromLoadedSnapshot_onOpenSourceServer_throwsEnterpriseOnly_andWritesNothing() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    cluster.enableKvAndWrite("recovery-write", "password", "live-value");
    try (VaultRaftClient client = kind.view(ClusterClients.client(cluster))) {
      assertThatThrownBy(
              () -> client.recoverFromLoadedSnapshot("2403d301", "secret/recovery-write"))
          .isInstanceOfSatisfying(
              EnterpriseOnlyException.class,
              e -> {
                if (cluster.serverBinary().flavour() == ServerFlavour.OPENBAO) {
                  // OpenBao does not know Vault's RECOVER method.
                  assertThat(e.statusCode()).isEqualTo(405);
                  assertThat(e.errors()).isEmpty();
                } else {
                  assertThat(e.statusCode()).isEqualTo(400);
                  assertThat(e.errors())
                      .containsExactly("unable to lock snapshot: loaded snapshots not supported");
                }
              });
    }
    assertThat(cluster.readKv("recovery-write", "password")).hasValue("live-value");
  }

  @Test
  void drOperationTokenOverloads_onOpenSourceServer_sendItWhereVaultReadsIt() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    ServerFlavour flavour = cluster.serverBinary().flavour();
    DrOperationToken dr = DrOperationToken.of("not-a-dr-secondary");
    try (VaultRaftClient client = kind.view(ClusterClients.client(cluster))) {
      // Writes carry it in the body next to the client token: both servers ignore it off a DR
      // secondary and do the write.
      client.removeRaftNode("no-such-node", dr);
      client.updateRaftAutopilotConfig(AutopilotConfig.builder().maxTrailingLogs(1000).build(), dr);

      // Reads send it in place of the client token, which a server that is no DR secondary
      // does not know.
      assertThatThrownBy(() -> client.readRaftAutopilotState(dr))
          .isInstanceOfSatisfying(
              PermissionDeniedException.class,
              e -> assertThat(e.errors()).isEqualTo(flavour.invalidTokenErrors()));
      assertThatThrownBy(() -> client.readRaftAutopilotConfig(dr))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageNotContaining("not-a-dr-secondary");

      // The list-peers read is a POST: Vault CE answers it as the GET, OpenBao not at all.
      if (flavour == ServerFlavour.VAULT) {
        assertThat(client.readRaftConfig(dr).servers()).hasSize(1);
      } else {
        assertThatThrownBy(() -> client.readRaftConfig(dr))
            .isInstanceOfSatisfying(
                UnsupportedEndpointException.class,
                e -> {
                  assertThat(e.statusCode()).isEqualTo(405);
                  assertThat(e.errors())
                      .containsExactly("1 error occurred:\n\t* unsupported operation\n\n");
                });
      }
    }
  }
}
