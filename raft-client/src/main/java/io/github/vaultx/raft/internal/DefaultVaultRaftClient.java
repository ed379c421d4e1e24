package io.github.vaultx.raft.internal;

import com.squareup.moshi.Moshi;
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
import io.github.vaultx.raft.internal.generated.model.ErrorResponseWire;
import io.github.vaultx.raft.internal.generated.model.RaftAutoSnapshotListResponseWire;
import io.github.vaultx.raft.internal.generated.model.RaftAutoSnapshotLoadRequestWire;
import io.github.vaultx.raft.internal.generated.model.RaftDrOperationTokenRequestWire;
import io.github.vaultx.raft.internal.generated.model.RaftRemovePeerRequestWire;
import io.github.vaultx.raft.internal.generated.model.RaftServerIdRequestWire;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
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

  /** A call that carries a DR operation token, masked in error messages as the token is. */
  private <T, R> R callWithDrToken(
      Operation operation,
      CallExecutor.NewCall<T> newCall,
      Function<Response<T>, R> onSuccess,
      @Nullable String drToken) {
    ensureOpen();
    return executor.call(operation, newCall, onSuccess, drToken);
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
  public RaftConfiguration readRaftConfig(DrOperationToken drOperationToken) {
    Checks.notNull(drOperationToken, "drOperationToken");
    var request = new RaftDrOperationTokenRequestWire().drOperationToken(drOperationToken.reveal());
    return callWithDrToken(
        Operation.READ_CONFIGURATION_WITH_DR_TOKEN,
        (api, op) -> api.readRaftConfigurationWithDrToken(request, op),
        response -> {
          var data = body(response).getData();
          return WireMapper.raftConfiguration(data == null ? null : data.getConfig());
        },
        drOperationToken.reveal());
  }

  @Override
  public void removeRaftNode(String serverId) {
    Checks.noControlCharacters(serverId, "serverId");
    var request = new RaftRemovePeerRequestWire().serverId(serverId);
    send(Operation.REMOVE_PEER, (api, op) -> api.removeRaftPeer(request, op));
  }

  @Override
  public void removeRaftNode(String serverId, DrOperationToken drOperationToken) {
    Checks.noControlCharacters(serverId, "serverId");
    Checks.notNull(drOperationToken, "drOperationToken");
    var request =
        new RaftRemovePeerRequestWire()
            .serverId(serverId)
            .drOperationToken(drOperationToken.reveal());
    callWithDrToken(
        Operation.REMOVE_PEER,
        (api, op) -> api.removeRaftPeer(request, op),
        response -> null,
        drOperationToken.reveal());
  }

  @Override
  public void promoteRaftNode(String serverId) {
    Checks.noControlCharacters(serverId, "serverId");
    var request = new RaftServerIdRequestWire().serverId(serverId);
    send(Operation.PROMOTE, (api, op) -> api.promoteRaftPeer(request, op));
  }

  @Override
  public void demoteRaftNode(String serverId) {
    Checks.noControlCharacters(serverId, "serverId");
    var request = new RaftServerIdRequestWire().serverId(serverId);
    send(Operation.DEMOTE, (api, op) -> api.demoteRaftPeer(request, op));
  }

  @Override
  public void bootstrapRaftCluster() {
    send(Operation.BOOTSTRAP, (api, op) -> api.bootstrapRaftCluster(op));
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
    return readAutopilotState(null);
  }

  @Override
  public AutopilotState readRaftAutopilotState(DrOperationToken drOperationToken) {
    return readAutopilotState(Checks.notNull(drOperationToken, "drOperationToken").reveal());
  }

  /** {@code drToken} replaces the client token, as Vault's CLI sends it on a DR secondary. */
  private AutopilotState readAutopilotState(@Nullable String drToken) {
    return callWithDrToken(
        Operation.READ_AUTOPILOT_STATE,
        (api, op) -> api.readRaftAutopilotState(drToken, op),
        response -> WireMapper.autopilotState(body(response).getData()),
        drToken);
  }

  @Override
  public AutopilotConfig readRaftAutopilotConfig() {
    return readAutopilotConfig(null);
  }

  @Override
  public AutopilotConfig readRaftAutopilotConfig(DrOperationToken drOperationToken) {
    return readAutopilotConfig(Checks.notNull(drOperationToken, "drOperationToken").reveal());
  }

  /** {@code drToken} replaces the client token, as Vault's CLI sends it on a DR secondary. */
  private AutopilotConfig readAutopilotConfig(@Nullable String drToken) {
    return callWithDrToken(
        Operation.READ_AUTOPILOT_CONFIG,
        (api, op) -> api.readRaftAutopilotConfiguration(drToken, op),
        response -> WireMapper.autopilotConfig(body(response).getData()),
        drToken);
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
  public void updateRaftAutopilotConfig(AutopilotConfig config, DrOperationToken drOperationToken) {
    Checks.notNull(config, "config");
    Checks.notNull(drOperationToken, "drOperationToken");
    var request = WireMapper.autopilotRequest(config, drOperationToken.reveal());
    callWithDrToken(
        Operation.UPDATE_AUTOPILOT_CONFIG,
        (api, op) -> api.updateRaftAutopilotConfiguration(request, op),
        response -> null,
        drOperationToken.reveal());
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
  public LoadedSnapshot loadRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    RequestBody body = SnapshotTransfer.restoreBody(source, progress, options);
    return call(
        Operation.LOAD_SNAPSHOT,
        (api, op) -> api.loadRaftSnapshot(body, op),
        response -> WireMapper.loadedSnapshot(body(response).getData()));
  }

  @Override
  public List<String> listRaftLoadedSnapshots() {
    return call(
        Operation.LIST_LOADED_SNAPSHOTS,
        (api, op) -> api.listRaftLoadedSnapshots(true, op),
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
  public LoadedSnapshot readRaftLoadedSnapshot(String snapshotId) {
    Checks.pathSegment(snapshotId, "snapshotId");
    return call(
        Operation.READ_LOADED_SNAPSHOT,
        (api, op) -> api.readRaftLoadedSnapshot(snapshotId, op),
        response -> WireMapper.loadedSnapshot(body(response).getData()));
  }

  @Override
  public void unloadRaftSnapshot(String snapshotId, boolean force) {
    Checks.pathSegment(snapshotId, "snapshotId");
    Boolean forceParameter = force ? Boolean.TRUE : null;
    send(
        Operation.UNLOAD_SNAPSHOT,
        (api, op) -> api.unloadRaftSnapshot(snapshotId, forceParameter, op));
  }

  @Override
  public LoadedSnapshot loadRaftAutoSnapshot(String name, String snapshotUrl) {
    Checks.pathSegment(name, "name");
    Checks.noControlCharacters(snapshotUrl, "snapshotUrl");
    var request = new RaftAutoSnapshotLoadRequestWire().url(snapshotUrl);
    return call(
        Operation.LOAD_AUTO_SNAPSHOT,
        (api, op) -> api.loadRaftAutoSnapshot(name, request, op),
        response -> WireMapper.loadedSnapshot(body(response).getData()));
  }

  @Override
  public Map<String, Object> readFromLoadedSnapshot(String snapshotId, String path) {
    Checks.headerValue(Checks.pathSegment(snapshotId, "snapshotId"), "snapshotId");
    Checks.secretPath(path, "path");
    return call(
        Operation.READ_FROM_LOADED_SNAPSHOT,
        (api, op) -> api.readFromLoadedSnapshot(path, snapshotId, op),
        response -> {
          var body = body(response);
          var request = response.raw().request();
          // OpenBao answers the LIVE data and only warns that it ignored the parameter.
          var ignored =
              ErrorMapper.ignoredSnapshotParameter(
                  request.method(),
                  request.url().encodedPath(),
                  body.getWarnings(),
                  "read_snapshot_id");
          if (ignored != null) {
            throw ignored;
          }
          Map<String, Object> data = body.getData();
          return data == null ? Map.of() : unmodifiableCopy(data);
        });
  }

  private static Map<String, Object> unmodifiableCopy(Map<String, Object> data) {
    // Vault's values may be JSON null, which Map.copyOf refuses.
    return Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  @Override
  public void recoverFromLoadedSnapshot(String snapshotId, String path) {
    Checks.headerValue(Checks.pathSegment(snapshotId, "snapshotId"), "snapshotId");
    Checks.secretPath(path, "path");
    send(
        Operation.RECOVER_FROM_LOADED_SNAPSHOT,
        (api, op) -> api.recoverFromLoadedSnapshot(path, snapshotId, snapshotId, op));
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
