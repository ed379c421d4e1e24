package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.AutopilotConfig;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.DrOperationToken;
import io.github.vaultx.raft.LoadedSnapshot;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.RaftJoinRequest;
import io.github.vaultx.raft.internal.access.Checks;
import io.github.vaultx.raft.internal.generated.model.RaftAutoSnapshotListResponseWire;
import io.github.vaultx.raft.internal.generated.model.RaftAutoSnapshotLoadRequestWire;
import io.github.vaultx.raft.internal.generated.model.RaftDrOperationTokenRequestWire;
import io.github.vaultx.raft.internal.generated.model.RaftRemovePeerRequestWire;
import io.github.vaultx.raft.internal.generated.model.RaftServerIdRequestWire;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Every call of the API, defined once for both clients: each method checks its input (before any
 * request, so bad input throws at once on either client), then names the {@link Operation}, the
 * generated {@code RaftApi} method and the {@link WireMapper} that reads the answer. Pass {@code
 * op} on: it is the request's tag, and an untagged request fails loudly.
 */
final class Calls {
  private Calls() {}

  static PreparedCall<?, Boolean> join(RaftJoinRequest request) {
    Checks.notNull(request, "request");
    var wire = WireMapper.joinRequest(request);
    return new PreparedCall<>(
        Operation.JOIN,
        (api, op) -> api.joinRaftCluster(wire, op),
        response -> Boolean.TRUE.equals(body(response).getJoined()));
  }

  static PreparedCall<?, RaftConfiguration> readConfig() {
    return new PreparedCall<>(
        Operation.READ_CONFIGURATION,
        (api, op) -> api.readRaftConfiguration(op),
        response -> {
          var data = body(response).getData();
          return WireMapper.raftConfiguration(data == null ? null : data.getConfig());
        });
  }

  /** The DR operation token is masked in Vault's errors as the client token is. */
  static PreparedCall<?, RaftConfiguration> readConfig(DrOperationToken drOperationToken) {
    Checks.notNull(drOperationToken, "drOperationToken");
    var request = new RaftDrOperationTokenRequestWire().drOperationToken(drOperationToken.reveal());
    return new PreparedCall<>(
            Operation.READ_CONFIGURATION_WITH_DR_TOKEN,
            (api, op) -> api.readRaftConfigurationWithDrToken(request, op),
            response -> {
              var data = body(response).getData();
              return WireMapper.raftConfiguration(data == null ? null : data.getConfig());
            })
        .withSecret(drOperationToken.reveal());
  }

  static PreparedCall<?, Void> removeNode(String nodeId) {
    Checks.noControlCharacters(nodeId, "nodeId");
    var request = new RaftRemovePeerRequestWire().serverId(nodeId);
    return PreparedCall.send(Operation.REMOVE_PEER, (api, op) -> api.removeRaftPeer(request, op));
  }

  static PreparedCall<?, Void> removeNode(String nodeId, DrOperationToken drOperationToken) {
    Checks.noControlCharacters(nodeId, "nodeId");
    Checks.notNull(drOperationToken, "drOperationToken");
    var request =
        new RaftRemovePeerRequestWire()
            .serverId(nodeId)
            .drOperationToken(drOperationToken.reveal());
    return PreparedCall.send(Operation.REMOVE_PEER, (api, op) -> api.removeRaftPeer(request, op))
        .withSecret(drOperationToken.reveal());
  }

  static PreparedCall<?, Void> promoteNode(String nodeId) {
    Checks.noControlCharacters(nodeId, "nodeId");
    var request = new RaftServerIdRequestWire().serverId(nodeId);
    return PreparedCall.send(Operation.PROMOTE, (api, op) -> api.promoteRaftPeer(request, op));
  }

  static PreparedCall<?, Void> demoteNode(String nodeId) {
    Checks.noControlCharacters(nodeId, "nodeId");
    var request = new RaftServerIdRequestWire().serverId(nodeId);
    return PreparedCall.send(Operation.DEMOTE, (api, op) -> api.demoteRaftPeer(request, op));
  }

  static PreparedCall<?, Void> bootstrap() {
    return PreparedCall.send(Operation.BOOTSTRAP, (api, op) -> api.bootstrapRaftCluster(op));
  }

  /** Opens the snapshot stream; {@link SnapshotTransfer} reads and verifies the body. */
  static PreparedCall<ResponseBody, Response<ResponseBody>> openSnapshot() {
    return new PreparedCall<>(
        Operation.TAKE_SNAPSHOT, (api, op) -> api.takeRaftSnapshot(op), response -> response);
  }

