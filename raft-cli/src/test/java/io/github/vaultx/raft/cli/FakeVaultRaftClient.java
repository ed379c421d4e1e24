package io.github.vaultx.raft.cli;

import static org.awaitility.Awaitility.await;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.AutopilotConfig;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.DrOperationToken;
import io.github.vaultx.raft.LoadedSnapshot;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.RaftJoinRequest;
import io.github.vaultx.raft.RestoreOption;
import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.SnapshotProgressListener;
import io.github.vaultx.raft.VaultRaftClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link VaultRaftClient} that records what it was asked and answers with canned values, or
 * throws {@link #failure} when set.
 */
final class FakeVaultRaftClient implements VaultRaftClient {
  final List<String> calls = new ArrayList<>();
  @Nullable RuntimeException failure;
  @Nullable RaftConfiguration config;
  @Nullable AutopilotState autopilotState;
  @Nullable AutopilotConfig autopilotConfig;
  @Nullable AutopilotConfig updatedAutopilotConfig;
  @Nullable RaftJoinRequest joinRequest;
  @Nullable AutoSnapshotConfig autoSnapshotConfig;
  @Nullable AutoSnapshotStatus autoSnapshotStatus;
  List<String> autoSnapshotNames = List.of();

  /** Holds each transfer open until the progress line has been drawn (on a terminal). */
  boolean holdUntilProgressDrawn;

  /** What the command line printed to stderr so far; set by {@link CliRun}. */
  @Nullable StringWriter stderr;

  byte[] snapshot = new byte[0];
  boolean closed;
  @Nullable LoadedSnapshot loaded;
  List<String> loadedIds = List.of();
  Map<String, Object> snapshotData = Map.of();
  @Nullable DrOperationToken drToken;

  private <T> T answer(String call, Supplier<T> value) {
    calls.add(call);
    if (failure != null) {
      throw failure;
    }
    return value.get();
  }

  private void answer(String call) {
    answer(call, () -> null);
  }

  @Override
  public boolean joinRaftCluster(String leaderApiAddr) {
    return joinRaftCluster(RaftJoinRequest.builder(leaderApiAddr).build());
  }

  @Override
  public boolean joinRaftCluster(RaftJoinRequest request) {
    joinRequest = request;
    return answer("join " + request.leaderApiAddr(), () -> true);
  }

  @Override
  public RaftConfiguration readRaftConfig() {
    return answer("readRaftConfig", () -> config);
  }

  @Override
  public void removeRaftNode(String nodeId) {
    answer("removeRaftNode " + nodeId);
  }

  @Override
  public SnapshotInfo takeRaftSnapshot(Path target, SnapshotProgressListener progress) {
    return answer(
        "takeRaftSnapshot " + target.getFileName(),
        () -> {
          try {
            Files.write(target, snapshot);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          progress.bytesTransferred(snapshot.length);
          pause();
          return new SnapshotInfo(snapshot.length, "ab12", Duration.ofMillis(1500));
        });
  }

  @Override
  public SnapshotInfo takeRaftSnapshot(OutputStream target) {
    throw new UnsupportedOperationException("the CLI saves to files");
  }

  @Override
  public void restoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    answer("restoreRaftSnapshot " + source.getFileName());
    progress.bytesTransferred(source.toFile().length());
    pause();
  }

  @Override
  public void forceRestoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    answer("forceRestoreRaftSnapshot " + source.getFileName());
    progress.bytesTransferred(source.toFile().length());
    pause();
  }

  /**
   * Holds a transfer open until the progress ticker has drawn its line once, however long the
   * ticker takes on a busy machine: the test waits for the event, not for a time.
   */
  private void pause() {
    StringWriter err = stderr;
    if (!holdUntilProgressDrawn || err == null) {
      return;
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> err.toString().contains("\r"));
  }

  @Override
  public AutopilotState readRaftAutopilotState() {
    return answer("readRaftAutopilotState", () -> autopilotState);
  }

  @Override
  public AutopilotConfig readRaftAutopilotConfig() {
    return answer("readRaftAutopilotConfig", () -> autopilotConfig);
  }

  @Override
  public void updateRaftAutopilotConfig(AutopilotConfig config) {
    updatedAutopilotConfig = config;
    answer("updateRaftAutopilotConfig");
  }

  @Override
  public AutoSnapshotStatus readRaftAutoSnapshotStatus(String name) {
    return answer("readRaftAutoSnapshotStatus " + name, () -> autoSnapshotStatus);
  }

  @Override
  public AutoSnapshotConfig readRaftAutoSnapshotConfig(String name) {
    return answer("readRaftAutoSnapshotConfig " + name, () -> autoSnapshotConfig);
  }

  @Override
  public List<String> listRaftAutoSnapshotConfigs() {
    return answer("listRaftAutoSnapshotConfigs", () -> autoSnapshotNames);
  }

  @Override
  public void createOrUpdateRaftAutoSnapshotConfig(String name, AutoSnapshotConfig config) {
    autoSnapshotConfig = config;
    answer("createOrUpdateRaftAutoSnapshotConfig " + name);
  }

  @Override
  public void deleteRaftAutoSnapshotConfig(String name) {
    answer("deleteRaftAutoSnapshotConfig " + name);
  }

  @Override
  public io.github.vaultx.raft.VaultRaftAsyncClient async() {
    throw new UnsupportedOperationException("the command line uses the blocking client only");
  }

  @Override
  public RaftConfiguration readRaftConfig(DrOperationToken drOperationToken) {
    drToken = drOperationToken;
    return answer("readRaftConfig with a DR token", () -> config);
  }

  @Override
  public void removeRaftNode(String nodeId, DrOperationToken drOperationToken) {
    drToken = drOperationToken;
    answer("removeRaftNode " + nodeId + " with a DR token");
  }

  @Override
  public void promoteRaftNode(String nodeId) {
    answer("promoteRaftNode " + nodeId);
  }

  @Override
  public void demoteRaftNode(String nodeId) {
    answer("demoteRaftNode " + nodeId);
  }

  @Override
  public void bootstrapRaftCluster() {
    answer("bootstrapRaftCluster");
  }

  @Override
  public AutopilotState readRaftAutopilotState(DrOperationToken drOperationToken) {
    drToken = drOperationToken;
    return answer("readRaftAutopilotState with a DR token", () -> autopilotState);
  }

  @Override
  public AutopilotConfig readRaftAutopilotConfig(DrOperationToken drOperationToken) {
    drToken = drOperationToken;
    return answer("readRaftAutopilotConfig with a DR token", () -> autopilotConfig);
  }

  @Override
  public void updateRaftAutopilotConfig(AutopilotConfig config, DrOperationToken drOperationToken) {
    drToken = drOperationToken;
    updatedAutopilotConfig = config;
    answer("updateRaftAutopilotConfig with a DR token");
  }

  @Override
  public LoadedSnapshot loadRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    LoadedSnapshot result = answer("loadRaftSnapshot " + source.getFileName(), () -> loaded);
    progress.bytesTransferred(source.toFile().length());
    return result;
  }

  @Override
  public List<String> listRaftLoadedSnapshots() {
    return answer("listRaftLoadedSnapshots", () -> loadedIds);
  }

  @Override
  public LoadedSnapshot readRaftLoadedSnapshot(String snapshotId) {
    return answer("readRaftLoadedSnapshot " + snapshotId, () -> loaded);
  }

  @Override
  public void unloadRaftSnapshot(String snapshotId, boolean force) {
    answer("unloadRaftSnapshot " + snapshotId + (force ? " force" : ""));
  }

  @Override
  public LoadedSnapshot loadRaftAutoSnapshot(String name, String snapshotUrl) {
    return answer("loadRaftAutoSnapshot " + name + " " + snapshotUrl, () -> loaded);
  }

  @Override
  public Map<String, Object> readFromLoadedSnapshot(String snapshotId, String path) {
    return answer("readFromLoadedSnapshot " + snapshotId + " " + path, () -> snapshotData);
  }

  @Override
  public void recoverFromLoadedSnapshot(String snapshotId, String path) {
    answer("recoverFromLoadedSnapshot " + snapshotId + " " + path);
  }

  @Override
  public void close() {
    closed = true;
  }
}
