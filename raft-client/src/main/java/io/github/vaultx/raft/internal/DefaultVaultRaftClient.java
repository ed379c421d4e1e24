package io.github.vaultx.raft.internal;

import com.squareup.moshi.Moshi;
import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.AutopilotConfig;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.RaftJoinRequest;
import io.github.vaultx.raft.RestoreOption;
import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.SnapshotProgressListener;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.internal.generated.model.ErrorResponseWire;
import io.github.vaultx.raft.internal.generated.model.RaftAutoSnapshotListResponseWire;
import io.github.vaultx.raft.internal.generated.model.RaftRemovePeerRequestWire;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.RequestBody;
import retrofit2.Response;

/**
 * The {@link VaultRaftClient}: each method validates its input, runs its {@link Operation} through
 * the {@link CallExecutor} and maps the answer with {@link WireMapper}. The parts: {@link
 * NodeClients} (HTTP per node), {@link ResiliencePolicy} (retry, breaker, failover), {@link
 * CallExecutor} (the call loop), {@link SnapshotTransfer} (snapshot files and streams) and {@link
 * ErrorMapper} (every exception).
 */
final class DefaultVaultRaftClient implements VaultRaftClient {
  private final ClientConfig config;
  private final NodeClients nodeClients;
  private final Metrics metrics;
  private final CallExecutor executor;
  private final SnapshotTransfer snapshots;
  private final AtomicBoolean closed = new AtomicBoolean();

  DefaultVaultRaftClient(ClientConfig config) {
    this.config = config;
    Moshi moshi = new Moshi.Builder().build();
    this.nodeClients = new NodeClients(config, moshi);
    ResiliencePolicy policy = new ResiliencePolicy(config, nodeClients.nodes());
    this.metrics = policy.metrics(config.meterRegistry);
    this.executor =
        new CallExecutor(
            config,
            nodeClients.nodes(),
            policy,
            moshi.adapter(ErrorResponseWire.class).lenient(),
            metrics);
    this.snapshots = new SnapshotTransfer(executor, new TransportErrors(config));
  }

  private <T, R> R call(
      Operation operation, CallExecutor.NewCall<T> newCall, Function<Response<T>, R> onSuccess) {
    ensureOpen();
    return executor.call(operation, newCall, onSuccess);
  }

  private <T> void send(Operation operation, CallExecutor.NewCall<T> newCall) {
    call(operation, newCall, response -> null);
  }

