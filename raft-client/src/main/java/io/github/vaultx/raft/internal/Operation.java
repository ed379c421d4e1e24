package io.github.vaultx.raft.internal;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Each call the client makes: its public name, how it may be retried, and whether it follows
 * redirects or needs Vault Enterprise.
 */
enum Operation {
  JOIN("joinRaftCluster", "joinRaftCluster", RetryClass.ONCE, false, false),
  READ_CONFIGURATION("readRaftConfig", "readRaftConfiguration", RetryClass.READ, false, false),
  REMOVE_PEER("removeRaftNode", "removeRaftPeer", RetryClass.ONCE, false, false),
  TAKE_SNAPSHOT("takeRaftSnapshot", "takeRaftSnapshot", RetryClass.READ, true, false),
  RESTORE_SNAPSHOT("restoreRaftSnapshot", "restoreRaftSnapshot", RetryClass.ONCE, true, false),
  FORCE_RESTORE_SNAPSHOT(
      "forceRestoreRaftSnapshot", "forceRestoreRaftSnapshot", RetryClass.ONCE, true, false),
  READ_AUTOPILOT_STATE(
      "readRaftAutopilotState", "readRaftAutopilotState", RetryClass.READ, false, false),
  READ_AUTOPILOT_CONFIG(
      "readRaftAutopilotConfig", "readRaftAutopilotConfiguration", RetryClass.READ, false, false),
  UPDATE_AUTOPILOT_CONFIG(
      "updateRaftAutopilotConfig",
      "updateRaftAutopilotConfiguration",
      RetryClass.IDEMPOTENT_WRITE,
      false,
      false),
  READ_AUTO_SNAPSHOT_STATUS(
      "readRaftAutoSnapshotStatus", "readRaftAutoSnapshotStatus", RetryClass.READ, false, true),
  READ_AUTO_SNAPSHOT_CONFIG(
      "readRaftAutoSnapshotConfig", "readRaftAutoSnapshotConfig", RetryClass.READ, false, true),
  LIST_AUTO_SNAPSHOT_CONFIGS(
      "listRaftAutoSnapshotConfigs", "listRaftAutoSnapshotConfigs", RetryClass.READ, false, true),
  WRITE_AUTO_SNAPSHOT_CONFIG(
      "createOrUpdateRaftAutoSnapshotConfig",
      "createOrUpdateRaftAutoSnapshotConfig",
      RetryClass.IDEMPOTENT_WRITE,
      false,
      true),
  DELETE_AUTO_SNAPSHOT_CONFIG(
      "deleteRaftAutoSnapshotConfig",
      "deleteRaftAutoSnapshotConfig",
      RetryClass.IDEMPOTENT_WRITE,
      false,
      true);

  /** How a call may be repeated. */
  enum RetryClass {
    /** Safe to repeat. */
    READ,
    /** Repeating leaves the same state. */
    IDEMPOTENT_WRITE,
    /** Acts on the cluster each time: repeat only if it never reached the server. */
    ONCE
  }

  private static final Map<String, Operation> BY_API_METHOD = new HashMap<>();

  static {
    for (Operation operation : values()) {
      BY_API_METHOD.put(operation.apiMethod, operation);
    }
  }

  final String publicName;
  final String apiMethod;
  final RetryClass retryClass;
  final boolean followsRedirects;
  final boolean enterprise;

  Operation(
      String publicName,
      String apiMethod,
      RetryClass retryClass,
      boolean followsRedirects,
      boolean enterprise) {
    this.publicName = publicName;
    this.apiMethod = apiMethod;
    this.retryClass = retryClass;
    this.followsRedirects = followsRedirects;
    this.enterprise = enterprise;
  }

  /** Whether the call streams a snapshot: only an idle timeout applies, never a total one. */
  boolean snapshot() {
    return this == TAKE_SNAPSHOT || this == RESTORE_SNAPSHOT || this == FORCE_RESTORE_SNAPSHOT;
  }

  /** Finds the operation of a generated {@code RaftApi} method. */
  static @Nullable Operation ofApiMethod(String name) {
    return BY_API_METHOD.get(name);
  }
}
