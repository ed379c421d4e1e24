package io.github.vaultx.raft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for tests: Versity's S3 gateway ({@code versitygw}) serving a folder
 * on a free loopback port, a stand-in for Amazon S3 that any S3 client can use (path-style
 * addressing, plain http, region {@code us-east-1}, the keys {@link #ACCESS_KEY} and {@link
 * #SECRET_KEY}). A bucket is a sub-folder; create it with your client.
 *
 * <pre>{@code
 * try (S3Gateway s3 = S3Gateway.start(tempDir)) {
 *   // point the code under test at "http://" + s3.endpoint()
 * }
 * }</pre>
 *
 * <p>The binary: the variable {@code VAULTX_VERSITYGW_BIN}, else, in a checkout of vaultx-raft,
 * {@code scripts/install-go-tool.sh versitygw}, which builds the pinned release from its Go module
 * once into the tool cache.
 */
public final class S3Gateway implements AutoCloseable {
  /** The access key id the gateway accepts. */
  public static final String ACCESS_KEY = "vaultx-test-access";

  /** The secret key the gateway accepts (a test value, not a secret). */
  public static final String SECRET_KEY = "vaultx-test-secret-key";

  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

  private final Process process;
  private final int port;

  private S3Gateway(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Builds the gateway if needed and starts it over {@code folder}; its log goes beside the folder.
   *
   * @param folder where the buckets are kept; created if missing
   * @return the running gateway; close it
   * @throws IllegalStateException if the binary cannot be had or the gateway does not start
   */
  public static S3Gateway start(Path folder) {
    Path binary = binary();
    try {
      Files.createDirectories(folder);
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      Process process =
          new ProcessBuilder(
                  binary.toString(),
                  "--access",
                  ACCESS_KEY,
                  "--secret",
                  SECRET_KEY,
                  "--port",
                  "127.0.0.1:" + port,
                  "posix",
                  folder.toString())
              .redirectErrorStream(true)
              .redirectOutput(folder.resolveSibling(folder.getFileName() + ".log").toFile())
              .start();
      S3Gateway gateway = new S3Gateway(process, port);
      try {
        Waits.until(
            "versitygw listening on 127.0.0.1:" + port,
            Duration.ofSeconds(30),
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("versitygw exited with " + process.exitValue());
              }
              return listening(port) ? Boolean.TRUE : null;
            });
      } catch (RuntimeException e) {
        gateway.close();
        throw e;
      }
      return gateway;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start versitygw", e);
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path binary() {
    String variable = System.getenv("VAULTX_VERSITYGW_BIN");
    if (variable != null && !variable.isBlank()) {
      return Path.of(variable.trim()).toAbsolutePath();
    }
    return InstallScript.find(InstallScript.GO_TOOL)
        .map(script -> InstallScript.run(script, List.of("versitygw"), BUILD_TIMEOUT, List.of()))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no versitygw binary: set VAULTX_VERSITYGW_BIN to its path, or run the tests"
                        + " in a checkout of vaultx-raft, whose scripts/install-go-tool.sh builds"
                        + " it"));
  }

  /**
   * Returns where the gateway listens.
   *
   * @return {@code 127.0.0.1:PORT}, without a scheme (it speaks plain http)
   */
  public String endpoint() {
    return "127.0.0.1:" + port;
  }

  /** Stops the gateway (SIGTERM, then SIGKILL after 10 seconds). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