  /** {@code body} from {@link SnapshotTransfer#restore}. */
  static PreparedCall<?, Void> restore(RequestBody body) {
    return PreparedCall.send(
        Operation.RESTORE_SNAPSHOT, (api, op) -> api.restoreRaftSnapshot(body, op));
  }

  /** {@code body} from {@link SnapshotTransfer#restore}. */
  static PreparedCall<?, Void> forceRestore(RequestBody body) {
    return PreparedCall.send(
        Operation.FORCE_RESTORE_SNAPSHOT, (api, op) -> api.forceRestoreRaftSnapshot(body, op));
  }

  static PreparedCall<?, AutopilotState> readAutopilotState() {
    return readAutopilotState((String) null);
  }

  static PreparedCall<?, AutopilotState> readAutopilotState(DrOperationToken drOperationToken) {
    return readAutopilotState(Checks.notNull(drOperationToken, "drOperationToken").reveal());
  }

  /** {@code drToken} replaces the client token, as Vault's CLI sends it on a DR secondary. */
  private static PreparedCall<?, AutopilotState> readAutopilotState(@Nullable String drToken) {
    return new PreparedCall<>(
            Operation.READ_AUTOPILOT_STATE,
            (api, op) -> api.readRaftAutopilotState(drToken, op),
            response -> WireMapper.autopilotState(body(response).getData()))
        .withSecret(drToken);
  }

  static PreparedCall<?, AutopilotConfig> readAutopilotConfig() {
    return readAutopilotConfig((String) null);
  }

  static PreparedCall<?, AutopilotConfig> readAutopilotConfig(DrOperationToken drOperationToken) {
    return readAutopilotConfig(Checks.notNull(drOperationToken, "drOperationToken").reveal());
  }

  /** {@code drToken} replaces the client token, as Vault's CLI sends it on a DR secondary. */
  private static PreparedCall<?, AutopilotConfig> readAutopilotConfig(@Nullable String drToken) {
    return new PreparedCall<>(
            Operation.READ_AUTOPILOT_CONFIG,
            (api, op) -> api.readRaftAutopilotConfiguration(drToken, op),
            response -> WireMapper.autopilotConfig(body(response).getData()))
        .withSecret(drToken);
  }

  static PreparedCall<?, Void> updateAutopilotConfig(AutopilotConfig config) {
    Checks.notNull(config, "config");
    var request = WireMapper.autopilotRequest(config);
    return PreparedCall.send(
        Operation.UPDATE_AUTOPILOT_CONFIG,
        (api, op) -> api.updateRaftAutopilotConfiguration(request, op));
  }

  static PreparedCall<?, Void> updateAutopilotConfig(
      AutopilotConfig config, DrOperationToken drOperationToken) {
    Checks.notNull(config, "config");
    Checks.notNull(drOperationToken, "drOperationToken");
    var request = WireMapper.autopilotRequest(config, drOperationToken.reveal());
    return PreparedCall.send(
            Operation.UPDATE_AUTOPILOT_CONFIG,
            (api, op) -> api.updateRaftAutopilotConfiguration(request, op))
        .withSecret(drOperationToken.reveal());
  }

  static PreparedCall<?, AutoSnapshotStatus> readAutoSnapshotStatus(String name) {
    Checks.pathSegment(name, "name");
    return new PreparedCall<>(
        Operation.READ_AUTO_SNAPSHOT_STATUS,
        (api, op) -> api.readRaftAutoSnapshotStatus(name, op),
        response -> WireMapper.autoSnapshotStatus(body(response).getData()));
  }

  static PreparedCall<?, AutoSnapshotConfig> readAutoSnapshotConfig(String name) {
    Checks.pathSegment(name, "name");
    return new PreparedCall<>(
        Operation.READ_AUTO_SNAPSHOT_CONFIG,
        (api, op) -> api.readRaftAutoSnapshotConfig(name, op),
        response -> WireMapper.autoSnapshotConfig(body(response).getData()));
  }

  static PreparedCall<?, List<String>> listAutoSnapshotConfigs() {
    return new PreparedCall<>(
        Operation.LIST_AUTO_SNAPSHOT_CONFIGS,
        (api, op) -> api.listRaftAutoSnapshotConfigs(true, op),
        Calls::listedKeys);
  }

  /** The keys of a LIST answer; none for Vault's "nothing to list", passed on by the executor. */
  private static List<String> listedKeys(Response<RaftAutoSnapshotListResponseWire> response) {
    if (!response.isSuccessful()) {
      return List.of();
    }
    RaftAutoSnapshotListResponseWire body = body(response);
    if (body.getData() == null || body.getData().getKeys() == null) {
      return List.of();
    }
    return List.copyOf(body.getData().getKeys());
  }

