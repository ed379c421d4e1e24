package io.github.vaultx.raft.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * vaultx-raft's {@code scripts/install-server.sh}, when the tests run in a checkout of it: installs
 * OpenBao or builds Vault once, then prints the binary's path as its last line.
 */
final class InstallScript {
  private static final String SCRIPT = "scripts/install-server.sh";

  private InstallScript() {}

  /**
   * The script under the system property {@code vaultx.repo.root} (failsafe sets it), else in the
   * nearest folder above the working directory that has one.
   */
  static Optional<Path> find() {
    String configured = System.getProperty("vaultx.repo.root");
    if (configured != null && !configured.isBlank()) {
      Path script = Path.of(configured).toAbsolutePath().resolve(SCRIPT);
      return Files.isExecutable(script) ? Optional.of(script) : Optional.empty();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve(SCRIPT))) {
        return Optional.of(dir.resolve(SCRIPT));
      }
    }
    return Optional.empty();
  }

  /** Runs the script: progress goes to our stderr, the last stdout line is the binary. */
  static Path run(Path script, ServerFlavour flavour) {
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
