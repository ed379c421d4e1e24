package io.github.vaultx.raft.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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
 *   <li>{@code <repo>/scripts/install-server.sh --openbao|--vault}, which installs OpenBao or
 *       builds Vault once and reuses it afterwards.
 * </ol>
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
    return new ServerBinary(install(repoRoot(), flavour), flavour);
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

  /**
   * The repository root: the system property {@code vaultx.repo.root} (failsafe sets it), else the
   * nearest folder above the working directory that holds {@code spec/}.
   *
   * @return the root folder
   * @throws IllegalStateException if there is none
   */
  public static Path repoRoot() {
    String configured = System.getProperty("vaultx.repo.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("spec"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root (a folder with spec/); set -Dvaultx.repo.root");
  }

  /** Runs the install script: progress goes to our stderr, the last stdout line is the binary. */
  private static Path install(Path repoRoot, ServerFlavour flavour) {
    Path script = repoRoot.resolve("scripts/install-server.sh");
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException("no executable " + script);
    }
    try {
      ProcessBuilder builder = new ProcessBuilder(script.toString(), flavour.installOption());
      // The script would otherwise hand out VAULTX_SERVER_BIN, which may be the other flavour's.
      builder.environment().remove("VAULTX_SERVER_BIN");
      builder.environment().remove("VAULTX_SERVER_FLAVOUR");
      Process process =
          builder
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      String out;
      try (InputStream stdout = process.getInputStream()) {
        out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(flavour.installTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            script + " did not finish within " + flavour.installTimeout());
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(script + " failed with exit code " + process.exitValue());
      }
      String[] lines = out.strip().split("\n");
      String last = lines[lines.length - 1].strip();
      if (last.isEmpty()) {
        throw new IllegalStateException(script + " printed no binary path");
      }
      return Path.of(last);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
  }
}
