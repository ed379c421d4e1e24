package io.github.vaultx.raft.snapshot;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The storage keys of a snapshot under one prefix, as counted by {@link RaftSnapshots#inspect(Path,
 * int, String)}.
 *
 * @param prefix the key prefix: the key's first segments up to the chosen depth, ending in {@code
 *     /}, or the whole key when it has no more segments than that
 * @param keys how many keys start with it
 * @param bytes the total size of their values in bytes (as stored: encrypted by the barrier)
 */
public record SnapshotKeyPrefix(String prefix, long keys, long bytes) {

  /**
   * Checks the components.
   *
   * @param prefix the key prefix
   * @param keys how many keys
   * @param bytes the total size of their values
   */
  public SnapshotKeyPrefix {
    Objects.requireNonNull(prefix, "prefix");
    if (keys < 0 || bytes < 0) {
      throw new IllegalArgumentException("keys and bytes must not be negative");
    }
  }
}
