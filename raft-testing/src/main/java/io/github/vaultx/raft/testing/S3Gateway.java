package io.github.vaultx.raft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

  private final ToolProcess process;
  private final int port;

  private S3Gateway(ToolProcess process, int port) {
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
    Path binary =
        ToolProcess.binary(
            "versitygw", "VAULTX_VERSITYGW_BIN", InstallScript.GO_TOOL, List.of("versitygw"));
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder, e);
    }
    int port = FreePorts.take(1, List.of()).get(0);
    ProcessBuilder command =
        new ProcessBuilder(
            binary.toString(),
            "--access",
            ACCESS_KEY,
            "--secret",
            SECRET_KEY,
            "--port",
            "127.0.0.1:" + port,
            "posix",
            folder.toString());
    ToolProcess process =
        ToolProcess.start(
            "versitygw", command, folder.resolveSibling(folder.getFileName() + ".log"));
    process.awaitListening(port, Duration.ofSeconds(30));
    return new S3Gateway(process, port);
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
    process.close();
  }
}
