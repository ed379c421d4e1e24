package io.github.vaultx.raft;

import org.jspecify.annotations.Nullable;

/**
 * No usable answer arrived: an I/O or TLS failure, a timeout, a malformed body, an open circuit or
 * an incomplete snapshot. Not a 4xx: Vault's error answers are {@link VaultServerException}s. The
 * name follows the client/service split of the AWS SDK (ADR 12).
 */
public class VaultClientException extends VaultRaftException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed, without secrets
   * @param cause the underlying failure, if any
   */
  public VaultClientException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
