package io.github.vaultx.raft;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The state of one automated snapshot configuration. Vault's "never" (Go's zero time {@code
 * 0001-01-01T00:00:00Z}) and empty strings are absent: {@code null}, as everywhere in the public
 * records (ADR 11).
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
    @Nullable Instant lastSnapshotStart,
    @Nullable Instant lastSnapshotEnd,
    @Nullable String lastSnapshotError,
    @Nullable String lastSnapshotUrl,
    @Nullable Instant nextSnapshotStart,
    @Nullable Instant snapshotStart,
    @Nullable String snapshotUrl) {}
