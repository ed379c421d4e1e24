package io.github.vaultx.raft.snapshot;

import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.internal.SnapshotParser;
import java.nio.file.Path;

/**
 * Reads a Raft snapshot file offline, with no server: what it holds and whether it is intact.
 *
 * <p>A snapshot is a gzip stream over a tar holding {@code meta.json} (the Raft metadata), {@code
 * state.bin} (the storage entries, length-delimited protobuf), {@code SHA256SUMS} (the SHA-256 of
 * those two files) and {@code SHA256SUMS.sealed} (the same, encrypted by the seal). Each method
 * reads the file once, streaming, in constant memory whatever its size (with details, memory grows
 * only with the number of distinct prefixes).
 *
 * <pre>{@code
 * SnapshotInspection s = RaftSnapshots.inspect(Path.of("backup.snap"), 2, "");
 * System.out.println(s.index() + " " + s.keys() + " keys, intact: " + s.intact());
 * RaftSnapshots.verify(Path.of("backup.snap"));   // throws DamagedSnapshotException
 * }</pre>
 *
 * <p>{@link VaultRaftClient#restoreRaftSnapshot(Path)} and {@link
 * VaultRaftClient#forceRestoreRaftSnapshot(Path)} call {@link #verify(Path)} before sending.
 */
public final class RaftSnapshots {
  private RaftSnapshots() {}

  /**
   * Reads a snapshot's metadata, hashes and key count, without details per prefix.
   *
   * @param file the snapshot file
   * @return what the file holds; problems such as a hash mismatch are listed in {@link
   *     SnapshotInspection#problems()}
   * @throws IllegalArgumentException if {@code file} is null, missing, unreadable or a directory
   * @throws DamagedSnapshotException if the file cannot be read as a snapshot at all: not gzip, cut
   *     short, a broken tar, or no usable {@code meta.json} or {@code state.bin}
   * @throws java.io.UncheckedIOException if reading the file fails
   */
  public static SnapshotInspection inspect(Path file) {
    return SnapshotParser.inspect(file, 0, "");
  }

  /**
   * Reads a snapshot like {@link #inspect(Path)} and also counts its keys and their bytes per key
   * prefix, the prefix being a key's first {@code depth} segments ({@code sys/token/} at depth 2).
   *
   * @param file the snapshot file
   * @param depth how many {@code /}-separated segments make a prefix, at least 1
   * @param filter count only keys that start with this text; empty for all keys
   * @return what the file holds, with {@link SnapshotInspection#prefixes()} filled
   * @throws IllegalArgumentException if {@code file} is null, missing, unreadable or a directory,
   *     {@code depth} is below 1 or {@code filter} is null
   * @throws DamagedSnapshotException if the file cannot be read as a snapshot at all
   * @throws java.io.UncheckedIOException if reading the file fails
   */
  public static SnapshotInspection inspect(Path file, int depth, String filter) {
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be at least 1");
    }
    if (filter == null) {
      throw new IllegalArgumentException("filter must not be null");
    }
    return SnapshotParser.inspect(file, depth, filter);
  }

  /**
   * Checks that a snapshot is intact: a complete gzipped tar whose {@code meta.json} and {@code
   * state.bin} match {@code SHA256SUMS}, whose {@code state.bin} decodes entry by entry, and which
   * holds a non-empty {@code SHA256SUMS.sealed}. The seal-encrypted hashes themselves can be
   * checked only by the server.
   *
   * @param file the snapshot file
   * @return the inspection of the intact file
   * @throws IllegalArgumentException if {@code file} is null, missing, unreadable or a directory
   * @throws DamagedSnapshotException naming every problem found
   * @throws java.io.UncheckedIOException if reading the file fails
   */
  public static SnapshotInspection verify(Path file) {
    return inspect(file).requireIntact();
  }
}
