package io.github.vaultx.raft.snapshot;

import io.github.vaultx.raft.VaultRaftClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
 * VaultRaftClient#forceRestoreRaftSnapshot(Path)} make the check of {@link #verify(Path)} while
 * they send the file, and send its end only once it passed.
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
    return SnapshotReader.inspect(readableFile(file), 0, "");
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
    return SnapshotReader.inspect(readableFile(file), depth, filter);
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

  /**
   * Checks a snapshot that arrives as a stream (from object storage, a pipe) as {@link
   * #verify(Path)} checks a file, in one pass and constant memory. It reads the stream to its end
   * and does not close it.
   *
   * @param snapshot the stream; read to its end (bytes after the gzip stream included), not closed
   * @param name how the exception names the snapshot, as a file's name would be
   * @return the inspection of the intact snapshot, its {@link SnapshotInspection#fileBytes()} the
   *     bytes read
   * @throws IllegalArgumentException if an argument is null
   * @throws DamagedSnapshotException naming every problem found
   * @throws UncheckedIOException if reading the stream fails
   */
  public static SnapshotInspection verify(InputStream snapshot, String name) {
    if (snapshot == null || name == null) {
      throw new IllegalArgumentException(
          (snapshot == null ? "snapshot" : "name") + " must not be null");
    }
    return SnapshotReader.inspect(snapshot, name).requireIntact();
  }

  /**
   * Reads a snapshot stream to its end and makes the check its bytes allow as they pass, the one
   * Vault's own client makes when it saves a snapshot: a complete gzip stream over a tar that holds
   * a non-empty {@code SHA256SUMS.sealed}. It neither compares hashes nor decodes {@code
   * state.bin}: {@link #verify(InputStream, String)} does that. Every snapshot download of {@link
   * VaultRaftClient#takeRaftSnapshot(Path)} makes this check while it copies.
   *
   * @param snapshot the stream; read to its end (bytes after the gzip stream included), not closed
   * @param name how the exception names the stream
   * @throws IllegalArgumentException if an argument is null
   * @throws DamagedSnapshotException if the stream is not a complete snapshot, a stream that fails
   *     before the snapshot's end included (the problem names the failure's class)
   * @throws UncheckedIOException if reading the bytes after the snapshot's end fails
   */
  public static void verifyStream(InputStream snapshot, String name) {
    if (snapshot == null || name == null) {
      throw new IllegalArgumentException(
          (snapshot == null ? "snapshot" : "name") + " must not be null");
    }
    String problem;
    try {
      problem = StreamCheck.problem(snapshot);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + name + ": " + e.getMessage(), e);
    }
    if (problem != null) {
      throw new DamagedSnapshotException(name, List.of(problem));
    }
  }

  private static Path readableFile(@Nullable Path file) {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "file must be an existing regular file (not a directory): " + file);
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("file must be a readable file: " + file);
    }
    return file;
  }
}
