package io.github.vaultx.raft;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one automated snapshot configuration. Vault's "never" (Go's zero time {@code
 * 0001-01-01T00:00:00Z}) and empty strings become empty optionals.
 *
 * @param consecutiveErrors how many snapshots in a row have failed
 * @param lastSnapshotStart when the last snapshot started
 * @param lastSnapshotEnd when the last snapshot ended
 * @param lastSnapshotError the error of the last snapshot, if it failed
 * @param lastSnapshotUrl where the last snapshot was written
 * @param nextSnapshotStart when the next snapshot is due
 * @param snapshotStart when the snapshot in progress started, if one is running
 * @param snapshotUrl where the snapshot in progress is being written
 */
public record AutoSnapshotStatus(
    int consecutiveErrors,
    Optional<Instant> lastSnapshotStart,
    Optional<Instant> lastSnapshotEnd,
    Optional<String> lastSnapshotError,
    Optional<String> lastSnapshotUrl,
    Optional<Instant> nextSnapshotStart,
    Optional<Instant> snapshotStart,
    Optional<String> snapshotUrl) {

  /**
   * Checks that no component is null.
   *
   * @param consecutiveErrors how many snapshots in a row have failed
   * @param lastSnapshotStart when the last snapshot started
   * @param lastSnapshotEnd when the last snapshot ended
   * @param lastSnapshotError the error of the last snapshot, if it failed
   * @param lastSnapshotUrl where the last snapshot was written
   * @param nextSnapshotStart when the next snapshot is due
   * @param snapshotStart when the snapshot in progress started, if one is running
   * @param snapshotUrl where the snapshot in progress is being written
   */
  public AutoSnapshotStatus {
    Objects.requireNonNull(lastSnapshotStart, "lastSnapshotStart");
    Objects.requireNonNull(lastSnapshotEnd, "lastSnapshotEnd");
    Objects.requireNonNull(lastSnapshotError, "lastSnapshotError");
    Objects.requireNonNull(lastSnapshotUrl, "lastSnapshotUrl");
    Objects.requireNonNull(nextSnapshotStart, "nextSnapshotStart");
    Objects.requireNonNull(snapshotStart, "snapshotStart");
    Objects.requireNonNull(snapshotUrl, "snapshotUrl");
  }
}
