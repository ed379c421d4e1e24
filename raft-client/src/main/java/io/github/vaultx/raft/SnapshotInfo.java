package io.github.vaultx.raft;

import java.time.Duration;
import java.util.Objects;

/**
 * What a snapshot download produced.
 *
 * @param sizeBytes the number of bytes received (the gzipped snapshot as Vault sent it)
 * @param sha256 the lower-case hex SHA-256 of those bytes
 * @param elapsed how long the download took, from request to last byte
 */
public record SnapshotInfo(long sizeBytes, String sha256, Duration elapsed) {

  /**
   * Checks the components.
   *
   * @param sizeBytes the number of bytes received (the gzipped snapshot as Vault sent it)
   * @param sha256 the lower-case hex SHA-256 of those bytes
   * @param elapsed how long the download took, from request to last byte
   */
  public SnapshotInfo {
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must not be negative");
    }
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