  private static <T> T body(Response<T> response) {
    T body = response.body();
    if (body == null) {
      throw new WireMapper.MalformedResponse("the response has no body");
    }
    return body;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the client is closed");
    }
  }

  @Override
  public boolean joinRaftCluster(String leaderApiAddr) {
    return joinRaftCluster(RaftJoinRequest.builder(leaderApiAddr).build());
  }

  @Override
  public boolean joinRaftCluster(RaftJoinRequest request) {
    Checks.notNull(request, "request");
    var wire = WireMapper.joinRequest(request);
    return call(
        Operation.JOIN,
        (api, op) -> api.joinRaftCluster(wire, op),
        response -> Boolean.TRUE.equals(body(response).getJoined()));
  }

  @Override
  public RaftConfiguration readRaftConfig() {
    return call(
        Operation.READ_CONFIGURATION,
        (api, op) -> api.readRaftConfiguration(op),
        response -> {
          var data = body(response).getData();
          return WireMapper.raftConfiguration(data == null ? null : data.getConfig());
        });
  }

  @Override
  public void removeRaftNode(String serverId) {
    Checks.noControlCharacters(serverId, "serverId");
    var request = new RaftRemovePeerRequestWire().serverId(serverId);
    send(Operation.REMOVE_PEER, (api, op) -> api.removeRaftPeer(request, op));
  }

  @Override
  public SnapshotInfo takeRaftSnapshot(Path target, SnapshotProgressListener progress) {
    Checks.snapshotTarget(target);
    ensureOpen();
    return snapshots.download(target, progress);
  }

  @Override
  public SnapshotInfo takeRaftSnapshot(OutputStream target) {
    Checks.notNull(target, "target");
    ensureOpen();
    return snapshots.download(target);
  }

  @Override
  public void restoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    RequestBody body = SnapshotTransfer.restoreBody(source, progress, options);
    send(Operation.RESTORE_SNAPSHOT, (api, op) -> api.restoreRaftSnapshot(body, op));
  }

  @Override
  public void forceRestoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    RequestBody body = SnapshotTransfer.restoreBody(source, progress, options);
    send(Operation.FORCE_RESTORE_SNAPSHOT, (api, op) -> api.forceRestoreRaftSnapshot(body, op));
  }

  @Override
  public AutopilotState readRaftAutopilotState() {
    return call(
        Operation.READ_AUTOPILOT_STATE,
        (api, op) -> api.readRaftAutopilotState(op),
        response -> WireMapper.autopilotState(body(response).getData()));
  }

  @Override
  public AutopilotConfig readRaftAutopilotConfig() {
    return call(
        Operation.READ_AUTOPILOT_CONFIG,
        (api, op) -> api.readRaftAutopilotConfiguration(op),
        response -> WireMapper.autopilotConfig(body(response).getData()));
  }

  @Override
  public void updateRaftAutopilotConfig(AutopilotConfig config) {
    Checks.notNull(config, "config");
    var request = WireMapper.autopilotRequest(config);
    send(
        Operation.UPDATE_AUTOPILOT_CONFIG,
        (api, op) -> api.updateRaftAutopilotConfiguration(request, op));
  }

  @Override
  public AutoSnapshotStatus readRaftAutoSnapshotStatus(String name) {
    Checks.pathSegment(name, "name");
    return call(
        Operation.READ_AUTO_SNAPSHOT_STATUS,
        (api, op) -> api.readRaftAutoSnapshotStatus(name, op),
        response -> WireMapper.autoSnapshotStatus(body(response).getData()));
  }

  @Override
  public AutoSnapshotConfig readRaftAutoSnapshotConfig(String name) {
    Checks.pathSegment(name, "name");
    return call(
        Operation.READ_AUTO_SNAPSHOT_CONFIG,
        (api, op) -> api.readRaftAutoSnapshotConfig(name, op),
        response -> WireMapper.autoSnapshotConfig(body(response).getData()));
  }

  @Override
  public List<String> listRaftAutoSnapshotConfigs() {
    return call(
        Operation.LIST_AUTO_SNAPSHOT_CONFIGS,
        (api, op) -> api.listRaftAutoSnapshotConfigs(true, op),
        response -> {
          if (!response.isSuccessful()) {
            return List.of(); // Vault's "nothing to list", passed on by the executor
          }
          RaftAutoSnapshotListResponseWire body = body(response);
          if (body.getData() == null || body.getData().getKeys() == null) {
            return List.of();
          }
          return List.copyOf(body.getData().getKeys());
        });
  }

  @Override
  public void createOrUpdateRaftAutoSnapshotConfig(String name, AutoSnapshotConfig config) {
    Checks.pathSegment(name, "name");
    Checks.notNull(config, "config");
    Map<String, Object> request = config.toVaultParameters();
    send(
        Operation.WRITE_AUTO_SNAPSHOT_CONFIG,
        (api, op) -> api.createOrUpdateRaftAutoSnapshotConfig(name, request, op));
  }

  @Override
  public void deleteRaftAutoSnapshotConfig(String name) {
    Checks.pathSegment(name, "name");
    send(
        Operation.DELETE_AUTO_SNAPSHOT_CONFIG,
        (api, op) -> api.deleteRaftAutoSnapshotConfig(name, op));
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      metrics.close();
      nodeClients.close();
    }
  }

  @Override
  public String toString() {
    return "VaultRaftClient[" + config + "]";
  }
}
