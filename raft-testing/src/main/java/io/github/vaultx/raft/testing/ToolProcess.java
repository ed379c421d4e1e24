package io.github.vaultx.raft.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A pinned tool a test needs (an emulator, the fault proxy) run as a child process: found through
 * its variable or the project's install script, its output in a log file, ready once a probe
 * answers, stopped by {@link #close()} or, at the latest, when the JVM exits. {@link
 * AzuriteServer}, {@link GcsEmulator}, {@link S3Gateway} and {@link FaultProxy} are each one of
 * these plus what their tool needs.
 */
final class ToolProcess implements AutoCloseable {
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread shutdownHook;

  private ToolProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.shutdownHook = new Thread(process::destroyForcibly, "vaultx-raft-" + name + "-cleanup");
  }

  /**
   * The tool's executable: the environment variable {@code variable} if set, else what the install
   * script (in a checkout of vaultx-raft) installs with {@code args}.
   *
   * @param name the tool as a message names it
   * @throws IllegalStateException naming the variable and the script if there is neither
   */
  static Path binary(String name, String variable, String script, List<String> args) {
    String value = System.getenv(variable);
    if (value != null && !value.isBlank()) {
      return Path.of(value.trim()).toAbsolutePath();
    }
    return InstallScript.find(script)
        .map(found -> InstallScript.run(found, args, INSTALL_TIMEOUT, List.of()))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no "
                        + name
                        + ": set "
                        + variable
                        + " to its path, or run the tests in a checkout of vaultx-raft, whose "
                        + script
                        + " installs it"));
  }

  /**
   * Starts {@code command} with its output (stdout and stderr) going to {@code log}.
   *
   * @param command the process, its folder and environment set; its redirects are replaced
   */
  static ToolProcess start(String name, ProcessBuilder command, Path log) {
    try {
      Process process =
          command
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      ToolProcess tool = new ToolProcess(name, process, log);
      Runtime.getRuntime().addShutdownHook(tool.shutdownHook);
      return tool;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /**
   * Waits until {@code probe} returns a value; if the process exits or the time runs out, stops it
   * and fails with the end of its log.
   *
   * @throws IllegalStateException if the tool does not become ready
   */
  <T> T awaitReady(String what, Duration timeout, Callable<@Nullable T> probe) {
    try {
      return Waits.until(
          what,
          timeout,
          () -> {
            if (!process.isAlive()) {
              throw new IllegalStateException(name + " exited with " + process.exitValue());
            }
            return probe.call();
          });
    } catch (RuntimeException e) {
      close();
      throw new IllegalStateException(
          name + " did not start: " + e.getMessage() + "; the end of " + log + ":\n" + tail(), e);
    }
  }

  /** {@link #awaitReady} until something accepts connections on the loopback {@code port}. */
  void awaitListening(int port, Duration timeout) {
    awaitReady(
        name + " listening on 127.0.0.1:" + port,
        timeout,
        () -> listening(port) ? Boolean.TRUE : null);
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + log + ")";
    }
  }

  /** Stops the tool: SIGTERM, then SIGKILL after 10 seconds. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook does it
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
