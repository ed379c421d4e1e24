package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.internal.access.Checks;

/** A Vault token. Its {@link #toString()} is {@code ****}, so it cannot leak through a log line. */
final class VaultToken {
  private final String value;

  /** Wraps {@code value}. */
  public VaultToken(String value) {
    this.value = Checks.noControlCharacters(value, "token");
  }

  /** Returns the token, for the {@code X-Vault-Token} header only. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "****";
  }
}
