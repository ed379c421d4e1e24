package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutopilotConfig;
import io.github.vaultx.raft.DrOperationToken;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the retry table of docs/reliability.md says (rendered from {@link Operation} by
 * RetryDocsTest), done: on a 503 that is not "sealed", every operation is sent as often as its
 * retry class says - once, or 1 + maxRetries times - counted at the vault.server(). A row is a call
 * and the operation it is; every operation has at least one row.
 */
@ParameterizedClass
@EnumSource(ClientKind.class)
class RetryTableTest {
  static final int MAX_RETRIES = 2;

  @org.junit.jupiter.api.io.TempDir static Path dir;

  @RegisterExtension final MockVault vault;

  RetryTableTest(ClientKind kind) {
    vault = MockVault.create().configure(o -> o.maxRetries = MAX_RETRIES).clients(kind);
  }

  static Path snapshotFile() {
    try {
      Path file = dir.resolve("retry-table.snap");
      Files.write(file, TestSnapshots.complete());
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Arguments row(Operation operation, Consumer<VaultRaftClient> call) {
    return row(operation, "", call);
  }

  static Arguments row(Operation operation, String variant, Consumer<VaultRaftClient> call) {
    return Arguments.of(operation.publicName + variant, operation, call);
  }

  static final DrOperationToken DR = DrOperationToken.of("dr-token-value");

  static Stream<Arguments> operations() {
    AutoSnapshotConfig local = AutoSnapshotConfig.local(Duration.ofHours(1), "/backups", 0).build();
    return Stream.of(
        row(Operation.JOIN, c -> c.joinRaftCluster("http://127.0.0.1:1")),
        row(Operation.READ_CONFIGURATION, VaultRaftClient::readRaftConfig),
        row(Operation.REMOVE_PEER, c -> c.removeRaftNode("node-3")),
        row(Operation.TAKE_SNAPSHOT, c -> c.takeRaftSnapshot(dir.resolve("out.snap"))),
        row(Operation.RESTORE_SNAPSHOT, c -> c.restoreRaftSnapshot(snapshotFile())),
        row(Operation.FORCE_RESTORE_SNAPSHOT, c -> c.forceRestoreRaftSnapshot(snapshotFile())),
        row(Operation.READ_AUTOPILOT_STATE, VaultRaftClient::readRaftAutopilotState),
        row(Operation.READ_AUTOPILOT_CONFIG, VaultRaftClient::readRaftAutopilotConfig),
        row(
            Operation.UPDATE_AUTOPILOT_CONFIG,
            c ->
                c.updateRaftAutopilotConfig(
                    AutopilotConfig.builder().maxTrailingLogs(500).build())),
        row(Operation.READ_AUTO_SNAPSHOT_STATUS, c -> c.readRaftAutoSnapshotStatus("daily")),
        row(Operation.READ_AUTO_SNAPSHOT_CONFIG, c -> c.readRaftAutoSnapshotConfig("daily")),
        row(Operation.LIST_AUTO_SNAPSHOT_CONFIGS, VaultRaftClient::listRaftAutoSnapshotConfigs),
        row(
            Operation.WRITE_AUTO_SNAPSHOT_CONFIG,
            c -> c.createOrUpdateRaftAutoSnapshotConfig("daily", local)),
        row(Operation.DELETE_AUTO_SNAPSHOT_CONFIG, c -> c.deleteRaftAutoSnapshotConfig("daily")),
        row(Operation.PROMOTE, c -> c.promoteRaftNode("node-3")),
        row(Operation.DEMOTE, c -> c.demoteRaftNode("node-3")),
        row(Operation.BOOTSTRAP, VaultRaftClient::bootstrapRaftCluster),
        row(Operation.LOAD_SNAPSHOT, c -> c.loadRaftSnapshot(snapshotFile())),
        row(Operation.LIST_LOADED_SNAPSHOTS, VaultRaftClient::listRaftLoadedSnapshots),
        row(Operation.READ_LOADED_SNAPSHOT, c -> c.readRaftLoadedSnapshot("id-1")),
        row(Operation.UNLOAD_SNAPSHOT, c -> c.unloadRaftSnapshot("id-1", true)),
        row(Operation.LOAD_AUTO_SNAPSHOT, c -> c.loadRaftAutoSnapshot("daily", "s3://b/s.snap")),
        row(Operation.READ_FROM_LOADED_SNAPSHOT, c -> c.readFromLoadedSnapshot("id-1", "kv/a")),
        row(
            Operation.RECOVER_FROM_LOADED_SNAPSHOT,
            c -> c.recoverFromLoadedSnapshot("id-1", "kv/a")),
        row(
            Operation.READ_CONFIGURATION_WITH_DR_TOKEN,
            " with a DR token",
            c -> c.readRaftConfig(DR)),
        row(Operation.REMOVE_PEER, " with a DR token", c -> c.removeRaftNode("node-3", DR)),
        row(Operation.READ_AUTOPILOT_STATE, " with a DR token", c -> c.readRaftAutopilotState(DR)),
        row(
            Operation.READ_AUTOPILOT_CONFIG,
            " with a DR token",
            c -> c.readRaftAutopilotConfig(DR)),
        row(
            Operation.UPDATE_AUTOPILOT_CONFIG,
            " with a DR token",
            c ->
                c.updateRaftAutopilotConfig(
                    AutopilotConfig.builder().maxTrailingLogs(500).build(), DR)));
  }

  @org.junit.jupiter.api.Test
  void everyOperationHasARow() {
    assertThat(operations().map(a -> (Operation) a.get()[1]))
        .containsAll(java.util.EnumSet.allOf(Operation.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void on503_eachOperationIsSentAsOftenAsItsRetryClassSays(
      String name, Operation operation, Consumer<VaultRaftClient> call) {
    int sent = operation.sentOnce() ? 1 : 1 + MAX_RETRIES;
    for (int i = 0; i < 5; i++) {
      vault.enqueue(
          new MockResponse()
              .setResponseCode(503)
              .setBody("{\"errors\":[\"no active node\"]}")
              .setHeader("Content-Type", "application/json"));
    }
    assertThatThrownBy(() -> call.accept(vault.client()))
        .isInstanceOf(VaultUnavailableException.class);
    assertThat(vault.server().getRequestCount()).as(name).isEqualTo(sent);
  }
}
