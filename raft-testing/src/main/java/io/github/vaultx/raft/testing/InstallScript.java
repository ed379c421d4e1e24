package io.github.vaultx.raft.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One of vaultx-raft's install scripts ({@code scripts/install-server.sh}, {@code
 * scripts/install-go-tool.sh}), when the tests run in a checkout of it: installs or builds a tool
 * once, then prints the binary's path as its last line.
 */
final class InstallScript {
  /** Installs OpenBao or builds Vault. */
  static final String SERVER = "scripts/install-server.sh";

  /**
   * Builds a pinned Go program a test needs: {@code toxiproxy}, {@code versitygw}, {@code fakegcs}.
   */
  static final String GO_TOOL = "scripts/install-go-tool.sh";

  /** Installs Azurite, the Azure Storage emulator, from npm. */
  static final String AZURITE = "scripts/install-azurite.sh";

  private InstallScript() {}

  /**
   * The script at {@code relativePath} under the system property {@code vaultx.repo.root} (failsafe
   * sets it), else in the nearest folder above the working directory that has one.
   */
  static Optional<Path> find(String relativePath) {
    String configured = System.getProperty("vaultx.repo.root");
    if (configured != null && !configured.isBlank()) {
      Path script = Path.of(configured).toAbsolutePath().resolve(relativePath);
      return Files.isExecutable(script) ? Optional.of(script) : Optional.empty();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve(relativePath))) {
        return Optional.of(dir.resolve(relativePath));
      }
    }
    return Optional.empty();
  }

  /** Runs the server script for one flavour: the last stdout line is the binary. */
  static Path run(Path script, ServerFlavour flavour) {
    // The script would otherwise hand out VAULTX_SERVER_BIN, which may be the other flavour's.
    return run(
        script,
        List.of(flavour.installOption()),
        flavour.installTimeout(),
        List.of("VAULTX_SERVER_BIN", "VAULTX_SERVER_FLAVOUR"));
  }

  /**
   * Runs a script: progress goes to our stderr, the last stdout line is the binary.
   *
   * @param script the script
   * @param args its arguments
   * @param timeout how long it may take
   * @param unset environment variables the script must not see
   */
  static Path run(Path script, List<String> args, Duration timeout, List<String> unset) {
    try {
      List<String> command = new ArrayList<>();
      command.add(script.toString());
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command);
      unset.forEach(builder.environment()::remove);
      Process process =
          builder
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      String out;
      try (InputStream stdout = process.getInputStream()) {
        out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " did not finish within " + timeout);
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
