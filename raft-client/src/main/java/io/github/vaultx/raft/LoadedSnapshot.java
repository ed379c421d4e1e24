package io.github.vaultx.raft;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot loaded into Vault Enterprise for recovery ({@code sys/storage/raft/snapshot-load}):
 * single paths can be read from it or recovered while the cluster's own data stays as it is.
 *
 * @param snapshotId the id to read and recover with
 * @param status {@code loading}, {@code ready} or {@code error}; Vault's word, kept as sent
 * @param clusterId the id of the cluster the snapshot was taken from, or null if Vault left it out
 * @param error why loading failed, or null
 * @param createdAt when it was loaded, or null if Vault left it out
 * @param expiresAt when Vault unloads it by itself, or null if Vault left it out
 */
public record LoadedSnapshot(
    String snapshotId,
    String status,
    @Nullable String clusterId,
    @Nullable String error,
    @Nullable Instant createdAt,
    @Nullable Instant expiresAt) {

  /**
   * Checks that the id and status are present.
   *
   * @param snapshotId the id
   * @param status the status
   * @param clusterId the source cluster's id, or null
   * @param error the loading error, or null
   * @param createdAt when it was loaded, or null
   * @param expiresAt when it expires, or null
   */
  public LoadedSnapshot {
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(status, "status");
  }

  /**
   * Whether the snapshot is loaded and can be read from.
   *
   * @return true when {@code status} is {@code ready}
   */
  public boolean ready() {
    return status.equals("ready");
  }
}
