package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.AutopilotConfig;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.RaftJoinRequest;
import io.github.vaultx.raft.internal.generated.model.RaftAutoSnapshotListResponseWire;
import io.github.vaultx.raft.internal.generated.model.RaftRemovePeerRequestWire;
import java.util.List;
import java.util.Map;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
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

  static PreparedCall<?, Void> removeNode(String serverId) {
    Checks.noControlCharacters(serverId, "serverId");
    var request = new RaftRemovePeerRequestWire().serverId(serverId);
    return PreparedCall.send(Operation.REMOVE_PEER, (api, op) -> api.removeRaftPeer(request, op));
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
    return new PreparedCall<>(
        Operation.READ_AUTOPILOT_STATE,
        (api, op) -> api.readRaftAutopilotState(op),
        response -> WireMapper.autopilotState(body(response).getData()));
  }

  static PreparedCall<?, AutopilotConfig> readAutopilotConfig() {
    return new PreparedCall<>(
        Operation.READ_AUTOPILOT_CONFIG,
        (api, op) -> api.readRaftAutopilotConfiguration(op),
        response -> WireMapper.autopilotConfig(body(response).getData()));
  }

  static PreparedCall<?, Void> updateAutopilotConfig(AutopilotConfig config) {
    Checks.notNull(config, "config");
    var request = WireMapper.autopilotRequest(config);
    return PreparedCall.send(
        Operation.UPDATE_AUTOPILOT_CONFIG,
        (api, op) -> api.updateRaftAutopilotConfiguration(request, op));
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

  private static <T> T body(Response<T> response) {
    T body = response.body();
    if (body == null) {
      throw new WireMapper.MalformedResponse("the response has no body");
    }
    return body;
  }
}
