package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.internal.generated.api.RaftApi;
import java.util.EnumSet;
import java.util.Set;
import okhttp3.Request;

/**
 * Each call the client makes and the facts about it that steer the pipeline. The facts come from
 * the spec ({@code x-vault-*} extensions, {@code security}, binary bodies, {@code list=true});
 * {@code OperationSpecTest} fails when one here differs from the spec. Each operation is the
 * Retrofit tag of its requests, so interceptors read it from the request instead of guessing it
 * from a method name.
 */
enum Operation implements RaftApi.CallTag {
  JOIN("joinRaftCluster", "joinRaftCluster", RetryClass.ONCE, Trait.NO_TOKEN, Trait.NODE_LOCAL),
  READ_CONFIGURATION("readRaftConfig", "readRaftConfiguration", RetryClass.READ),
  READ_CONFIGURATION_WITH_DR_TOKEN(
      "readRaftConfig", "readRaftConfigurationWithDrToken", RetryClass.READ),
  REMOVE_PEER("removeRaftNode", "removeRaftPeer", RetryClass.ONCE),
  TAKE_SNAPSHOT(
      "takeRaftSnapshot",
      "takeRaftSnapshot",
      RetryClass.READ,
      Trait.STANDBY_REDIRECT,
      Trait.DOWNLOADS_SNAPSHOT),
  RESTORE_SNAPSHOT(
      "restoreRaftSnapshot",
      "restoreRaftSnapshot",
      RetryClass.ONCE,
      Trait.STANDBY_REDIRECT,
      Trait.UPLOADS_SNAPSHOT),
  FORCE_RESTORE_SNAPSHOT(
      "forceRestoreRaftSnapshot",
      "forceRestoreRaftSnapshot",
      RetryClass.ONCE,
      Trait.STANDBY_REDIRECT,
      Trait.UPLOADS_SNAPSHOT),
  READ_AUTOPILOT_STATE("readRaftAutopilotState", "readRaftAutopilotState", RetryClass.READ),
  READ_AUTOPILOT_CONFIG(
      "readRaftAutopilotConfig", "readRaftAutopilotConfiguration", RetryClass.READ),
  UPDATE_AUTOPILOT_CONFIG(
      "updateRaftAutopilotConfig", "updateRaftAutopilotConfiguration", RetryClass.IDEMPOTENT_WRITE),
  READ_AUTO_SNAPSHOT_STATUS(
      "readRaftAutoSnapshotStatus",
      "readRaftAutoSnapshotStatus",
      RetryClass.READ,
      Trait.ENTERPRISE,
      Trait.SUDO),
  READ_AUTO_SNAPSHOT_CONFIG(
      "readRaftAutoSnapshotConfig",
      "readRaftAutoSnapshotConfig",
      RetryClass.READ,
      Trait.ENTERPRISE,
      Trait.SUDO),
  LIST_AUTO_SNAPSHOT_CONFIGS(
      "listRaftAutoSnapshotConfigs",
      "listRaftAutoSnapshotConfigs",
      RetryClass.READ,
      Trait.ENTERPRISE,
      Trait.SUDO,
      Trait.LIST),
  WRITE_AUTO_SNAPSHOT_CONFIG(
      "createOrUpdateRaftAutoSnapshotConfig",
      "createOrUpdateRaftAutoSnapshotConfig",
      RetryClass.IDEMPOTENT_WRITE,
      Trait.ENTERPRISE,
      Trait.SUDO),
  DELETE_AUTO_SNAPSHOT_CONFIG(
      "deleteRaftAutoSnapshotConfig",
      "deleteRaftAutoSnapshotConfig",
      RetryClass.IDEMPOTENT_WRITE,
      Trait.ENTERPRISE,
      Trait.SUDO),
  PROMOTE("promoteRaftNode", "promoteRaftPeer", RetryClass.ONCE),
  DEMOTE("demoteRaftNode", "demoteRaftPeer", RetryClass.ONCE),
  BOOTSTRAP(
      "bootstrapRaftCluster",
      "bootstrapRaftCluster",
      RetryClass.ONCE,
      Trait.NO_TOKEN,
      Trait.NODE_LOCAL),
  LOAD_SNAPSHOT(
      "loadRaftSnapshot",
      "loadRaftSnapshot",
      RetryClass.ONCE,
      Trait.ENTERPRISE,
      Trait.STANDBY_REDIRECT,
      Trait.UPLOADS_SNAPSHOT),
  LIST_LOADED_SNAPSHOTS(
      "listRaftLoadedSnapshots",
      "listRaftLoadedSnapshots",
      RetryClass.READ,
      Trait.ENTERPRISE,
      Trait.STANDBY_REDIRECT,
      Trait.LIST),
  READ_LOADED_SNAPSHOT(
      "readRaftLoadedSnapshot",
      "readRaftLoadedSnapshot",
      RetryClass.READ,
      Trait.ENTERPRISE,
      Trait.STANDBY_REDIRECT),
  UNLOAD_SNAPSHOT(
      "unloadRaftSnapshot",
      "unloadRaftSnapshot",
      RetryClass.IDEMPOTENT_WRITE,
      Trait.ENTERPRISE,
      Trait.STANDBY_REDIRECT),
  LOAD_AUTO_SNAPSHOT(
      "loadRaftAutoSnapshot",
      "loadRaftAutoSnapshot",
      RetryClass.ONCE,
      Trait.ENTERPRISE,
      Trait.SUDO),
  READ_FROM_LOADED_SNAPSHOT(
      "readFromLoadedSnapshot", "readFromLoadedSnapshot", RetryClass.READ, Trait.ENTERPRISE),
  RECOVER_FROM_LOADED_SNAPSHOT(
      "recoverFromLoadedSnapshot",
      "recoverFromLoadedSnapshot",
      RetryClass.IDEMPOTENT_WRITE,
      Trait.ENTERPRISE);

