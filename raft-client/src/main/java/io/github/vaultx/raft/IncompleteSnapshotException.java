package io.github.vaultx.raft;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot stream ended (or broke) before its gzipped tar held a non-empty {@code
 * SHA256SUMS.sealed} entry, Vault's own completeness check. When writing to a file, the partial
 * file was removed and any existing target left untouched.
 */
public class IncompleteSnapshotException extends VaultClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what was received and why it is incomplete
   * @param cause the underlying failure, if any
   */
  public IncompleteSnapshotException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
