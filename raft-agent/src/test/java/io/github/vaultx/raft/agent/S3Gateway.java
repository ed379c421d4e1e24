package io.github.vaultx.raft.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real S3-compatible server for the tests: Versity's S3 gateway over a folder, built by {@code
 * scripts/install-go-tool.sh versitygw} into the tool cache and started on a free loopback port.
 */
final class S3Gateway implements AutoCloseable {
  static final String ACCESS_KEY = "vaultx-test-access";
  static final String SECRET_KEY = "vaultx-test-secret-key";

  private final Process process;
  final int port;

  private S3Gateway(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Installs the gateway if needed and starts it over {@code folder}. */
  static S3Gateway start(Path folder) throws IOException {
    Path binary = install();
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Files.createDirectories(folder);
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
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("versitygw exited: " + process.exitValue());
              }
              try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
              } catch (IOException e) {
                return false;
              }
            });
    return gateway;
  }

  String endpoint() {
    return "127.0.0.1:" + port;
  }

  private static Path install() throws IOException {
    String root = System.getProperty("vaultx.repo.root", "..");
    Path script = Path.of(root).toAbsolutePath().resolve("scripts/install-go-tool.sh");
    Process install =
        new ProcessBuilder(script.toString(), "versitygw")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String out;
    try (InputStream stdout = install.getInputStream()) {
      out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    try {
      if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
        throw new IllegalStateException(script + " versitygw failed; see its message above");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    String[] lines = out.split("\n");
    return Path.of(lines[lines.length - 1].strip());
  }

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
