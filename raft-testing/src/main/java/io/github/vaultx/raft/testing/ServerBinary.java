package io.github.vaultx.raft.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The server binary the test cluster runs and its flavour.
 *
 * <p>The flavour comes from the system property {@code vaultx.server.flavour} (failsafe sets it per
 * execution, ADR 8) or the variable {@code VAULTX_SERVER_FLAVOUR}: {@code openbao} (default) or
 * {@code vault}. The binary for that flavour, first match wins:
 *
 * <ol>
 *   <li>the system property {@code vaultx.server.bin};
 *   <li>{@code VAULTX_OPENBAO_BIN} or {@code VAULTX_VAULT_BIN}, one per flavour;
 *   <li>{@code VAULTX_SERVER_BIN}, if {@code VAULTX_SERVER_FLAVOUR} names this flavour (or is unset
 *       and this is OpenBao), so that one pair of variables does not give a Vault binary to the
 *       OpenBao run;
 *   <li>in a checkout of vaultx-raft (the system property {@code vaultx.repo.root}, or a folder
 *       above the working directory holding {@code scripts/install-server.sh}): that script with
 *       {@code --openbao} or {@code --vault}, which installs OpenBao or builds Vault once and
 *       reuses it afterwards;
 *   <li>{@code bao} or {@code vault} on the {@code PATH}.
 * </ol>
 *
 * <p>So a project that uses this module for its own tests sets {@code VAULTX_OPENBAO_BIN} (or
 * {@code -Dvaultx.server.bin}) to the server it has installed, or puts it on the {@code PATH}.
 *
 * @param path the executable
 * @param flavour what it is
 */
public record ServerBinary(Path path, ServerFlavour flavour) {
  private static final Map<ServerFlavour, ServerBinary> LOCATED =
      new EnumMap<>(ServerFlavour.class);

  /**
   * Checks the binary is an executable file.
   *
   * @param path the executable
   * @param flavour what it is
   */
  public ServerBinary {
    Objects.requireNonNull(flavour, "flavour");
    if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
      throw new IllegalArgumentException("server binary is not an executable file: " + path);
    }
  }

  /**
   * Finds the server of the configured flavour as described in the class comment, installing it on
   * first use; the answer is kept for the JVM's lifetime.
   *
   * @return the binary
   * @throws IllegalStateException if none can be found or installed
   */
  public static ServerBinary locate() {
    String flavourValue = setting("vaultx.server.flavour", "VAULTX_SERVER_FLAVOUR");
    return locate(flavourValue == null ? ServerFlavour.OPENBAO : ServerFlavour.parse(flavourValue));
  }

  /**
   * Finds the server of one flavour as described in the class comment, installing it on first use;
   * the answer is kept for the JVM's lifetime.
   *
   * @param flavour the server wanted
   * @return the binary
   * @throws IllegalStateException if none can be found or installed
   */
  public static synchronized ServerBinary locate(ServerFlavour flavour) {
    return LOCATED.computeIfAbsent(flavour, ServerBinary::find);
  }

  private static ServerBinary find(ServerFlavour flavour) {
    String bin = configuredBinary(flavour);
    if (bin != null) {
      return new ServerBinary(Path.of(bin).toAbsolutePath(), flavour);
    }
    Optional<Path> script = InstallScript.find(InstallScript.SERVER);
    if (script.isPresent()) {
      return new ServerBinary(InstallScript.run(script.get(), flavour), flavour);
    }
    return onPath(flavour)
        .map(path -> new ServerBinary(path, flavour))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no "
                        + flavour.binaryName()
                        + " binary: set -Dvaultx.server.bin or VAULTX_"
                        + flavour.name()
                        + "_BIN to the server's path, or put "
                        + flavour.binaryName()
                        + " on the PATH"));
  }

  private static Optional<Path> onPath(ServerFlavour flavour) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, flavour.binaryName()))
        .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
        .findFirst();
  }

  private static @Nullable String configuredBinary(ServerFlavour flavour) {
    String property = System.getProperty("vaultx.server.bin");
    if (property != null && !property.isBlank()) {
      return property.trim();
    }
    String own = blankToNull(System.getenv("VAULTX_" + flavour.name() + "_BIN"));
    if (own != null) {
      return own;
    }
    String shared = blankToNull(System.getenv("VAULTX_SERVER_BIN"));
    String sharedFlavour = blankToNull(System.getenv("VAULTX_SERVER_FLAVOUR"));
    ServerFlavour sharedFor =
        sharedFlavour == null ? ServerFlavour.OPENBAO : ServerFlavour.parse(sharedFlavour);
    return sharedFor == flavour ? shared : null;
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static @Nullable String setting(String property, String variable) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? null : value.trim();
  }
}
