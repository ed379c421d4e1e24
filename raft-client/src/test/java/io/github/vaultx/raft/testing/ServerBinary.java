package io.github.vaultx.raft.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The server binary the test cluster runs and its flavour.
 *
 * <p>One switch chooses it: the system property {@code vaultx.server.bin} or the variable {@code
 * VAULTX_SERVER_BIN} (a binary path), with {@code vaultx.server.flavour} / {@code
 * VAULTX_SERVER_FLAVOUR} = {@code openbao} (default) or {@code vault}. Without a binary, OpenBao is
 * installed by {@code <repo>/scripts/install-server.sh} and Vault is looked up as {@code vault} on
 * the {@code PATH}.
 *
 * @param path the executable
 * @param flavour what it is
 */
public record ServerBinary(Path path, ServerFlavour flavour) {
  private static @Nullable ServerBinary located;

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
   * Finds the server as described in the class comment, installing OpenBao on first use; the answer
   * is kept for the JVM's lifetime.
   *
   * @return the binary
   * @throws IllegalStateException if none can be found or installed
   */
  public static synchronized ServerBinary locate() {
    if (located == null) {
      located = find();
    }
    return located;
  }

  private static ServerBinary find() {
    String flavourValue = setting("vaultx.server.flavour", "VAULTX_SERVER_FLAVOUR");
    ServerFlavour flavour =
        flavourValue == null ? ServerFlavour.OPENBAO : ServerFlavour.parse(flavourValue);
    String bin = setting("vaultx.server.bin", "VAULTX_SERVER_BIN");
    if (bin != null) {
      return new ServerBinary(Path.of(bin).toAbsolutePath(), flavour);
    }
    if (flavour == ServerFlavour.VAULT) {
      return new ServerBinary(onPath(flavour.binaryName()), flavour);
    }
    return new ServerBinary(install(repoRoot()), flavour);
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

  private static Path onPath(String name) {
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no " + name + " on the PATH; set vaultx.server.bin or VAULTX_SERVER_BIN");
  }

  /** Runs the install script: progress goes to our stderr, the last stdout line is the binary. */
  private static Path install(Path repoRoot) {
    Path script = repoRoot.resolve("scripts/install-server.sh");
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException("no executable " + script);
    }
    try {
      Process process =
          new ProcessBuilder(script.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      String out;
      try (InputStream stdout = process.getInputStream()) {
        out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " did not finish within 10 minutes");
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
