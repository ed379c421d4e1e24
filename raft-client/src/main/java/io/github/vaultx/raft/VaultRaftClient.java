package io.github.vaultx.raft;

import io.github.vaultx.raft.snapshot.DamagedSnapshotException;
import io.github.vaultx.raft.snapshot.RaftSnapshots;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A client for Vault's Raft storage API ({@code /v1/sys/storage/raft/*}): cluster membership,
 * snapshots, autopilot, automated snapshots, and Vault Enterprise's recovery of single paths from a
 * loaded snapshot. Thread-safe; create one per application with {@link #fromEnvironment()} or
 * {@link #builder()} and close it when done.
 *
 * <pre>{@code
 * try (VaultRaftClient client = VaultRaftClient.fromEnvironment()) {
 *   RaftConfiguration config = client.readRaftConfig();
 *   client.takeRaftSnapshot(Path.of("/backups/vault.snap"));
 * }
 * }</pre>
 *
 * <p>{@link #async()} gives the same operations as {@link java.util.concurrent.CompletableFuture}s,
 * for non-blocking applications: {@link VaultRaftAsyncClient}.
 *
 * <h2>Errors</h2>
 *
 * Every method throws unchecked exceptions only: {@link IllegalArgumentException} for bad input
 * (before any request), a {@link VaultServerException} subclass when Vault answers with an error,
 * and a {@link VaultClientException} when no usable answer arrived. No message holds the token.
 *
 * <h2>Retries, failover and timeouts</h2>
 *
 * Every retried call gets {@code VAULT_MAX_RETRIES} retries (default 2; 0 turns retrying off); a
 * call that is safe to repeat then goes on retrying until its retry budget, counted from its first
 * attempt, is spent ({@code VAULTX_RETRY_BUDGET}, default 15 s, longer than a measured leader
 * election), so that it rides out an election. Retries wait with exponential backoff and jitter, or
 * as long as {@code Retry-After} asks. "Retryable failures" are no usable answer (I/O error, reset,
 * any timeout) and the statuses 412, 429 (honouring {@code Retry-After}), 500, 502, 503 other than
 * "Vault is sealed" and 504; no other status is retried. With several addresses, a request goes to
 * the node that answered last and moves to the next one when a node refuses the connection, cannot
 * be reached or resolved, times out, is sealed, is a standby that cannot serve or has an open
 * circuit (calls sent once move on only when the request cannot have been processed: refused,
 * unroutable or unknown host, connect timeout, sealed, a standby's 307, open circuit). JSON calls
 * have a connect, a read and a whole-call timeout; snapshot transfers only an idle timeout, so a
 * long transfer is never cut while bytes flow.
 *
 * <table>
 *   <caption>Every operation: safe to repeat, and retried on what</caption>
 *   <tr><th>Operation</th><th>Safe to repeat</th><th>Retried on</th></tr>
 *   <tr><td>{@link #joinRaftCluster(RaftJoinRequest)} (first address only)</td><td>no</td>
 *       <td>only what proves Vault did not act: a refused, unroutable or unknown host, a standby's
 *       307</td></tr>
 *   <tr><td>{@link #readRaftConfig()}</td><td>yes</td><td>retryable failures</td></tr>
 *   <tr><td>{@link #readRaftConfig(DrOperationToken)}</td><td>yes</td>
 *       <td>retryable failures</td></tr>
 *   <tr><td>{@link #removeRaftNode(String)}</td><td>no</td>
 *       <td>only what proves Vault did not act: a refused, unroutable or unknown host, a standby's
 *       307</td></tr>
 *   <tr><td>{@link #takeRaftSnapshot(Path)}, {@link #takeRaftSnapshot(OutputStream)}</td>
 *       <td>until the first byte</td>
 *       <td>retryable failures before the body starts; never after</td></tr>
 *   <tr><td>{@link #restoreRaftSnapshot(Path)}</td><td>no</td>
 *       <td>only what proves Vault did not act: a refused, unroutable or unknown host, a standby's
 *       307</td></tr>
 *   <tr><td>{@link #forceRestoreRaftSnapshot(Path)}</td><td>no</td>
 *       <td>only what proves Vault did not act: a refused, unroutable or unknown host, a standby's
 *       307</td></tr>
 *   <tr><td>{@link #readRaftAutopilotState()}</td><td>yes</td><td>retryable failures</td></tr>
 *   <tr><td>{@link #readRaftAutopilotConfig()}</td><td>yes</td><td>retryable failures</td></tr>
 *   <tr><td>{@link #updateRaftAutopilotConfig(AutopilotConfig)}</td><td>yes (idempotent)</td>
 *       <td>retryable failures</td></tr>
 *   <tr><td>{@link #readRaftAutoSnapshotStatus(String)}</td><td>yes</td>
 *       <td>retryable failures</td></tr>
 *   <tr><td>{@link #readRaftAutoSnapshotConfig(String)}</td><td>yes</td>
 *       <td>retryable failures</td></tr>
 *   <tr><td>{@link #listRaftAutoSnapshotConfigs()}</td><td>yes</td><td>retryable failures</td></tr>
 *   <tr><td>{@link #createOrUpdateRaftAutoSnapshotConfig(String, AutoSnapshotConfig)}</td>
 *       <td>yes (idempotent)</td><td>retryable failures</td></tr>
 *   <tr><td>{@link #deleteRaftAutoSnapshotConfig(String)}</td><td>yes (idempotent)</td>
 *       <td>retryable failures</td></tr>
 *   <tr><td>{@link #promoteRaftNode(String)}</td><td>no</td>
 *       <td>only what proves Vault did not act: a refused, unroutable or unknown host, a standby's
 *       307</td></tr>
 *   <tr><td>{@link #demoteRaftNode(String)}</td><td>no</td>
 *       <td>only what proves Vault did not act: a refused, unroutable or unknown host, a standby's
 *       307</td></tr>
 *   <tr><td>{@link #bootstrapRaftCluster()} (first address only)</td><td>no</td>
 *       <td>only what proves Vault did not act: a refused, unroutable or unknown host, a standby's
 *       307</td></tr>
 *   <tr><td>{@link #loadRaftSnapshot(Path)}</td><td>no</td>
 *       <td>only what proves Vault did not act: a refused, unroutable or unknown host, a standby's
 *       307</td></tr>
 *   <tr><td>{@link #listRaftLoadedSnapshots()}</td><td>yes</td><td>retryable failures</td></tr>
 *   <tr><td>{@link #readRaftLoadedSnapshot(String)}</td><td>yes</td>
 *       <td>retryable failures</td></tr>
 *   <tr><td>{@link #unloadRaftSnapshot(String, boolean)}</td><td>yes (idempotent)</td>
 *       <td>retryable failures</td></tr>
 *   <tr><td>{@link #loadRaftAutoSnapshot(String, String)}</td><td>no</td>
 *       <td>only what proves Vault did not act: a refused, unroutable or unknown host, a standby's
 *       307</td></tr>
 *   <tr><td>{@link #readFromLoadedSnapshot(String, String)}</td><td>yes</td>
 *       <td>retryable failures</td></tr>
 *   <tr><td>{@link #recoverFromLoadedSnapshot(String, String)}</td><td>yes (idempotent)</td>
 *       <td>retryable failures</td></tr>
 * </table>
 *
 * <p>The other overloads that take a {@link DrOperationToken} behave as the methods they overload.
 *
 * <p>The operations that are not safe to repeat are retried only on what proves Vault did not act:
 * a refused, unroutable or unknown host (the request never reached Vault) or a standby's 307
 * instead of serving (they are sent with {@code X-Vault-No-Request-Forwarding}, so a standby
 * redirects them to the active node without acting, and the client follows); a 503 or a broken
 * connection after sending proves neither. The same table, with failover, is in {@code
 * docs/reliability.md}; {@code RetryDocsTest} checks both against the code.
 *
 * <p>Each node has a circuit breaker: after repeated transport failures or 5xx answers (never 4xx)
 * the client rests that node for 5 s and tries the others. When every node is resting, a call that
 * is safe to repeat waits for a trial call within its retry budget and a call sent once fails at
 * once; either ends with {@link CircuitOpenException} when no node could be tried.
 */
public interface VaultRaftClient extends AutoCloseable {

  /**
   * Creates a client configured like the {@code vault} CLI, from {@code VAULT_ADDR}, {@code
   * VAULT_TOKEN} (else {@code ~/.vault-token}) and the other {@code VAULT_*} variables; see {@link
   * VaultRaftClientBuilder}.
   *
   * @return a new client
   * @throws IllegalArgumentException if a variable is malformed (the message names it)
   */
  static VaultRaftClient fromEnvironment() {
    return builder().build();
  }

  /**
   * Starts a builder; explicit values override the environment.
   *
   * @return a new builder
   */
  static VaultRaftClientBuilder builder() {
    return new VaultRaftClientBuilder();
  }

  /**
   * This client with every operation returning a {@link java.util.concurrent.CompletableFuture}
   * instead of blocking. The view shares this client's connections, circuit breakers, retry policy,
   * failover order and metrics; closing either closes both.
   *
   * @return the non-blocking view of this client
   */
  VaultRaftAsyncClient async();

  /**
   * Asks the node this client talks to (the first address) to join the cluster of {@code
   * leaderApiAddr}.
   *
   * <p>{@code POST /v1/sys/storage/raft/join}; sent without a token (the joining node is not
   * initialised). Sent once unless the connection is refused.
   *
   * @param leaderApiAddr the API address of a node of the cluster, an http or https URL
   * @return whether the node accepted the join
   * @throws IllegalArgumentException if {@code leaderApiAddr} is not an http(s) URL
   * @throws InvalidRequestException if Vault rejects the request (for example, already joined)
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  boolean joinRaftCluster(String leaderApiAddr);

  /**
   * Asks the node this client talks to (the first address) to join a cluster, with TLS and
   * auto-join settings.
   *
   * <p>{@code POST /v1/sys/storage/raft/join}; sent without a token. Only the fields set in {@code
   * request} are sent. Sent once unless the connection is refused.
   *
   * @param request the join request
   * @return whether the node accepted the join
   * @throws IllegalArgumentException if {@code request} is null
   * @throws InvalidRequestException if Vault rejects the request
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  boolean joinRaftCluster(RaftJoinRequest request);

  /**
   * Reads the Raft configuration: the servers of the cluster.
   *
   * <p>{@code GET /v1/sys/storage/raft/configuration}; needs a token.
   *
   * @return the configuration
   * @throws PermissionDeniedException if the token may not read it
   * @throws VaultSealedException if the node is sealed
   * @throws VaultUnavailableException if the server fails, after retries
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  RaftConfiguration readRaftConfig();

  /**
   * Removes a server from the Raft cluster.
   *
   * <p>{@code POST /v1/sys/storage/raft/remove-peer}; needs a token. Not retried once it may have
   * reached Vault.
   *
   * @param nodeId the node id of the server to remove ({@link RaftServer#nodeId()}); Vault calls it
   *     {@code server_id}, the field it travels in
   * @throws IllegalArgumentException if {@code nodeId} is blank or has control characters
   * @throws InvalidRequestException if Vault rejects the request
   * @throws PermissionDeniedException if the token may not remove peers
   * @throws VaultSealedException if the node is sealed
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  void removeRaftNode(String nodeId);

  /**
   * Downloads a snapshot of the Raft storage into a file, atomically. The snapshot streams into a
   * temporary file beside {@code target} and replaces {@code target} only once the whole body
   * arrived and its gzipped tar holds a non-empty {@code SHA256SUMS.sealed}; on any failure the
   * temporary file is removed and an existing {@code target} is left untouched.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot}; needs a token. A standby's 307 to the active node
   * is followed. Memory use does not depend on the snapshot's size.
   *
   * @param target the file to write; its directory must exist
   * @return the size, SHA-256 and duration of the download
   * @throws IllegalArgumentException if {@code target} is null, a directory, or in a missing
   *     directory
   * @throws IncompleteSnapshotException if the stream broke or lacks {@code SHA256SUMS.sealed}
   * @throws StandbyNodeException if a redirect could not be followed
   * @throws PermissionDeniedException if the token may not take snapshots
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  default SnapshotInfo takeRaftSnapshot(Path target) {
    return takeRaftSnapshot(target, SnapshotProgressListener.NONE);
  }

  /**
   * Downloads a snapshot into a file, atomically, as {@link #takeRaftSnapshot(Path)} does, and
   * reports the bytes received as they are written, for a progress display.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot}; needs a token.
   *
   * @param target the file to write; its directory must exist
   * @param progress told the bytes written so far, on the downloading thread
   * @return the size, SHA-256 and duration of the download
   * @throws IllegalArgumentException if {@code target} or {@code progress} is null, or {@code
   *     target} is a directory or in a missing directory
   * @throws IncompleteSnapshotException if the stream broke or lacks {@code SHA256SUMS.sealed}
   * @throws StandbyNodeException if a redirect could not be followed
   * @throws PermissionDeniedException if the token may not take snapshots
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  SnapshotInfo takeRaftSnapshot(Path target, SnapshotProgressListener progress);

  /**
   * Downloads a snapshot of the Raft storage into a stream, verifying it as {@link
   * #takeRaftSnapshot(Path)} does. Bytes already written cannot be taken back: on {@link
   * IncompleteSnapshotException} the caller must discard what {@code target} received. The stream
   * is not closed.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot}; needs a token.
   *
   * @param target where to write the snapshot
   * @return the size, SHA-256 and duration of the download
   * @throws IllegalArgumentException if {@code target} is null
   * @throws IncompleteSnapshotException if the stream broke or lacks {@code SHA256SUMS.sealed}
   * @throws StandbyNodeException if a redirect could not be followed
   * @throws PermissionDeniedException if the token may not take snapshots
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  SnapshotInfo takeRaftSnapshot(OutputStream target);

  /**
   * Restores a snapshot taken from this cluster, checking the file while it is sent: see {@link
   * #restoreRaftSnapshot(Path, SnapshotProgressListener, RestoreOption...)}.
   *
   * @param source the snapshot file
   * @throws IllegalArgumentException if {@code source} is missing, unreadable or a directory
   * @throws DamagedSnapshotException if the file is damaged; Vault got none or not all of it
   * @throws InvalidRequestException if Vault rejects the snapshot, for example because it was taken
   *     with other unseal keys (use {@link #forceRestoreRaftSnapshot(Path)})
   * @throws StandbyNodeException if a redirect could not be followed
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  default void restoreRaftSnapshot(Path source) {
    restoreRaftSnapshot(source, SnapshotProgressListener.NONE);
  }

  /**
   * Restores a snapshot taken from this cluster with options, reporting no progress: see {@link
   * #restoreRaftSnapshot(Path, SnapshotProgressListener, RestoreOption...)}.
   *
   * @param source the snapshot file
   * @param options {@link RestoreOption#SKIP_LOCAL_VERIFICATION}, or none
   * @throws IllegalArgumentException if {@code source} is missing, unreadable or a directory
   * @throws DamagedSnapshotException if the file is damaged; Vault got none or not all of it
   * @throws InvalidRequestException if Vault rejects the snapshot
   * @throws StandbyNodeException if a redirect could not be followed
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  default void restoreRaftSnapshot(Path source, RestoreOption... options) {
    restoreRaftSnapshot(source, SnapshotProgressListener.NONE, options);
  }

  /**
   * Restores a snapshot taken from this cluster, streaming the file. Vault applies it shortly after
   * answering.
   *
   * <p>The file is checked as {@link RaftSnapshots#verify(Path)} checks it, on a second thread
   * while it is sent: the request starts once the file's first MiB passed (so a file that is no
   * snapshot, and any snapshot under 1 MiB, is refused before any request), and the file's last 64
   * KiB wait until the whole file passed, so a damaged file never reaches Vault whole and is never
   * applied. {@link RestoreOption#SKIP_LOCAL_VERIFICATION} skips that check for a file the caller
   * has already verified.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot}; needs a token. A standby's 307 to the active
   * node is followed by sending the file again. Not retried once it may have reached Vault.
   *
   * @param source the snapshot file
   * @param progress told the bytes sent so far, on the uploading thread; starts again from zero
   *     when a redirect makes the client send the file again
   * @param options {@link RestoreOption#SKIP_LOCAL_VERIFICATION}, or none
   * @throws IllegalArgumentException if {@code progress} is null, or {@code source} is missing,
   *     unreadable or a directory
   * @throws DamagedSnapshotException if the file is damaged; Vault got none or not all of it
   * @throws InvalidRequestException if Vault rejects the snapshot, for example because it was taken
   *     with other unseal keys (use {@link #forceRestoreRaftSnapshot(Path)})
   * @throws StandbyNodeException if a redirect could not be followed
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  void restoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options);

  /**
   * Restores a snapshot even when it was taken by a cluster with other unseal keys, after checking
   * the file locally: see {@link #forceRestoreRaftSnapshot(Path, SnapshotProgressListener,
   * RestoreOption...)}.
   *
   * @param source the snapshot file
   * @throws IllegalArgumentException if {@code source} is missing, unreadable or a directory
   * @throws DamagedSnapshotException if the file is damaged; Vault got none or not all of it
   * @throws InvalidRequestException if Vault rejects the snapshot
   * @throws StandbyNodeException if a redirect could not be followed
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  default void forceRestoreRaftSnapshot(Path source) {
    forceRestoreRaftSnapshot(source, SnapshotProgressListener.NONE);
  }

  /**
   * Force-restores a snapshot with options, reporting no progress: see {@link
   * #forceRestoreRaftSnapshot(Path, SnapshotProgressListener, RestoreOption...)}.
   *
   * @param source the snapshot file
   * @param options {@link RestoreOption#SKIP_LOCAL_VERIFICATION}, or none
   * @throws IllegalArgumentException if {@code source} is missing, unreadable or a directory
   * @throws DamagedSnapshotException if the file is damaged; Vault got none or not all of it
   * @throws InvalidRequestException if Vault rejects the snapshot
   * @throws StandbyNodeException if a redirect could not be followed
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  default void forceRestoreRaftSnapshot(Path source, RestoreOption... options) {
    forceRestoreRaftSnapshot(source, SnapshotProgressListener.NONE, options);
  }

  /**
   * Restores a snapshot even when it was taken by a cluster with other unseal keys; the nodes then
   * need the snapshot's keys to unseal.
   *
   * <p>The file is checked while it is sent, and a damaged one never reaches Vault whole, as for
   * {@link #restoreRaftSnapshot(Path, SnapshotProgressListener, RestoreOption...)}; {@link
   * RestoreOption#SKIP_LOCAL_VERIFICATION} skips that check.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot-force}; needs a token. A standby's 307 is followed
   * by sending the file again. Not retried once it may have reached Vault.
   *
   * @param source the snapshot file
   * @param progress told the bytes sent so far, on the uploading thread; starts again from zero
   *     when a redirect makes the client send the file again
   * @param options {@link RestoreOption#SKIP_LOCAL_VERIFICATION}, or none
   * @throws IllegalArgumentException if {@code progress} is null, or {@code source} is missing,
   *     unreadable or a directory
   * @throws DamagedSnapshotException if the file is damaged; Vault got none or not all of it
   * @throws InvalidRequestException if Vault rejects the snapshot
   * @throws StandbyNodeException if a redirect could not be followed
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  void forceRestoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options);

  /**
   * Reads the autopilot state: cluster health and each server's.
   *
   * <p>{@code GET /v1/sys/storage/raft/autopilot/state}; needs a token.
   *
   * @return the state
   * @throws PermissionDeniedException if the token may not read it
   * @throws VaultSealedException if the node is sealed
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  AutopilotState readRaftAutopilotState();

  /**
   * Reads the autopilot configuration.
   *
   * <p>{@code GET /v1/sys/storage/raft/autopilot/configuration}; needs a token.
   *
   * @return the configuration, every field filled
   * @throws PermissionDeniedException if the token may not read it
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  AutopilotConfig readRaftAutopilotConfig();

  /**
   * Updates the autopilot configuration; only the non-null fields of {@code config} are sent and
   * Vault keeps the others.
   *
   * <p>{@code POST /v1/sys/storage/raft/autopilot/configuration}; needs a token.
   *
   * <p>Write it from one place at a time: on HashiCorp Vault 1.21.4, concurrent writes of this
   * configuration can deadlock the active node: until it is restarted, every Raft call on every
   * node hangs until its timeout (docs/servers.md). OpenBao is not affected.
   *
   * @param config the fields to change
   * @throws IllegalArgumentException if {@code config} is null
   * @throws InvalidRequestException if Vault rejects the values (for example {@code
   *     cleanupDeadServers} without {@code minQuorum >= 3})
   * @throws PermissionDeniedException if the token may not write it
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  void updateRaftAutopilotConfig(AutopilotConfig config);

  /**
   * Reads the status of an automated snapshot configuration.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot-auto/status/:name}; Vault Enterprise only; needs a
   * token with {@code sudo}.
   *
   * @param name the configuration's name
   * @return the status
   * @throws IllegalArgumentException if {@code name} is blank or could address another path
   * @throws EnterpriseOnlyException if the server is not Vault Enterprise
   * @throws NotFoundException if there is no such configuration
   * @throws PermissionDeniedException if the token lacks {@code sudo}
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  AutoSnapshotStatus readRaftAutoSnapshotStatus(String name);

  /**
   * Reads an automated snapshot configuration.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot-auto/config/:name}; Vault Enterprise only; needs a
   * token with {@code sudo}.
   *
   * @param name the configuration's name
   * @return the configuration, of the storage type it was written with
   * @throws IllegalArgumentException if {@code name} is blank or could address another path
   * @throws EnterpriseOnlyException if the server is not Vault Enterprise
   * @throws NotFoundException if there is no such configuration
   * @throws PermissionDeniedException if the token lacks {@code sudo}
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  AutoSnapshotConfig readRaftAutoSnapshotConfig(String name);

  /**
   * Lists the names of the automated snapshot configurations.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot-auto/config?list=true} (Vault's {@code LIST});
   * Vault Enterprise only; needs a token with {@code sudo}. Vault's 404 with no errors means "none"
   * and gives an empty list.
   *
   * @return the names, possibly empty
   * @throws EnterpriseOnlyException if the server is not Vault Enterprise
   * @throws PermissionDeniedException if the token lacks {@code sudo}
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  List<String> listRaftAutoSnapshotConfigs();

  /**
   * Creates or replaces an automated snapshot configuration.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot-auto/config/:name}; Vault Enterprise only; needs a
   * token with {@code sudo}.
   *
   * @param name the configuration's name
   * @param config the configuration
   * @throws IllegalArgumentException if {@code name} is blank or could address another path, or
   *     {@code config} is null
   * @throws EnterpriseOnlyException if the server is not Vault Enterprise
   * @throws InvalidRequestException if Vault rejects the configuration
   * @throws PermissionDeniedException if the token lacks {@code sudo}
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  void createOrUpdateRaftAutoSnapshotConfig(String name, AutoSnapshotConfig config);

  /**
   * Deletes an automated snapshot configuration.
   *
   * <p>{@code DELETE /v1/sys/storage/raft/snapshot-auto/config/:name}; Vault Enterprise only; needs
   * a token with {@code sudo}.
   *
   * @param name the configuration's name
   * @throws IllegalArgumentException if {@code name} is blank or could address another path
   * @throws EnterpriseOnlyException if the server is not Vault Enterprise
   * @throws PermissionDeniedException if the token lacks {@code sudo}
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  void deleteRaftAutoSnapshotConfig(String name);

  /**
   * Reads the Raft configuration of a Vault Enterprise DR secondary, authorised by a DR operation
   * token.
   *
   * <p>{@code POST /v1/sys/storage/raft/configuration} with {@code dr_operation_token} in the body,
   * as {@code vault operator raft list-peers -dr-token} sends it (a read: it changes nothing); the
   * token never appears in a message or log. Vault CE answers it as the plain read; OpenBao does
   * not serve it.
   *
   * @param drOperationToken the DR operation token
   * @return the configuration
   * @throws IllegalArgumentException if {@code drOperationToken} is null
   * @throws UnsupportedEndpointException if the server does not take the POST (OpenBao: 405)
   * @throws PermissionDeniedException if the DR operation token is not accepted
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  RaftConfiguration readRaftConfig(DrOperationToken drOperationToken);

  /**
   * Removes a server from the Raft cluster of a Vault Enterprise DR secondary, authorised by a DR
   * operation token.
   *
   * <p>{@code POST /v1/sys/storage/raft/remove-peer} with {@code dr_operation_token} in the body
   * (Vault Enterprise); the token never appears in a message or log. Not retried once it may have
   * reached Vault.
   *
   * @param nodeId the node id of the server to remove ({@link RaftServer#nodeId()}); Vault calls it
   *     {@code server_id}, the field it travels in
   * @param drOperationToken the DR operation token
   * @throws IllegalArgumentException if {@code nodeId} is blank or has control characters, or
   *     {@code drOperationToken} is null
   * @throws InvalidRequestException if Vault rejects the request
   * @throws PermissionDeniedException if the DR operation token is not accepted
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  void removeRaftNode(String nodeId, DrOperationToken drOperationToken);

  /**
   * Makes a non-voting server a voter.
   *
   * <p>{@code POST /v1/sys/storage/raft/promote}; OpenBao 2.2+ only (HashiCorp Vault's autopilot
   * promotes non-voters itself); needs a token. Not retried once it may have reached the server.
   *
   * @param nodeId the node id of the server to promote
   * @throws IllegalArgumentException if {@code nodeId} is blank or has control characters
   * @throws UnsupportedEndpointException if the server does not serve the endpoint (HashiCorp
   *     Vault)
   * @throws VaultUnavailableException if the server refuses, for example because the server is
   *     already a voter or not in the configuration (OpenBao answers 500 with the reason)
   * @throws PermissionDeniedException if the token may not promote
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  void promoteRaftNode(String nodeId);

  /**
   * Makes a voting server a non-voter: it keeps a copy of the data but no longer counts for quorum.
   *
   * <p>{@code POST /v1/sys/storage/raft/demote}; OpenBao 2.2+ only; needs a token. Not retried once
   * it may have reached the server.
   *
   * @param nodeId the node id of the server to demote
   * @throws IllegalArgumentException if {@code nodeId} is blank or has control characters
   * @throws UnsupportedEndpointException if the server does not serve the endpoint (HashiCorp
   *     Vault)
   * @throws VaultUnavailableException if the server refuses, for example because the server is
   *     already a non-voter (OpenBao answers 500 with the reason)
   * @throws PermissionDeniedException if the token may not demote
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  void demoteRaftNode(String nodeId);

  /**
   * Asks the node this client talks to (the first address) to start a new Raft cluster with itself
   * as its only server: for a node that uses Raft only as {@code ha_storage}.
   *
   * <p>{@code POST /v1/sys/storage/raft/bootstrap}; sent without a token (the node answers it
   * itself). The node must be unsealed. Sent once unless the connection is refused; never to
   * another address.
   *
   * @throws VaultUnavailableException if the node refuses, for example because its cluster already
   *     has state ("could not bootstrap clustered storage")
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  void bootstrapRaftCluster();

  /**
   * Reads the autopilot state on a Vault Enterprise DR secondary, authorised by a DR operation
   * token.
   *
   * <p>{@code GET /v1/sys/storage/raft/autopilot/state} with the DR operation token in place of the
   * client token, as {@code vault operator raft autopilot state -dr-token} sends it; the token
   * never appears in a message or log.
   *
   * @param drOperationToken the DR operation token
   * @return the state
   * @throws IllegalArgumentException if {@code drOperationToken} is null
   * @throws PermissionDeniedException if the DR operation token is not accepted
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  AutopilotState readRaftAutopilotState(DrOperationToken drOperationToken);

  /**
   * Reads the autopilot configuration on a Vault Enterprise DR secondary, authorised by a DR
   * operation token.
   *
   * <p>{@code GET /v1/sys/storage/raft/autopilot/configuration} with the DR operation token in
   * place of the client token, as {@code vault operator raft autopilot get-config -dr-token} sends
   * it; the token never appears in a message or log.
   *
   * @param drOperationToken the DR operation token
   * @return the configuration
   * @throws IllegalArgumentException if {@code drOperationToken} is null
   * @throws PermissionDeniedException if the DR operation token is not accepted
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  AutopilotConfig readRaftAutopilotConfig(DrOperationToken drOperationToken);

  /**
   * Updates the autopilot configuration of a Vault Enterprise DR secondary, authorised by a DR
   * operation token; only the non-null fields of {@code config} are sent.
   *
   * <p>{@code POST /v1/sys/storage/raft/autopilot/configuration} with {@code dr_operation_token} in
   * the body; the token never appears in a message or log.
   *
   * @param config the fields to change
   * @param drOperationToken the DR operation token
   * @throws IllegalArgumentException if {@code config} or {@code drOperationToken} is null
   * @throws InvalidRequestException if Vault rejects the values
   * @throws PermissionDeniedException if the DR operation token is not accepted
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  void updateRaftAutopilotConfig(AutopilotConfig config, DrOperationToken drOperationToken);

  /**
   * Loads a snapshot file for recovery, after checking it locally: see {@link
   * #loadRaftSnapshot(Path, SnapshotProgressListener, RestoreOption...)}.
   *
   * @param source the snapshot file
   * @return the loaded snapshot, usually still {@code loading}
   * @throws IllegalArgumentException if {@code source} is missing, unreadable or a directory
   * @throws DamagedSnapshotException if the file is damaged; Vault got none or not all of it
   * @throws EnterpriseOnlyException if the server is not Vault Enterprise
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  default LoadedSnapshot loadRaftSnapshot(Path source) {
    return loadRaftSnapshot(source, SnapshotProgressListener.NONE);
  }

  /**
   * Loads a snapshot file into Vault Enterprise for recovery, streaming it: the cluster's data
   * stays as it is, and single paths can then be read from the snapshot ({@link
   * #readFromLoadedSnapshot}) or recovered ({@link #recoverFromLoadedSnapshot}). Vault unloads it
   * after 72 hours; one snapshot can be loaded at a time.
   *
   * <p>The file is checked with {@link RaftSnapshots#verify(Path)} while it is sent, its end held
   * back until the check passed, unless {@link RestoreOption#SKIP_LOCAL_VERIFICATION} is given.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot-load}; Vault Enterprise 1.20+ only; needs a token.
   * A standby's 307 is followed by sending the file again. Not retried once it may have reached
   * Vault.
   *
   * @param source the snapshot file
   * @param progress told the bytes sent so far, on the uploading thread
   * @param options {@link RestoreOption#SKIP_LOCAL_VERIFICATION}, or none
   * @return the loaded snapshot, usually still {@code loading}: poll {@link
   *     #readRaftLoadedSnapshot(String)} until it is {@link LoadedSnapshot#ready()}
   * @throws IllegalArgumentException if {@code progress} is null, or {@code source} is missing,
   *     unreadable or a directory
   * @throws DamagedSnapshotException if the file is damaged; Vault got none or not all of it
   * @throws EnterpriseOnlyException if the server is not Vault Enterprise
   * @throws InvalidRequestException if Vault rejects the snapshot (for example, one is already
   *     loaded)
   * @throws StandbyNodeException if a redirect could not be followed
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  LoadedSnapshot loadRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options);

  /**
   * Lists the ids of the loaded snapshots.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot-load?list=true} (Vault's {@code LIST}); Vault
   * Enterprise 1.20+ only; needs a token. Vault's 404 with no errors means "none" and gives an
   * empty list.
   *
   * @return the ids, possibly empty
   * @throws EnterpriseOnlyException if the server is not Vault Enterprise
   * @throws PermissionDeniedException if the token may not list them
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  List<String> listRaftLoadedSnapshots();

  /**
   * Reads the state of a loaded snapshot.
   *
   * <p>{@code GET /v1/sys/storage/raft/snapshot-load/:snapshot_id}; Vault Enterprise 1.20+ only;
   * needs a token.
   *
   * @param snapshotId the id {@link #loadRaftSnapshot(Path)} answered
   * @return the loaded snapshot
   * @throws IllegalArgumentException if {@code snapshotId} is blank or could address another path
   * @throws EnterpriseOnlyException if the server is not Vault Enterprise
   * @throws NotFoundException if no such snapshot is loaded
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  LoadedSnapshot readRaftLoadedSnapshot(String snapshotId);

  /**
   * Unloads a loaded snapshot: see {@link #unloadRaftSnapshot(String, boolean)}.
   *
   * @param snapshotId the snapshot's id
   * @throws IllegalArgumentException if {@code snapshotId} is blank or could address another path
   * @throws EnterpriseOnlyException if the server is not Vault Enterprise
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  default void unloadRaftSnapshot(String snapshotId) {
    unloadRaftSnapshot(snapshotId, false);
  }

  /**
   * Unloads a loaded snapshot, or with {@code force} one that is stuck (for example in the middle
   * of loading).
   *
   * <p>{@code DELETE /v1/sys/storage/raft/snapshot-load/:snapshot_id} ({@code ?force=true} with
   * {@code force}, Vault 1.21+); Vault Enterprise only; needs a token.
   *
   * @param snapshotId the snapshot's id
   * @param force whether to unload a stuck snapshot
   * @throws IllegalArgumentException if {@code snapshotId} is blank or could address another path
   * @throws EnterpriseOnlyException if the server is not Vault Enterprise
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  void unloadRaftSnapshot(String snapshotId, boolean force);

  /**
   * Loads for recovery a snapshot that an automated snapshot configuration wrote to cloud storage.
   *
   * <p>{@code POST /v1/sys/storage/raft/snapshot-auto/snapshot-load/:name} with {@code url}; Vault
   * Enterprise 1.20+ only; needs a token with {@code sudo}. Not retried once it may have reached
   * Vault.
   *
   * @param name the automated snapshot configuration's name (a cloud storage type)
   * @param snapshotUrl the snapshot's location, as {@link AutoSnapshotStatus#lastSnapshotUrl()}
   *     reports it
   * @return the loaded snapshot, usually still {@code loading}
   * @throws IllegalArgumentException if {@code name} could address another path, or {@code
   *     snapshotUrl} is blank or has control characters
   * @throws EnterpriseOnlyException if the server is not Vault Enterprise
   * @throws PermissionDeniedException if the token lacks {@code sudo}
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  LoadedSnapshot loadRaftAutoSnapshot(String name, String snapshotUrl);

  /**
   * Reads a secrets engine path as it is in a loaded snapshot, leaving the live data alone.
   *
   * <p>{@code GET /v1/:path?read_snapshot_id=:snapshot_id}; Vault Enterprise 1.20+ only, for the
   * paths Vault supports (KV version 1, cubbyhole, database static roles and credentials, the SSH
   * CA); needs a token allowed to read the path. A server that ignores {@code read_snapshot_id} (as
   * OpenBao does, answering the live data with a warning) gives {@link EnterpriseOnlyException},
   * never the live data.
   *
   * @param snapshotId the loaded snapshot's id
   * @param path the path under {@code /v1/}, for example {@code secret/my-secret}
   * @return the path's {@code data} in the engine's own shape, unmodifiable, possibly empty
   * @throws IllegalArgumentException if {@code snapshotId} could address another path or is not
   *     visible ASCII, or {@code path} is blank, starts or ends with {@code /}, or has a segment
   *     that could leave it
   * @throws EnterpriseOnlyException if the server cannot read from loaded snapshots
   * @throws NotFoundException if the path is not in the snapshot
   * @throws PermissionDeniedException if the token may not read the path
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  Map<String, Object> readFromLoadedSnapshot(String snapshotId, String path);

  /**
   * Writes a secrets engine path's data from a loaded snapshot back into the live data, overwriting
   * what is there.
   *
   * <p>Vault's {@code RECOVER /v1/:path} with the {@code X-Vault-Recover-Snapshot-Id} header (and
   * the deprecated {@code recover_snapshot_id} query parameter, as Vault's own client sends it);
   * Vault Enterprise 1.21+ only; needs a token with the {@code recover} capability on the path. The
   * {@code RECOVER} method is used because a server without recovery refuses it (OpenBao: 405)
   * instead of taking it as an ordinary write of no data.
   *
   * @param snapshotId the loaded snapshot's id
   * @param path the path under {@code /v1/}, for example {@code secret/my-secret}
   * @throws IllegalArgumentException if {@code snapshotId} could address another path or is not
   *     visible ASCII, or {@code path} is blank, starts or ends with {@code /}, or has a segment
   *     that could leave it
   * @throws EnterpriseOnlyException if the server cannot recover from loaded snapshots
   * @throws NotFoundException if the path is not in the snapshot
   * @throws PermissionDeniedException if the token may not recover the path
   * @throws VaultServerException for any other error answer
   * @throws VaultClientException if no usable answer arrived
   */
  void recoverFromLoadedSnapshot(String snapshotId, String path);

  /** Releases the client's connections and threads. Calls after {@code close()} fail. */
  @Override
  void close();
}
