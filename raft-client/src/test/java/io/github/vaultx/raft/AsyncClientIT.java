package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.vaultx.raft.snapshot.DamagedSnapshotException;
import io.github.vaultx.raft.snapshot.RaftSnapshots;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation through the async client against a real three-node cluster (one for the class),
 * with the results and typed failures the sync ITs expect.
 */
class AsyncClientIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  static <T> T done(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void reads_runConcurrently_andMatchTheSyncClient() throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    try (VaultRaftClient client = ClusterClients.client(cluster)) {
      VaultRaftAsyncClient async = client.async();
      CompletableFuture<RaftConfiguration> config = async.readRaftConfig();
      CompletableFuture<AutopilotState> state = async.readRaftAutopilotState();
      CompletableFuture<AutopilotConfig> autopilot = async.readRaftAutopilotConfig();

      assertThat(done(config).servers())
          .extracting(RaftServer::nodeId)
          .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
      assertThat(done(config).leader())
          .extracting(RaftServer::nodeId)
          .isEqualTo(cluster.nodeId(cluster.leaderIndex()));
      assertThat(done(state).voters()).containsExactlyInAnyOrder("node-1", "node-2", "node-3");
      assertThat(done(autopilot)).isEqualTo(client.readRaftAutopilotConfig());
    }
  }

  @Test
  void updateRaftAutopilotConfig_changesTheField() throws Exception {
    try (VaultRaftAsyncClient async = ClusterClients.client(CLUSTER.cluster()).async()) {
      AutopilotConfig before = done(async.readRaftAutopilotConfig());
      try {
        done(
            async.updateRaftAutopilotConfig(
                AutopilotConfig.builder().maxTrailingLogs(before.maxTrailingLogs() + 7).build()));
        assertThat(done(async.readRaftAutopilotConfig()).maxTrailingLogs())
            .isEqualTo(before.maxTrailingLogs() + 7);
      } finally {
        done(
            async.updateRaftAutopilotConfig(
                AutopilotConfig.builder().maxTrailingLogs(before.maxTrailingLogs()).build()));
      }
    }
  }

  @Test
  void joinRaftCluster_thenRemoveRaftNode_growAndShrinkTheCluster() throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int fresh = cluster.addNode();
    String freshId = cluster.nodeId(fresh);
    try {
      try (VaultRaftAsyncClient joining =
          VaultRaftClient.builder()
              .address(cluster.address(fresh))
              .environment(Map.of())
              .buildAsync()) {
        assertThat(done(joining.joinRaftCluster(cluster.leaderAddress()))).isTrue();
      }
      cluster.unseal(fresh);
      cluster.waitForHealthyVoters(4, WAIT);
    } finally {
      try (VaultRaftAsyncClient async = ClusterClients.client(cluster).async()) {
        done(async.removeRaftNode(freshId));
        assertThat(done(async.readRaftConfig()).servers())
            .extracting(RaftServer::nodeId)
            .doesNotContain(freshId)
            .hasSize(3);
      }
      cluster.kill(fresh);
      cluster.waitForHealthyVoters(3, WAIT);
    }
  }

  @Test
  void snapshots_takeToFileAndStream_restoreAndForceRestore() throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    cluster.enableKvAndWrite("async/a", "value", "before");
    Path file = dir.resolve("async.snap");
    try (VaultRaftAsyncClient async =
        ClusterClients.clientFor(cluster, cluster.followerIndex()).async()) {
      // Through a standby: the 307 to the active node is followed.
      SnapshotInfo info = done(async.takeRaftSnapshot(file));
      assertThat(info.sizeBytes()).isPositive().isEqualTo(Files.size(file));
      assertThat(RaftSnapshots.verify(file).problems()).isEmpty();

      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      SnapshotInfo streamed = done(async.takeRaftSnapshot(stream));
      assertThat(streamed.sizeBytes()).isPositive().isEqualTo(stream.size());

      cluster.enableKvAndWrite("async/a", "value", "after");
      done(async.restoreRaftSnapshot(file));
      awaitValue(cluster, "async/a", Optional.of("before"));
      cluster.waitForLeader(WAIT);

      // Forced restore of the cluster's own snapshot: accepted, same keys, same state.
      cluster.enableKvAndWrite("async/a", "value", "forced-away");
      done(async.forceRestoreRaftSnapshot(file));
      awaitValue(cluster, "async/a", Optional.of("before"));
      cluster.waitForLeader(WAIT);
    }
  }

  @Test
  void restoreRaftSnapshot_ofADamagedFile_failsBeforeSending() throws Exception {
    Path damaged = dir.resolve("damaged.snap");
    Files.write(damaged, new byte[] {31, -117, 8, 0, 1, 2, 3});
    try (VaultRaftAsyncClient async = ClusterClients.client(CLUSTER.cluster()).async()) {
      assertThatThrownBy(() -> async.restoreRaftSnapshot(damaged).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(DamagedSnapshotException.class);
    }
  }

  static Stream<Named<Function<VaultRaftAsyncClient, CompletableFuture<?>>>> enterpriseCalls() {
    AutoSnapshotConfig config =
        AutoSnapshotConfig.local(Duration.ofHours(1), "/tmp/vaultx-auto", 100_000).build();
    return Stream.of(
        Named.of("readRaftAutoSnapshotStatus", c -> c.readRaftAutoSnapshotStatus("daily")),
        Named.of("readRaftAutoSnapshotConfig", c -> c.readRaftAutoSnapshotConfig("daily")),
        Named.of("listRaftAutoSnapshotConfigs", VaultRaftAsyncClient::listRaftAutoSnapshotConfigs),
        Named.of(
            "createOrUpdateRaftAutoSnapshotConfig",
            c -> c.createOrUpdateRaftAutoSnapshotConfig("daily", config)),
        Named.of("deleteRaftAutoSnapshotConfig", c -> c.deleteRaftAutoSnapshotConfig("daily")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("enterpriseCalls")
  void autoSnapshotCall_onOpenSourceServer_failsWithEnterpriseOnlyException(
      Function<VaultRaftAsyncClient, CompletableFuture<?>> call) {
    List<String> serverErrors = CLUSTER.cluster().serverBinary().flavour().enterpriseOnlyErrors();
    try (VaultRaftAsyncClient async = ClusterClients.client(CLUSTER.cluster()).async()) {
      assertThatThrownBy(() -> call.apply(async).join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(
              EnterpriseOnlyException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(404);
                assertThat(e.errors()).isEqualTo(serverErrors);
              });
    }
  }

  /** Waits until the restore applied; errors while it applies count as not yet. */
  private static void awaitValue(LocalRaftCluster cluster, String path, Optional<String> value) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsInstanceOf(IllegalStateException.class)
        .until(() -> cluster.readKv(path, "value"), value::equals);
  }
}
