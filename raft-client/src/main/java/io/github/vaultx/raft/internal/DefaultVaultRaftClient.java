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
import io.github.vaultx.raft.VaultRaftClient;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@link VaultRaftClient}: each method runs the operation's definition from {@link Calls} (or a
 * {@link SnapshotTransfer} step) on the caller's thread through the {@link ClientCore} it shares
 * with its {@link DefaultVaultRaftAsyncClient async view}.
 */
final class DefaultVaultRaftClient implements VaultRaftClient {
  private final ClientCore core;
  private final VaultRaftAsyncClient async;

  DefaultVaultRaftClient(ClientCore core) {
    this.core = core;
    this.async = new DefaultVaultRaftAsyncClient(core);
  }

  @Override
  public VaultRaftAsyncClient async() {
    return async;
  }

  @Override
  public boolean joinRaftCluster(String leaderApiAddr) {
    return joinRaftCluster(RaftJoinRequest.builder(leaderApiAddr).build());
  }

  @Override
  public boolean joinRaftCluster(RaftJoinRequest request) {
    return core.execute(Calls.join(request));
  }

  @Override
  public RaftConfiguration readRaftConfig() {
    return core.execute(Calls.readConfig());
  }

  @Override
  public void removeRaftNode(String nodeId) {
    core.execute(Calls.removeNode(nodeId));
  }

  @Override
  public SnapshotInfo takeRaftSnapshot(Path target, SnapshotProgressListener progress) {
    return core.execute(attempts -> core.snapshots().download(target, progress, attempts));
  }

  @Override
  public SnapshotInfo takeRaftSnapshot(OutputStream target) {
    return core.execute(attempts -> core.snapshots().download(target, attempts));
  }

  @Override
  public void restoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    core.execute(a -> core.snapshots().restore(source, progress, options, Calls::restore, a));
  }

  @Override
  public void forceRestoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    core.execute(a -> core.snapshots().restore(source, progress, options, Calls::forceRestore, a));
  }

  @Override
  public AutopilotState readRaftAutopilotState() {
    return core.execute(Calls.readAutopilotState());
  }

  @Override
  public AutopilotConfig readRaftAutopilotConfig() {
    return core.execute(Calls.readAutopilotConfig());
  }

  @Override
  public void updateRaftAutopilotConfig(AutopilotConfig config) {
    core.execute(Calls.updateAutopilotConfig(config));
  }

  @Override
  public AutoSnapshotStatus readRaftAutoSnapshotStatus(String name) {
    return core.execute(Calls.readAutoSnapshotStatus(name));
  }

  @Override
  public AutoSnapshotConfig readRaftAutoSnapshotConfig(String name) {
    return core.execute(Calls.readAutoSnapshotConfig(name));
  }

  @Override
  public List<String> listRaftAutoSnapshotConfigs() {
    return core.execute(Calls.listAutoSnapshotConfigs());
  }

  @Override
  public void createOrUpdateRaftAutoSnapshotConfig(String name, AutoSnapshotConfig config) {
    core.execute(Calls.writeAutoSnapshotConfig(name, config));
  }

  @Override
  public void deleteRaftAutoSnapshotConfig(String name) {
    core.execute(Calls.deleteAutoSnapshotConfig(name));
  }

  @Override
  public RaftConfiguration readRaftConfig(DrOperationToken drOperationToken) {
    return core.execute(Calls.readConfig(drOperationToken));
  }

  @Override
  public void removeRaftNode(String nodeId, DrOperationToken drOperationToken) {
    core.execute(Calls.removeNode(nodeId, drOperationToken));
  }

  @Override
  public void promoteRaftNode(String nodeId) {
    core.execute(Calls.promoteNode(nodeId));
  }

  @Override
  public void demoteRaftNode(String nodeId) {
    core.execute(Calls.demoteNode(nodeId));
  }

  @Override
  public void bootstrapRaftCluster() {
    core.execute(Calls.bootstrap());
  }

  @Override
  public AutopilotState readRaftAutopilotState(DrOperationToken drOperationToken) {
    return core.execute(Calls.readAutopilotState(drOperationToken));
  }

  @Override
  public AutopilotConfig readRaftAutopilotConfig(DrOperationToken drOperationToken) {
    return core.execute(Calls.readAutopilotConfig(drOperationToken));
  }

  @Override
  public void updateRaftAutopilotConfig(AutopilotConfig config, DrOperationToken drOperationToken) {
    core.execute(Calls.updateAutopilotConfig(config, drOperationToken));
  }

  @Override
  public LoadedSnapshot loadRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    return core.execute(
        a -> core.snapshots().restore(source, progress, options, Calls::loadSnapshot, a));
  }

  @Override
  public List<String> listRaftLoadedSnapshots() {
    return core.execute(Calls.listLoadedSnapshots());
  }

  @Override
  public LoadedSnapshot readRaftLoadedSnapshot(String snapshotId) {
    return core.execute(Calls.readLoadedSnapshot(snapshotId));
  }

  @Override
  public void unloadRaftSnapshot(String snapshotId, boolean force) {
    core.execute(Calls.unloadSnapshot(snapshotId, force));
  }

  @Override
  public LoadedSnapshot loadRaftAutoSnapshot(String name, String snapshotUrl) {
    return core.execute(Calls.loadAutoSnapshot(name, snapshotUrl));
  }

  @Override
  public Map<String, Object> readFromLoadedSnapshot(String snapshotId, String path) {
    return core.execute(Calls.readFromLoadedSnapshot(snapshotId, path));
  }

  @Override
  public void recoverFromLoadedSnapshot(String snapshotId, String path) {
    core.execute(Calls.recoverFromLoadedSnapshot(snapshotId, path));
  }

  @Override
  public void close() {
    core.close();
  }

  @Override
  public String toString() {
    return core.toString();
  }
}
