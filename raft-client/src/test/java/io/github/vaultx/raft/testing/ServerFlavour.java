package io.github.vaultx.raft.testing;

import java.util.Locale;

/**
 * Which server the test cluster runs: both speak the same Raft API and take the same config, with
 * the differences listed here.
 */
public enum ServerFlavour {
  /** OpenBao (the default): binary {@code bao}. */
  OPENBAO("bao"),
  /** HashiCorp Vault: binary {@code vault}. */
  VAULT("vault");

  private final String binaryName;

  ServerFlavour(String binaryName) {
    this.binaryName = binaryName;
  }

  /**
   * The usual name of the server binary.
   *
   * @return {@code bao} or {@code vault}
   */
  public String binaryName() {
    return binaryName;
  }

  /**
   * Whether the config takes {@code disable_standby_reads}: OpenBao 2.5+ serves reads on standbys
   * unless it is set, Vault has no such key and always forwards or redirects.
   *
   * @return true for OpenBao
   */
  public boolean needsDisableStandbyReads() {
    return this == OPENBAO;
  }

  /**
   * Whether the config takes {@code disable_mlock}: OpenBao 2.7 dropped mlock and warns about the
   * key as unknown, Vault still needs it to start without the mlock capability.
   *
   * @return true for Vault
   */
  public boolean takesDisableMlock() {
    return this == VAULT;
  }

  /**
   * Parses a switch value.
   *
   * @param value {@code openbao} or {@code vault}, any case
   * @return the flavour
   * @throws IllegalArgumentException for anything else
   */
  public static ServerFlavour parse(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "openbao":
        return OPENBAO;
      case "vault":
        return VAULT;
      default:
        throw new IllegalArgumentException(
            "server flavour must be openbao or vault (vaultx.server.flavour / VAULTX_SERVER_FLAVOUR)");
    }
  }
}
