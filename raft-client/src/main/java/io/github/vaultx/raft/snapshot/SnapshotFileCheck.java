package io.github.vaultx.raft.snapshot;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One file of a snapshot's tar ({@code meta.json} or {@code state.bin}) with the SHA-256 that
 * {@code SHA256SUMS} records for it and the one computed from its bytes.
 *
 * @param name the entry name in the tar
 * @param bytes the entry's length in bytes
 * @param recordedSha256 the lower-case hex SHA-256 from {@code SHA256SUMS}, or null when {@code
 *     SHA256SUMS} is missing or has no line for this file
 * @param computedSha256 the lower-case hex SHA-256 of the entry's bytes
 */
public record SnapshotFileCheck(
    String name, long bytes, @Nullable String recordedSha256, String computedSha256) {

  /**
   * Checks the components.
   *
   * @param name the entry name in the tar
   * @param bytes the entry's length in bytes
   * @param recordedSha256 the recorded SHA-256, or null
   * @param computedSha256 the computed SHA-256
   */
  public SnapshotFileCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(computedSha256, "computedSha256");
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative");
    }
  }

  /**
   * Whether a hash is recorded and equals the computed one.
   *
   * @return true if the file is as {@code SHA256SUMS} says
   */
  public boolean matches() {
    return computedSha256.equals(recordedSha256);
  }
}
