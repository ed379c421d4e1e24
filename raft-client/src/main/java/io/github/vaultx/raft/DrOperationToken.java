package io.github.vaultx.raft;

import io.github.vaultx.raft.internal.access.Checks;

/**
 * A DR operation token, which authorises Raft calls on a Vault Enterprise disaster recovery
 * secondary (a cluster without tokens of its own). It is a secret: {@link #toString()} prints
 * {@code ****}, and the client never puts it into a message or log line.
 */
public final class DrOperationToken {
  private final String value;

  private DrOperationToken(String value) {
    this.value = value;
  }

  /**
   * Wraps a DR operation token, as {@code vault operator generate-root -dr-token} produced it.
   *
   * @param value the token
   * @return the token
   * @throws IllegalArgumentException if {@code value} is blank or not visible ASCII (the message
   *     never holds the value)
   */
  public static DrOperationToken of(String value) {
    return new DrOperationToken(Checks.headerValue(value, "drOperationToken"));
  }

  /**
   * Returns the token itself, for sending it to Vault. Never log it.
   *
   * @return the token
   */
  public String reveal() {
    return value;
  }

  /** Returns {@code DrOperationToken[****]}: the value never appears. */
  @Override
  public String toString() {
    return "DrOperationToken[****]";
  }
}
