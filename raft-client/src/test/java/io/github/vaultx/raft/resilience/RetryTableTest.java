package io.github.vaultx.raft.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutopilotConfig;
import io.github.vaultx.raft.DrOperationToken;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultUnavailableException;
import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.internal.MockVault;
import io.github.vaultx.raft.internal.TestSnapshots;
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
 * The retry table of docs/reliability.md and VaultRaftClient's Javadoc, one row per operation: on a
 * 503 that is not "sealed", calls that act on the cluster are sent exactly once, the others are
 * sent 1 + maxRetries times. Counted at the vault.server().
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

  static Arguments row(String name, int sent, Consumer<VaultRaftClient> call) {
    return Arguments.of(name, sent, call);
  }

  static final DrOperationToken DR = DrOperationToken.of("dr-token-value");

  static Stream<Arguments> operations() {
    int retried = 1 + MAX_RETRIES;
    AutoSnapshotConfig local = AutoSnapshotConfig.local(Duration.ofHours(1), "/backups", 0).build();
    return Stream.of(
        row("joinRaftCluster", 1, c -> c.joinRaftCluster("http://127.0.0.1:1")),
        row("readRaftConfig", retried, VaultRaftClient::readRaftConfig),
        row("removeRaftNode", 1, c -> c.removeRaftNode("node-3")),
        row("takeRaftSnapshot", retried, c -> c.takeRaftSnapshot(dir.resolve("out.snap"))),
        row("restoreRaftSnapshot", 1, c -> c.restoreRaftSnapshot(snapshotFile())),
        row("forceRestoreRaftSnapshot", 1, c -> c.forceRestoreRaftSnapshot(snapshotFile())),
        row("readRaftAutopilotState", retried, VaultRaftClient::readRaftAutopilotState),
        row("readRaftAutopilotConfig", retried, VaultRaftClient::readRaftAutopilotConfig),
        row(
            "updateRaftAutopilotConfig",
            retried,
            c ->
                c.updateRaftAutopilotConfig(
                    AutopilotConfig.builder().maxTrailingLogs(500).build())),
        row("readRaftAutoSnapshotStatus", retried, c -> c.readRaftAutoSnapshotStatus("daily")),
        row("readRaftAutoSnapshotConfig", retried, c -> c.readRaftAutoSnapshotConfig("daily")),
        row("listRaftAutoSnapshotConfigs", retried, VaultRaftClient::listRaftAutoSnapshotConfigs),
        row(
            "createOrUpdateRaftAutoSnapshotConfig",
            retried,
            c -> c.createOrUpdateRaftAutoSnapshotConfig("daily", local)),
        row("deleteRaftAutoSnapshotConfig", retried, c -> c.deleteRaftAutoSnapshotConfig("daily")),
        row("promoteRaftNode", 1, c -> c.promoteRaftNode("node-3")),
        row("demoteRaftNode", 1, c -> c.demoteRaftNode("node-3")),
        row("bootstrapRaftCluster", 1, VaultRaftClient::bootstrapRaftCluster),
        row("loadRaftSnapshot", 1, c -> c.loadRaftSnapshot(snapshotFile())),
        row("listRaftLoadedSnapshots", retried, VaultRaftClient::listRaftLoadedSnapshots),
        row("readRaftLoadedSnapshot", retried, c -> c.readRaftLoadedSnapshot("id-1")),
        row("unloadRaftSnapshot", retried, c -> c.unloadRaftSnapshot("id-1", true)),
        row("loadRaftAutoSnapshot", 1, c -> c.loadRaftAutoSnapshot("daily", "s3://b/s.snap")),
        row("readFromLoadedSnapshot", retried, c -> c.readFromLoadedSnapshot("id-1", "kv/a")),
        row("recoverFromLoadedSnapshot", retried, c -> c.recoverFromLoadedSnapshot("id-1", "kv/a")),
        row("readRaftConfig with a DR token", retried, c -> c.readRaftConfig(DR)),
        row("removeRaftNode with a DR token", 1, c -> c.removeRaftNode("node-3", DR)),
        row("readRaftAutopilotState with a DR token", retried, c -> c.readRaftAutopilotState(DR)),
        row("readRaftAutopilotConfig with a DR token", retried, c -> c.readRaftAutopilotConfig(DR)),
        row(
            "updateRaftAutopilotConfig with a DR token",
            retried,
            c ->
                c.updateRaftAutopilotConfig(
                    AutopilotConfig.builder().maxTrailingLogs(500).build(), DR)));
  }

  @ParameterizedTest(name = "{0} is sent {1} time(s)")
  @MethodSource("operations")
  void on503_eachOperationIsSentAsOftenAsTheTableSays(
      String name, int sent, Consumer<VaultRaftClient> call) {
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