  /** How a call may be repeated: the spec's {@code x-vault-retry}. */
  enum RetryClass {
    /** Safe to repeat ({@code read}). */
    READ,
    /** Repeating leaves the same state ({@code idempotent-write}). */
    IDEMPOTENT_WRITE,
    /** Acts on the cluster each time: repeat only if it never reached the server ({@code once}). */
    ONCE
  }

  /** A fact about an operation, with where the spec states it. */
  enum Trait {
    /** Only Vault Enterprise serves it: {@code x-vault-enterprise}. */
    ENTERPRISE,
    /** Its policy needs the sudo capability: {@code x-vault-sudo}. */
    SUDO,
    /** A standby answers 307 to the active node: {@code x-vault-standby-redirect}. */
    STANDBY_REDIRECT,
    /** Sent without token or namespace: {@code security: []}. */
    NO_TOKEN,
    /**
     * Only the addressed node can serve it, so there is no failover: {@code x-vault-node-local}.
     */
    NODE_LOCAL,
    /** Streams a snapshot to the caller: a binary response. */
    DOWNLOADS_SNAPSHOT,
    /** Streams a snapshot from a file: a binary request body. */
    UPLOADS_SNAPSHOT,
    /** Vault's LIST ({@code list=true}): a 404 without errors means "nothing to list". */
    LIST
  }

  final String publicName;
  private final String operationId;
  final RetryClass retryClass;
  private final EnumSet<Trait> traits;

  Operation(String publicName, String operationId, RetryClass retryClass, Trait... traits) {
    this.publicName = publicName;
    this.operationId = operationId;
    this.retryClass = retryClass;
    this.traits = traits.length == 0 ? EnumSet.noneOf(Trait.class) : EnumSet.of(traits[0], traits);
  }

  @Override
  public String operationId() {
    return operationId;
  }

  boolean has(Trait trait) {
    return traits.contains(trait);
  }

  Set<Trait> traits() {
    return EnumSet.copyOf(traits);
  }

  /** Whether a call that failed may be sent again only when it provably never reached Vault. */
  boolean sentOnce() {
    return retryClass == RetryClass.ONCE;
  }

  /** Whether the call streams a snapshot: only an idle timeout applies, never a total one. */
  boolean streamsSnapshot() {
    return has(Trait.DOWNLOADS_SNAPSHOT) || has(Trait.UPLOADS_SNAPSHOT);
  }

  /** A request built by the client without its operation: a bug, never a silent default. */
  static final class MissingTagException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    MissingTagException(String message) {
      super(message);
    }
  }

  /**
   * The operation a request was made for.
   *
   * @throws MissingTagException if the request carries none
   */
  static Operation of(Request request) {
    RaftApi.CallTag tag = request.tag(RaftApi.CallTag.class);
    if (tag instanceof Operation operation) {
      return operation;
    }
    if (tag instanceof AttemptTag attempt) {
      return attempt.operation();
    }
    throw new MissingTagException(
        request.method()
            + " "
            + request.url().encodedPath()
            + " carries no Operation tag; every RaftApi call must be given its Operation");
  }
}