  static PreparedCall<?, Void> writeAutoSnapshotConfig(String name, AutoSnapshotConfig config) {
    Checks.pathSegment(name, "name");
    Checks.notNull(config, "config");
    Map<String, Object> request = config.toVaultParameters();
    return PreparedCall.send(
        Operation.WRITE_AUTO_SNAPSHOT_CONFIG,
        (api, op) -> api.createOrUpdateRaftAutoSnapshotConfig(name, request, op));
  }

  static PreparedCall<?, Void> deleteAutoSnapshotConfig(String name) {
    Checks.pathSegment(name, "name");
    return PreparedCall.send(
        Operation.DELETE_AUTO_SNAPSHOT_CONFIG,
        (api, op) -> api.deleteRaftAutoSnapshotConfig(name, op));
  }

  /** {@code body} from {@link SnapshotTransfer#restore}. */
  static PreparedCall<?, LoadedSnapshot> loadSnapshot(RequestBody body) {
    return new PreparedCall<>(
        Operation.LOAD_SNAPSHOT,
        (api, op) -> api.loadRaftSnapshot(body, op),
        response -> WireMapper.loadedSnapshot(body(response).getData()));
  }

  static PreparedCall<?, List<String>> listLoadedSnapshots() {
    return new PreparedCall<>(
        Operation.LIST_LOADED_SNAPSHOTS,
        (api, op) -> api.listRaftLoadedSnapshots(true, op),
        Calls::listedKeys);
  }

  static PreparedCall<?, LoadedSnapshot> readLoadedSnapshot(String snapshotId) {
    Checks.pathSegment(snapshotId, "snapshotId");
    return new PreparedCall<>(
        Operation.READ_LOADED_SNAPSHOT,
        (api, op) -> api.readRaftLoadedSnapshot(snapshotId, op),
        response -> WireMapper.loadedSnapshot(body(response).getData()));
  }

  static PreparedCall<?, Void> unloadSnapshot(String snapshotId, boolean force) {
    Checks.pathSegment(snapshotId, "snapshotId");
    Boolean forceParameter = force ? Boolean.TRUE : null;
    return PreparedCall.send(
        Operation.UNLOAD_SNAPSHOT,
        (api, op) -> api.unloadRaftSnapshot(snapshotId, forceParameter, op));
  }

  static PreparedCall<?, LoadedSnapshot> loadAutoSnapshot(String name, String snapshotUrl) {
    Checks.pathSegment(name, "name");
    Checks.noControlCharacters(snapshotUrl, "snapshotUrl");
    var request = new RaftAutoSnapshotLoadRequestWire().url(snapshotUrl);
    return new PreparedCall<>(
        Operation.LOAD_AUTO_SNAPSHOT,
        (api, op) -> api.loadRaftAutoSnapshot(name, request, op),
        response -> WireMapper.loadedSnapshot(body(response).getData()));
  }

  static PreparedCall<?, Map<String, Object>> readFromLoadedSnapshot(
      String snapshotId, String path) {
    Checks.headerValue(Checks.pathSegment(snapshotId, "snapshotId"), "snapshotId");
    Checks.secretPath(path, "path");
    return new PreparedCall<>(
        Operation.READ_FROM_LOADED_SNAPSHOT,
        (api, op) -> api.readFromLoadedSnapshot(urlPath(path), snapshotId, op),
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
          // Vault's values may be JSON null, which Map.copyOf refuses.
          return data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
        });
  }

  static PreparedCall<?, Void> recoverFromLoadedSnapshot(String snapshotId, String path) {
    Checks.headerValue(Checks.pathSegment(snapshotId, "snapshotId"), "snapshotId");
    Checks.secretPath(path, "path");
    return PreparedCall.send(
        Operation.RECOVER_FROM_LOADED_SNAPSHOT,
        (api, op) -> api.recoverFromLoadedSnapshot(urlPath(path), snapshotId, snapshotId, op));
  }

  /**
   * A checked secrets engine path as the URL carries it after {@code /v1/}. Its template starts
   * with the path itself, so a first segment such as {@code a.:} would read as a URL scheme and
   * Retrofit would refuse the URL; {@code :} goes percent-encoded, which the server decodes back.
   */
  private static String urlPath(String checkedPath) {
    return checkedPath.replace(":", "%3A");
  }

  private static <T> T body(Response<T> response) {
    T body = response.body();
    if (body == null) {
      throw new WireMapper.MalformedResponse("the response has no body");
    }
    return body;
  }
}
