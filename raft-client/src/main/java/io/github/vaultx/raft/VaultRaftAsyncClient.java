package io.github.vaultx.raft;

import io.github.vaultx.raft.snapshot.DamagedSnapshotException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The non-blocking view of a {@link VaultRaftClient}: every operation under the same name,
 * returning a {@link CompletableFuture} of the same result. Get one with {@link
 * VaultRaftClient#async()} or {@link VaultRaftClientBuilder#buildAsync()}; it shares the client's
 * connections, circuit breakers, retry policy, failover order and metrics, and closing either view
 * closes both.
 *
 * <pre>{@code
 * try (VaultRaftAsyncClient client = VaultRaftClient.builder().buildAsync()) {
 *   client.readRaftConfig()
 *       .thenAccept(config -> System.out.println(config.servers()))
 *       .join();
 * }
 * }</pre>
 *
 * <h2>Errors</h2>
 *
 * Bad input throws {@link IllegalArgumentException} at once, before anything is sent, as {@code
 * java.net.http.HttpClient.sendAsync} does; so does calling a closed client ({@link
 * IllegalStateException}). Every other failure completes the future exceptionally with the
 * exception the {@link VaultRaftClient} method of the same name documents: a {@link
 * VaultServerException} subclass when Vault answers with an error, a {@link VaultClientException}
 * when no usable answer arrived. {@link CompletableFuture#join()} wraps it in a {@link
 * java.util.concurrent.CompletionException}, {@link CompletableFuture#get()} in an {@link
 * java.util.concurrent.ExecutionException}; {@code getCause()} is the client's exception, and the
 * functions given to {@code exceptionally}, {@code handle} or {@code whenComplete} of a dependent
 * stage see it wrapped in a {@code CompletionException}.
 *
 * <h2>Threads, retries and cancellation</h2>
 *
 * No call blocks a thread while it waits: requests run on OkHttp's asynchronous calls, at most
 * {@link VaultRaftClientBuilder#maxConcurrentRequests(int)} at once (the others queue), and the
 * wait before a retry runs on a timer. Retries, failover, timeouts and the per-operation retry
 * table are those of {@link VaultRaftClient}. A future completes on one of the client's threads:
 * stages added without an {@code Async} suffix run there too, so do not block in them (use {@code
 * thenApplyAsync(fn, yourExecutor)} for slow work). Snapshot streams are copied and verified on a
 * small pool of the client's threads, since that is minutes of blocking I/O for a large snapshot.
 *
 * <p>Cancelling a returned future ({@code cancel(true)} or {@code cancel(false)}), or completing it
 * yourself, for example with {@code orTimeout}, cancels the request in flight and any retry still
 * waiting; a cancelled {@link #takeRaftSnapshot(Path)} leaves no file (its partial file is removed
 * as the copy stops) and an existing target untouched. Cancelling a dependent stage does not reach
 * back to the call. {@link #close()} cancels the calls still in flight.
 */
public interface VaultRaftAsyncClient extends AutoCloseable {

  /**
   * Asks the node this client talks to (the first address) to join the cluster of {@code
   * leaderApiAddr}; see {@link VaultRaftClient#joinRaftCluster(String)}.
   *
   * <p>{@code POST /v1/sys/storage/raft/join}; sent without a token.
   *
   * @param leaderApiAddr the API address of a node of the cluster, an http or https URL
   * @return whether the node accepted the join; fails with {@link InvalidRequestException} if Vault
   *     rejects the request, another {@link VaultServerException} or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code leaderApiAddr} is not an http(s) URL
   */
  CompletableFuture<Boolean> joinRaftCluster(String leaderApiAddr);

  /**
   * Asks the node this client talks to (the first address) to join a cluster, with TLS and
   * auto-join settings; see {@link VaultRaftClient#joinRaftCluster(RaftJoinRequest)}.
   *
   * <p>{@code POST /v1/sys/storage/raft/join}; sent without a token.
   *
   * @param request the join request
   * @return whether the node accepted the join; fails with {@link InvalidRequestException} if Vault
   *     rejects the request, another {@link VaultServerException} or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code request} is null
   */
  CompletableFuture<Boolean> joinRaftCluster(RaftJoinRequest request);

  /**
   * Reads the Raft configuration: the servers of the cluster.
   *
   * <p>{@code GET /v1/sys/storage/raft/configuration}; needs a token.
   *
   * @return the configuration; fails with {@link PermissionDeniedException}, {@link
   *     VaultSealedException}, {@link VaultUnavailableException} (after retries), another {@link
   *     VaultServerException} or a {@link VaultClientException}
   */
  CompletableFuture<RaftConfiguration> readRaftConfig();

  /**
   * Removes a server from the Raft cluster; not retried once it may have reached Vault.
   *
   * <p>{@code POST /v1/sys/storage/raft/remove-peer}; needs a token.
   *
   * @param nodeId the node id of the server to remove ({@link RaftServer#nodeId()}); Vault calls it
   *     {@code server_id}, the field it travels in
   * @return completes when Vault removed it; fails with {@link InvalidRequestException}, {@link
   *     PermissionDeniedException}, {@link VaultSealedException}, another {@link
   *     VaultServerException} or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code nodeId} is blank or has control characters
   */
  CompletableFuture<Void> removeRaftNode(String nodeId);

  /**
   * Downloads a snapshot into a file, atomically and verified, as {@link
   * VaultRaftClient#takeRaftSnapshot(Path)} does.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot}; needs a token.
   *
   * @param target the file to write; its directory must exist
   * @return the size, SHA-256 and duration of the download; fails with {@link
   *     IncompleteSnapshotException}, {@link StandbyNodeException}, {@link
   *     PermissionDeniedException}, another {@link VaultServerException} or a {@link
   *     VaultClientException}
   * @throws IllegalArgumentException if {@code target} is null, a directory, or in a missing
   *     directory
   */
  default CompletableFuture<SnapshotInfo> takeRaftSnapshot(Path target) {
    return takeRaftSnapshot(target, SnapshotProgressListener.NONE);
  }

  /**
   * Downloads a snapshot into a file, atomically and verified, reporting the bytes received; see
   * {@link VaultRaftClient#takeRaftSnapshot(Path, SnapshotProgressListener)}.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot}; needs a token.
   *
   * @param target the file to write; its directory must exist
   * @param progress told the bytes written so far, on the client's snapshot thread
   * @return the size, SHA-256 and duration of the download; fails as {@link
   *     #takeRaftSnapshot(Path)} does
   * @throws IllegalArgumentException if {@code target} or {@code progress} is null, or {@code
   *     target} is a directory or in a missing directory
   */
  CompletableFuture<SnapshotInfo> takeRaftSnapshot(Path target, SnapshotProgressListener progress);

  /**
   * Downloads a snapshot into a stream, verifying it; see {@link
   * VaultRaftClient#takeRaftSnapshot(OutputStream)}. The stream is written from the client's
   * snapshot thread and is not closed.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot}; needs a token.
   *
   * @param target where to write the snapshot
   * @return the size, SHA-256 and duration of the download; fails as {@link
   *     #takeRaftSnapshot(Path)} does
   * @throws IllegalArgumentException if {@code target} is null
   */
  CompletableFuture<SnapshotInfo> takeRaftSnapshot(OutputStream target);

  /**
   * Restores a snapshot taken from this cluster, checking the file while it is sent; see {@link
   * VaultRaftClient#restoreRaftSnapshot(Path, SnapshotProgressListener, RestoreOption...)}.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot}; needs a token.
   *
   * @param source the snapshot file
   * @return completes when Vault accepted it; fails with {@link DamagedSnapshotException} (Vault
   *     got none or not all of the file), {@link InvalidRequestException}, {@link
   *     StandbyNodeException}, another {@link VaultServerException} or a {@link
   *     VaultClientException}
   * @throws IllegalArgumentException if {@code source} is missing, unreadable or a directory
   */
  default CompletableFuture<Void> restoreRaftSnapshot(Path source) {
    return restoreRaftSnapshot(source, SnapshotProgressListener.NONE);
  }

  /**
   * Restores a snapshot taken from this cluster with options, reporting no progress.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot}; needs a token.
   *
   * @param source the snapshot file
   * @param options {@link RestoreOption#SKIP_LOCAL_VERIFICATION}, or none
   * @return completes when Vault accepted it; fails as {@link #restoreRaftSnapshot(Path)} does
   * @throws IllegalArgumentException if {@code source} is missing, unreadable or a directory
   */
  default CompletableFuture<Void> restoreRaftSnapshot(Path source, RestoreOption... options) {
    return restoreRaftSnapshot(source, SnapshotProgressListener.NONE, options);
  }

  /**
   * Restores a snapshot taken from this cluster, streaming the file; the local check runs on the
   * client's snapshot thread.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot}; needs a token.
   *
   * @param source the snapshot file
   * @param progress told the bytes sent so far, on the client's thread
   * @param options {@link RestoreOption#SKIP_LOCAL_VERIFICATION}, or none
   * @return completes when Vault accepted it; fails as {@link #restoreRaftSnapshot(Path)} does
   * @throws IllegalArgumentException if {@code progress} is null, or {@code source} is missing,
   *     unreadable or a directory
   */
  CompletableFuture<Void> restoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options);

  /**
   * Restores a snapshot even when it was taken by a cluster with other unseal keys; see {@link
   * VaultRaftClient#forceRestoreRaftSnapshot(Path)}.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot-force}; needs a token.
   *
   * @param source the snapshot file
   * @return completes when Vault accepted it; fails with {@link DamagedSnapshotException} (Vault
   *     got none or not all of the file), {@link InvalidRequestException}, {@link
   *     StandbyNodeException}, another {@link VaultServerException} or a {@link
   *     VaultClientException}
   * @throws IllegalArgumentException if {@code source} is missing, unreadable or a directory
   */
  default CompletableFuture<Void> forceRestoreRaftSnapshot(Path source) {
    return forceRestoreRaftSnapshot(source, SnapshotProgressListener.NONE);
  }

  /**
   * Force-restores a snapshot with options, reporting no progress.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot-force}; needs a token.
   *
   * @param source the snapshot file
   * @param options {@link RestoreOption#SKIP_LOCAL_VERIFICATION}, or none
   * @return completes when Vault accepted it; fails as {@link #forceRestoreRaftSnapshot(Path)} does
   * @throws IllegalArgumentException if {@code source} is missing, unreadable or a directory
   */
  default CompletableFuture<Void> forceRestoreRaftSnapshot(Path source, RestoreOption... options) {
    return forceRestoreRaftSnapshot(source, SnapshotProgressListener.NONE, options);
  }

  /**
   * Force-restores a snapshot, streaming the file; the local check runs on the client's snapshot
   * thread.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot-force}; needs a token.
   *
   * @param source the snapshot file
   * @param progress told the bytes sent so far, on the client's thread
   * @param options {@link RestoreOption#SKIP_LOCAL_VERIFICATION}, or none
   * @return completes when Vault accepted it; fails as {@link #forceRestoreRaftSnapshot(Path)} does
   * @throws IllegalArgumentException if {@code progress} is null, or {@code source} is missing,
   *     unreadable or a directory
   */
  CompletableFuture<Void> forceRestoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options);

  /**
   * Reads the autopilot state: cluster health and each server's.
   *
   * <p>{@code GET /v1/sys/storage/raft/autopilot/state}; needs a token.
   *
   * @return the state; fails with {@link PermissionDeniedException}, {@link VaultSealedException},
   *     another {@link VaultServerException} or a {@link VaultClientException}
   */
  CompletableFuture<AutopilotState> readRaftAutopilotState();

  /**
   * Reads the autopilot configuration.
   *
   * <p>{@code GET /v1/sys/storage/raft/autopilot/configuration}; needs a token.
   *
   * @return the configuration, every field filled; fails with {@link PermissionDeniedException},
   *     another {@link VaultServerException} or a {@link VaultClientException}
   */
  CompletableFuture<AutopilotConfig> readRaftAutopilotConfig();

  /**
   * Updates the autopilot configuration; only the non-null fields of {@code config} are sent.
   *
   * <p>{@code POST /v1/sys/storage/raft/autopilot/configuration}; needs a token.
   *
   * <p>Write it from one place at a time: on HashiCorp Vault 1.21.4, concurrent writes of this
   * configuration can deadlock the active node: until it is restarted, every Raft call on every
   * node hangs until its timeout (docs/servers.md). OpenBao is not affected.
   *
   * @param config the fields to change
   * @return completes when Vault stored it; fails with {@link InvalidRequestException}, {@link
   *     PermissionDeniedException}, another {@link VaultServerException} or a {@link
   *     VaultClientException}
   * @throws IllegalArgumentException if {@code config} is null
   */
  CompletableFuture<Void> updateRaftAutopilotConfig(AutopilotConfig config);

  /**
   * Reads the status of an automated snapshot configuration.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot-auto/status/:name}; Vault Enterprise only; needs a
   * token with {@code sudo}.
   *
   * @param name the configuration's name
   * @return the status; fails with {@link EnterpriseOnlyException}, {@link NotFoundException},
   *     {@link PermissionDeniedException}, another {@link VaultServerException} or a {@link
   *     VaultClientException}
   * @throws IllegalArgumentException if {@code name} is blank or could address another path
   */
  CompletableFuture<AutoSnapshotStatus> readRaftAutoSnapshotStatus(String name);

  /**
   * Reads an automated snapshot configuration.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot-auto/config/:name}; Vault Enterprise only; needs a
   * token with {@code sudo}.
   *
   * @param name the configuration's name
   * @return the configuration; fails with {@link EnterpriseOnlyException}, {@link
   *     NotFoundException}, {@link PermissionDeniedException}, another {@link VaultServerException}
   *     or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code name} is blank or could address another path
   */
  CompletableFuture<AutoSnapshotConfig> readRaftAutoSnapshotConfig(String name);

  /**
   * Lists the names of the automated snapshot configurations; Vault's "none" gives an empty list.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot-auto/config?list=true}; Vault Enterprise only;
   * needs a token with {@code sudo}.
   *
   * @return the names, possibly empty; fails with {@link EnterpriseOnlyException}, {@link
   *     PermissionDeniedException}, another {@link VaultServerException} or a {@link
   *     VaultClientException}
   */
  CompletableFuture<List<String>> listRaftAutoSnapshotConfigs();

  /**
   * Creates or replaces an automated snapshot configuration.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot-auto/config/:name}; Vault Enterprise only; needs a
   * token with {@code sudo}.
   *
   * @param name the configuration's name
   * @param config the configuration
   * @return completes when Vault stored it; fails with {@link EnterpriseOnlyException}, {@link
   *     InvalidRequestException}, {@link PermissionDeniedException}, another {@link
   *     VaultServerException} or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code name} is blank or could address another path, or
   *     {@code config} is null
   */
  CompletableFuture<Void> createOrUpdateRaftAutoSnapshotConfig(
      String name, AutoSnapshotConfig config);

  /**
   * Deletes an automated snapshot configuration.
   *
   * <p>{@code DELETE /v1/sys/storage/raft/snapshot-auto/config/:name}; Vault Enterprise only; needs
   * a token with {@code sudo}.
   *
   * @param name the configuration's name
   * @return completes when Vault deleted it; fails with {@link EnterpriseOnlyException}, {@link
   *     PermissionDeniedException}, another {@link VaultServerException} or a {@link
   *     VaultClientException}
   * @throws IllegalArgumentException if {@code name} is blank or could address another path
   */
  CompletableFuture<Void> deleteRaftAutoSnapshotConfig(String name);

  /**
   * Reads the Raft configuration of a Vault Enterprise DR secondary, authorised by a DR operation
   * token; see {@link VaultRaftClient#readRaftConfig(DrOperationToken)}.
   *
   * <p>{@code POST /v1/sys/storage/raft/configuration} with {@code dr_operation_token} in the body;
   * the token never appears in a message or log.
   *
   * @param drOperationToken the DR operation token
   * @return the configuration; fails with {@link UnsupportedEndpointException}, {@link
   *     PermissionDeniedException}, another {@link VaultServerException} or a {@link
   *     VaultClientException}
   * @throws IllegalArgumentException if {@code drOperationToken} is null
   */
  CompletableFuture<RaftConfiguration> readRaftConfig(DrOperationToken drOperationToken);

  /**
   * Removes a server from the Raft cluster of a Vault Enterprise DR secondary, authorised by a DR
   * operation token; see {@link VaultRaftClient#removeRaftNode(String, DrOperationToken)}.
   *
   * <p>{@code POST /v1/sys/storage/raft/remove-peer} with {@code dr_operation_token} in the body;
   * the token never appears in a message or log.
   *
   * @param nodeId the node id of the server to remove ({@link RaftServer#nodeId()}); Vault calls it
   *     {@code server_id}, the field it travels in
   * @param drOperationToken the DR operation token
   * @return completes when Vault removed it; fails with {@link InvalidRequestException}, {@link
   *     PermissionDeniedException}, another {@link VaultServerException} or a {@link
   *     VaultClientException}
   * @throws IllegalArgumentException if {@code nodeId} is blank or has control characters, or
   *     {@code drOperationToken} is null
   */
  CompletableFuture<Void> removeRaftNode(String nodeId, DrOperationToken drOperationToken);

  /**
   * Makes a non-voting server a voter; see {@link VaultRaftClient#promoteRaftNode(String)}.
   *
   * <p>{@code POST /v1/sys/storage/raft/promote}; OpenBao 2.2+ only; needs a token.
   *
   * @param nodeId the node id of the server to promote
   * @return completes when the server promoted it; fails with {@link UnsupportedEndpointException},
   *     {@link VaultUnavailableException}, {@link PermissionDeniedException}, another {@link
   *     VaultServerException} or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code nodeId} is blank or has control characters
   */
  CompletableFuture<Void> promoteRaftNode(String nodeId);

  /**
   * Makes a voting server a non-voter; see {@link VaultRaftClient#demoteRaftNode(String)}.
   *
   * <p>{@code POST /v1/sys/storage/raft/demote}; OpenBao 2.2+ only; needs a token.
   *
   * @param nodeId the node id of the server to demote
   * @return completes when the server demoted it; fails with {@link UnsupportedEndpointException},
   *     {@link VaultUnavailableException}, {@link PermissionDeniedException}, another {@link
   *     VaultServerException} or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code nodeId} is blank or has control characters
   */
  CompletableFuture<Void> demoteRaftNode(String nodeId);

  /**
   * Asks the node this client talks to (the first address) to start a new Raft cluster with itself
   * as its only server; see {@link VaultRaftClient#bootstrapRaftCluster()}.
   *
   * <p>{@code POST /v1/sys/storage/raft/bootstrap}; sent without a token, never to another address.
   *
   * @return completes when the node bootstrapped; fails with {@link VaultUnavailableException},
   *     another {@link VaultServerException} or a {@link VaultClientException}
   */
  CompletableFuture<Void> bootstrapRaftCluster();

  /**
   * Reads the autopilot state on a Vault Enterprise DR secondary, authorised by a DR operation
   * token; see {@link VaultRaftClient#readRaftAutopilotState(DrOperationToken)}.
   *
   * <p>{@code GET /v1/sys/storage/raft/autopilot/state} with the DR operation token in place of the
   * client token; the token never appears in a message or log.
   *
   * @param drOperationToken the DR operation token
   * @return the state; fails with {@link PermissionDeniedException}, another {@link
   *     VaultServerException} or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code drOperationToken} is null
   */
  CompletableFuture<AutopilotState> readRaftAutopilotState(DrOperationToken drOperationToken);

  /**
   * Reads the autopilot configuration on a Vault Enterprise DR secondary, authorised by a DR
   * operation token; see {@link VaultRaftClient#readRaftAutopilotConfig(DrOperationToken)}.
   *
   * <p>{@code GET /v1/sys/storage/raft/autopilot/configuration} with the DR operation token in
   * place of the client token; the token never appears in a message or log.
   *
   * @param drOperationToken the DR operation token
   * @return the configuration; fails with {@link PermissionDeniedException}, another {@link
   *     VaultServerException} or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code drOperationToken} is null
   */
  CompletableFuture<AutopilotConfig> readRaftAutopilotConfig(DrOperationToken drOperationToken);

  /**
   * Updates the autopilot configuration of a Vault Enterprise DR secondary, authorised by a DR
   * operation token; see {@link VaultRaftClient#updateRaftAutopilotConfig(AutopilotConfig,
   * DrOperationToken)}.
   *
   * <p>{@code POST /v1/sys/storage/raft/autopilot/configuration} with {@code dr_operation_token} in
   * the body; the token never appears in a message or log.
   *
   * @param config the fields to change
   * @param drOperationToken the DR operation token
   * @return completes when Vault stored it; fails with {@link InvalidRequestException}, {@link
   *     PermissionDeniedException}, another {@link VaultServerException} or a {@link
   *     VaultClientException}
   * @throws IllegalArgumentException if {@code config} or {@code drOperationToken} is null
   */
  CompletableFuture<Void> updateRaftAutopilotConfig(
      AutopilotConfig config, DrOperationToken drOperationToken);

  /**
   * Loads a snapshot file for recovery, after checking it locally; see {@link
   * #loadRaftSnapshot(Path, SnapshotProgressListener, RestoreOption...)}.
   *
   * @param source the snapshot file
   * @return the loaded snapshot, usually still {@code loading}; fails as {@link
   *     #loadRaftSnapshot(Path, SnapshotProgressListener, RestoreOption...)} does
   * @throws IllegalArgumentException if {@code source} is missing, unreadable or a directory
   */
  default CompletableFuture<LoadedSnapshot> loadRaftSnapshot(Path source) {
    return loadRaftSnapshot(source, SnapshotProgressListener.NONE);
  }

  /**
   * Loads a snapshot file into Vault Enterprise for recovery, streaming it; see {@link
   * VaultRaftClient#loadRaftSnapshot(Path, SnapshotProgressListener, RestoreOption...)}. The file
   * is checked on a thread of its own while it is sent, its end held back until the check passed,
   * unless {@link RestoreOption#SKIP_LOCAL_VERIFICATION} is given.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot-load}; Vault Enterprise 1.20+ only; needs a token.
   *
   * @param source the snapshot file
   * @param progress told the bytes sent so far, on the uploading thread
   * @param options {@link RestoreOption#SKIP_LOCAL_VERIFICATION}, or none
   * @return the loaded snapshot, usually still {@code loading}; fails with {@link
   *     DamagedSnapshotException} (Vault got none or not all of the file), {@link
   *     EnterpriseOnlyException}, {@link InvalidRequestException}, {@link StandbyNodeException},
   *     another {@link VaultServerException} or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code progress} is null, or {@code source} is missing,
   *     unreadable or a directory
   */
  CompletableFuture<LoadedSnapshot> loadRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options);

  /**
   * Lists the ids of the loaded snapshots; Vault's "none" gives an empty list.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot-load?list=true}; Vault Enterprise 1.20+ only; needs
   * a token.
   *
   * @return the ids, possibly empty; fails with {@link EnterpriseOnlyException}, {@link
   *     PermissionDeniedException}, another {@link VaultServerException} or a {@link
   *     VaultClientException}
   */
  CompletableFuture<List<String>> listRaftLoadedSnapshots();

  /**
   * Reads the state of a loaded snapshot.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot-load/:snapshot_id}; Vault Enterprise 1.20+ only;
   * needs a token.
   *
   * @param snapshotId the id {@link #loadRaftSnapshot(Path)} answered
   * @return the loaded snapshot; fails with {@link EnterpriseOnlyException}, {@link
   *     NotFoundException}, another {@link VaultServerException} or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code snapshotId} is blank or could address another path
   */
  CompletableFuture<LoadedSnapshot> readRaftLoadedSnapshot(String snapshotId);

  /**
   * Unloads a loaded snapshot; see {@link #unloadRaftSnapshot(String, boolean)}.
   *
   * @param snapshotId the snapshot's id
   * @return completes when Vault unloaded it; fails as {@link #unloadRaftSnapshot(String, boolean)}
   *     does
   * @throws IllegalArgumentException if {@code snapshotId} is blank or could address another path
   */
  default CompletableFuture<Void> unloadRaftSnapshot(String snapshotId) {
    return unloadRaftSnapshot(snapshotId, false);
  }

  /**
   * Unloads a loaded snapshot, or with {@code force} one that is stuck.
   *
   * <p>{@code DELETE /v1/sys/storage/raft/snapshot-load/:snapshot_id} ({@code ?force=true} with
   * {@code force}, Vault 1.21+); Vault Enterprise only; needs a token.
   *
   * @param snapshotId the snapshot's id
   * @param force whether to unload a stuck snapshot
   * @return completes when Vault unloaded it; fails with {@link EnterpriseOnlyException}, another
   *     {@link VaultServerException} or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code snapshotId} is blank or could address another path
   */
  CompletableFuture<Void> unloadRaftSnapshot(String snapshotId, boolean force);

  /**
   * Loads for recovery a snapshot that an automated snapshot configuration wrote to cloud storage;
   * see {@link VaultRaftClient#loadRaftAutoSnapshot(String, String)}.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot-auto/snapshot-load/:name} with {@code url}; Vault
   * Enterprise 1.20+ only; needs a token with {@code sudo}.
   *
   * @param name the automated snapshot configuration's name (a cloud storage type)
   * @param snapshotUrl the snapshot's location
   * @return the loaded snapshot, usually still {@code loading}; fails with {@link
   *     EnterpriseOnlyException}, {@link PermissionDeniedException}, another {@link
   *     VaultServerException} or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code name} could address another path, or {@code
   *     snapshotUrl} is blank or has control characters
   */
  CompletableFuture<LoadedSnapshot> loadRaftAutoSnapshot(String name, String snapshotUrl);

  /**
   * Reads a secrets engine path as it is in a loaded snapshot, leaving the live data alone; see
   * {@link VaultRaftClient#readFromLoadedSnapshot(String, String)}.
   *
   * <p>{@code GET /v1/:path?read_snapshot_id=:snapshot_id}; Vault Enterprise 1.20+ only. A server
   * that ignores {@code read_snapshot_id} gives {@link EnterpriseOnlyException}, never the live
   * data.
   *
   * @param snapshotId the loaded snapshot's id
   * @param path the path under {@code /v1/}, for example {@code secret/my-secret}
   * @return the path's {@code data}, unmodifiable, possibly empty; fails with {@link
   *     EnterpriseOnlyException}, {@link NotFoundException}, {@link PermissionDeniedException},
   *     another {@link VaultServerException} or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code snapshotId} could address another path or is not
   *     visible ASCII, or {@code path} is blank, starts or ends with {@code /}, or has a segment
   *     that could leave it
   */
  CompletableFuture<Map<String, Object>> readFromLoadedSnapshot(String snapshotId, String path);

  /**
   * Writes a secrets engine path's data from a loaded snapshot back into the live data; see {@link
   * VaultRaftClient#recoverFromLoadedSnapshot(String, String)}.
   *
   * <p>Vault's {@code RECOVER /v1/:path} with the {@code X-Vault-Recover-Snapshot-Id} header; Vault
   * Enterprise 1.21+ only; needs a token with the {@code recover} capability on the path.
   *
   * @param snapshotId the loaded snapshot's id
   * @param path the path under {@code /v1/}, for example {@code secret/my-secret}
   * @return completes when Vault recovered it; fails with {@link EnterpriseOnlyException}, {@link
   *     NotFoundException}, {@link PermissionDeniedException}, another {@link VaultServerException}
   *     or a {@link VaultClientException}
   * @throws IllegalArgumentException if {@code snapshotId} could address another path or is not
   *     visible ASCII, or {@code path} is blank, starts or ends with {@code /}, or has a segment
   *     that could leave it
   */
  CompletableFuture<Void> recoverFromLoadedSnapshot(String snapshotId, String path);

  /**
   * Closes the client, the sync view included: cancels the calls in flight, releases the
   * connections and stops the client's threads. Calls after {@code close()} throw {@link
   * IllegalStateException}.
   */
  @Override
  void close();
}
