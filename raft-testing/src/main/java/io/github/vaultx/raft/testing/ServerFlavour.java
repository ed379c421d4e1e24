package io.github.vaultx.raft.testing;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Which server the test cluster runs, and every way the harness has to treat the two differently:
 * the one place for such facts (docs/servers.md lists what they are based on).
 *
 * <p>Both speak the same Raft API, start from the same {@code server -config} file and answer
 * {@code sys/health} with the same codes (200 active, 429 standby, 501 not initialised, 503
 * sealed); the differences are the config keys, how a standby serves reads, how the binary is
 * obtained, the endpoints each serves beyond the shared ones and the text of some errors.
 */
public enum ServerFlavour {
  /** OpenBao (the default): binary {@code bao}, installed from the pip package. */
  OPENBAO("bao", "--openbao", Duration.ofMinutes(10)),
  /** HashiCorp Vault CE: binary {@code vault}, built from its Go module on first use. */
  VAULT("vault", "--vault", Duration.ofMinutes(60));

  /** {@code sys/health}: the active node. */
  public static final int HEALTH_ACTIVE = 200;

  /** {@code sys/health}: an unsealed standby. */
  public static final int HEALTH_STANDBY = 429;

  /** {@code sys/health}: not initialised. */
  public static final int HEALTH_UNINITIALISED = 501;

  /** {@code sys/health}: sealed. */
  public static final int HEALTH_SEALED = 503;

  /**
   * {@code sys/health}: a node removed from its cluster (Vault 1.19+, its {@code removedcode}); it
   * stays sealed and reports {@code removed_from_cluster}. OpenBao has no such state.
   */
  public static final int HEALTH_REMOVED = 530;

  private final String binaryName;
  private final String installOption;
  private final Duration installTimeout;

  ServerFlavour(String binaryName, String installOption, Duration installTimeout) {
    this.binaryName = binaryName;
    this.installOption = installOption;
    this.installTimeout = installTimeout;
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
   * The option of {@code scripts/install-server.sh} that installs this server.
   *
   * @return {@code --openbao} or {@code --vault}
   */
  public String installOption() {
    return installOption;
  }

  /**
   * How long the install script may take: a cold Vault build compiles for several minutes.
   *
   * @return the limit
   */
  public Duration installTimeout() {
    return installTimeout;
  }

  /**
   * The lower-case name used in switches, report folders and the drift exclusion file.
   *
   * @return {@code openbao} or {@code vault}
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The top-level config lines this server needs besides the shared storage, listener and address
   * settings.
   *
   * <ul>
   *   <li>OpenBao 2.5+ serves reads on standbys unless {@code disable_standby_reads = true}; with
   *       it a standby forwards or redirects as Vault's does, which the standby tests rely on.
   *       Vault has no such key.
   *   <li>Vault needs {@code disable_mlock = true} to start without the mlock capability; OpenBao
   *       2.7 dropped mlock and warns about the key as unknown.
   * </ul>
   *
   * @return HCL lines, each ending in a newline
   */
  public String extraConfig() {
    return this == OPENBAO ? "disable_standby_reads = true\n" : "disable_mlock = true\n";
  }

  /**
   * The {@code errors} of the 404 this open-source server answers on an endpoint only Vault
   * Enterprise serves (after the permission check).
   *
   * <ul>
   *   <li>Vault CE 1.21 registers stubs for the Enterprise paths (it lists them in {@code
   *       sys/internal/specs/openapi}); each answers {@code enterprise-only feature}.
   *   <li>OpenBao has no such paths: its router answers {@code unsupported path}.
   * </ul>
   *
   * @return the exact {@code errors} array
   */
  public List<String> enterpriseOnlyErrors() {
    return this == VAULT
        ? List.of("enterprise-only feature")
        : List.of("1 error occurred:\n\t* unsupported path\n\n");
  }

  /**
   * The {@code errors} of the 404 both servers answer for a path they do not serve at all
   * (OpenBao's {@code promote} and {@code demote} on Vault; the Enterprise {@code snapshot-load}
   * family, for which Vault CE has no stubs, on both).
   *
   * @return the exact {@code errors} array
   */
  public List<String> unsupportedPathErrors() {
    return List.of("1 error occurred:\n\t* unsupported path\n\n");
  }

  /**
   * Whether the server serves {@code sys/storage/raft/promote} and {@code demote}: OpenBao 2.2+
   * does; Vault answers them with {@link #unsupportedPathErrors()}.
   *
   * @return true for OpenBao
   */
  public boolean servesPromoteAndDemote() {
    return this == OPENBAO;
  }

  /**
   * Whether a node removed from the cluster seals and answers {@link #HEALTH_REMOVED}: Vault 1.19+
   * does. OpenBao 2.7's removed node stays an unsealed standby that forwards requests to the active
   * node, and answers a join with {@code {"joined": true}} without joining.
   *
   * @return true for Vault
   */
  public boolean sealsRemovedNodes() {
    return this == VAULT;
  }

  /**
   * The {@code errors} of the 403 this server answers to a token it does not know (a Raft path, for
   * example {@code GET sys/storage/raft/configuration}). A valid token without the policy gets
   * {@code "1 error occurred:\n\t* permission denied\n\n"} from both.
   *
   * <ul>
   *   <li>Vault CE 1.21 gives both reasons in its multi-error form.
   *   <li>OpenBao answers the bare {@code permission denied}.
   * </ul>
   *
   * @return the exact {@code errors} array
   */
  public List<String> invalidTokenErrors() {
    return this == VAULT
        ? List.of("2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n")
        : List.of("permission denied");
  }

  /**
   * Whether a file audit device must be declared in the server's config file rather than enabled
   * through {@code PUT /v1/sys/audit/:path}.
   *
   * <ul>
   *   <li>OpenBao 2.2+ refuses the API ("cannot enable audit device via API; use declarative,
   *       config-based audit device management instead") and reads {@code audit "file" "<path>" {
   *       options { file_path = ... } }} from the config.
   *   <li>Vault has no such stanza; its audit devices are enabled through the API.
   * </ul>
   *
   * @return true for OpenBao
   */
  public boolean declaresAuditDevicesInConfig() {
    return this == OPENBAO;
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
