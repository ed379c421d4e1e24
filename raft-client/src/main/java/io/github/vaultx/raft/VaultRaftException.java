package io.github.vaultx.raft;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception this client throws. Unchecked; its message never holds a token, a
 * header or a request or response body.
 */
public class VaultRaftException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed, without secrets
   * @param cause the underlying failure, if any
   */
  public VaultRaftException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
