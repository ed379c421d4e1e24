package io.github.vaultx.raft.internal;

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
import io.github.vaultx.raft.VaultRaftAsyncClient;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link VaultRaftAsyncClient}: each method submits the same definition from {@link Calls} (or
 * {@link SnapshotTransfer} step) as {@link DefaultVaultRaftClient} runs, without blocking, through
 * the {@link ClientCore} both share.
 */
final class DefaultVaultRaftAsyncClient implements VaultRaftAsyncClient {
  private final ClientCore core;

  DefaultVaultRaftAsyncClient(ClientCore core) {
    this.core = core;
  }

  @Override
  public CompletableFuture<Boolean> joinRaftCluster(String leaderApiAddr) {
    return joinRaftCluster(RaftJoinRequest.builder(leaderApiAddr).build());
  }

  @Override
  public CompletableFuture<Boolean> joinRaftCluster(RaftJoinRequest request) {
    return core.submit(Calls.join(request));
  }

  @Override
  public CompletableFuture<RaftConfiguration> readRaftConfig() {
    return core.submit(Calls.readConfig());
  }

  @Override
  public CompletableFuture<Void> removeRaftNode(String nodeId) {
    return core.submit(Calls.removeNode(nodeId));
  }

  @Override
  public CompletableFuture<SnapshotInfo> takeRaftSnapshot(
      Path target, SnapshotProgressListener progress) {
    return core.submit(attempts -> core.snapshots().download(target, progress, attempts));
  }

  @Override
  public CompletableFuture<SnapshotInfo> takeRaftSnapshot(OutputStream target) {
    return core.submit(attempts -> core.snapshots().download(target, attempts));
  }

  @Override
  public CompletableFuture<Void> restoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    return core.submit(a -> core.snapshots().restore(source, progress, options, Calls::restore, a));
  }

  @Override
  public CompletableFuture<Void> forceRestoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    return core.submit(
        a -> core.snapshots().restore(source, progress, options, Calls::forceRestore, a));
  }

  @Override
  public CompletableFuture<AutopilotState> readRaftAutopilotState() {
    return core.submit(Calls.readAutopilotState());
  }

  @Override
  public CompletableFuture<AutopilotConfig> readRaftAutopilotConfig() {
    return core.submit(Calls.readAutopilotConfig());
  }

  @Override
  public CompletableFuture<Void> updateRaftAutopilotConfig(AutopilotConfig config) {
    return core.submit(Calls.updateAutopilotConfig(config));
  }

  @Override
  public CompletableFuture<AutoSnapshotStatus> readRaftAutoSnapshotStatus(String name) {
    return core.submit(Calls.readAutoSnapshotStatus(name));
  }

  @Override
  public CompletableFuture<AutoSnapshotConfig> readRaftAutoSnapshotConfig(String name) {
    return core.submit(Calls.readAutoSnapshotConfig(name));
  }

  @Override
  public CompletableFuture<List<String>> listRaftAutoSnapshotConfigs() {
    return core.submit(Calls.listAutoSnapshotConfigs());
  }

  @Override
  public CompletableFuture<Void> createOrUpdateRaftAutoSnapshotConfig(
      String name, AutoSnapshotConfig config) {
    return core.submit(Calls.writeAutoSnapshotConfig(name, config));
  }

  @Override
  public CompletableFuture<Void> deleteRaftAutoSnapshotConfig(String name) {
    return core.submit(Calls.deleteAutoSnapshotConfig(name));
  }

  @Override
  public CompletableFuture<RaftConfiguration> readRaftConfig(DrOperationToken drOperationToken) {
    return core.submit(Calls.readConfig(drOperationToken));
  }

  @Override
  public CompletableFuture<Void> removeRaftNode(String nodeId, DrOperationToken drOperationToken) {
    return core.submit(Calls.removeNode(nodeId, drOperationToken));
  }

  @Override
  public CompletableFuture<Void> promoteRaftNode(String nodeId) {
    return core.submit(Calls.promoteNode(nodeId));
  }

  @Override
  public CompletableFuture<Void> demoteRaftNode(String nodeId) {
    return core.submit(Calls.demoteNode(nodeId));
  }

  @Override
  public CompletableFuture<Void> bootstrapRaftCluster() {
    return core.submit(Calls.bootstrap());
  }

  @Override
  public CompletableFuture<AutopilotState> readRaftAutopilotState(
      DrOperationToken drOperationToken) {
    return core.submit(Calls.readAutopilotState(drOperationToken));
  }

  @Override
  public CompletableFuture<AutopilotConfig> readRaftAutopilotConfig(
      DrOperationToken drOperationToken) {
    return core.submit(Calls.readAutopilotConfig(drOperationToken));
  }

  @Override
  public CompletableFuture<Void> updateRaftAutopilotConfig(
      AutopilotConfig config, DrOperationToken drOperationToken) {
    return core.submit(Calls.updateAutopilotConfig(config, drOperationToken));
  }

  @Override
  public CompletableFuture<LoadedSnapshot> loadRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    return core.submit(
        a -> core.snapshots().restore(source, progress, options, Calls::loadSnapshot, a));
  }

  @Override
  public CompletableFuture<List<String>> listRaftLoadedSnapshots() {
    return core.submit(Calls.listLoadedSnapshots());
  }

  @Override
  public CompletableFuture<LoadedSnapshot> readRaftLoadedSnapshot(String snapshotId) {
    return core.submit(Calls.readLoadedSnapshot(snapshotId));
  }

  @Override
  public CompletableFuture<Void> unloadRaftSnapshot(String snapshotId, boolean force) {
    return core.submit(Calls.unloadSnapshot(snapshotId, force));
  }

  @Override
  public CompletableFuture<LoadedSnapshot> loadRaftAutoSnapshot(String name, String snapshotUrl) {
    return core.submit(Calls.loadAutoSnapshot(name, snapshotUrl));
  }

  @Override
  public CompletableFuture<Map<String, Object>> readFromLoadedSnapshot(
      String snapshotId, String path) {
    return core.submit(Calls.readFromLoadedSnapshot(snapshotId, path));
  }

  @Override
  public CompletableFuture<Void> recoverFromLoadedSnapshot(String snapshotId, String path) {
    return core.submit(Calls.recoverFromLoadedSnapshot(snapshotId, path));
  }

  @Override
  public void close() {
    core.close();
  }

  @Override
  public String toString() {
    return "VaultRaftAsyncClient[" + core.config() + "]";
  }
}
