package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.AutopilotConfig;
import io.github.vaultx.raft.AutopilotState;
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
  public void removeRaftNode(String serverId) {
    core.execute(Calls.removeNode(serverId));
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
  public void close() {
    core.close();
  }

  @Override
  public String toString() {
    return core.toString();
  }
}
