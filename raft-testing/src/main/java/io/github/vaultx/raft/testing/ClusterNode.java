package io.github.vaultx.raft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One server process of the test cluster: its ports, folder, log and process (started, signalled).
 */
final class ClusterNode {
  final int index;
  final String nodeId;
  final int apiPort;
  final int clusterPort;

  /** The port of the node's fault-proxy link, or 0 when the cluster has no fault proxy. */
  final int proxyPort;

  final Path dir;
  final Path config;
  final Path log;
  private final @Nullable ClusterTls tls;
  private @Nullable Process process;

  ClusterNode(
      int index, int apiPort, int clusterPort, int proxyPort, Path dir, @Nullable ClusterTls tls) {
    this.tls = tls;
    this.proxyPort = proxyPort;
    this.index = index;
    this.nodeId = "node-" + index;
    this.apiPort = apiPort;
    this.clusterPort = clusterPort;
    this.dir = dir;
    this.config = dir.resolve("config.hcl");
    this.log = dir.resolve("server.log");
  }

  String apiAddress() {
    return (tls == null ? "http" : "https") + "://127.0.0.1:" + apiPort;
  }

  /** The address clients reach the node at through its fault-proxy link. */
  String proxiedAddress() {
    if (proxyPort == 0) {
      throw new IllegalStateException(
          "the cluster has no fault proxy: start it with LocalRaftCluster.builder().faultProxies()");
    }
    return (tls == null ? "http" : "https") + "://127.0.0.1:" + proxyPort;
  }

  /**
   * The node's {@code api_addr}, where standbys redirect clients to: its fault-proxy link when
   * there is one, so that a redirected client stays behind the proxy too.
   */
  String advertisedAddress() {
    return proxyPort == 0 ? apiAddress() : proxiedAddress();
  }

  URI uri() {
    return URI.create(apiAddress());
  }

  @Nullable ClusterTls tls() {
    return tls;
  }

  synchronized void start(Path binary) {
    if (alive()) {
      throw new IllegalStateException(nodeId + " is already running");
    }
    ProcessBuilder builder =
        new ProcessBuilder(binary.toString(), "server", "-config=" + config)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // The server reads VAULT_* / BAO_* (VAULT_API_ADDR, BAO_ADDR...) over its config.
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("VAULT_") || name.startsWith("BAO_"));
    // A restore writes the uploaded snapshot's data to a temp file in the server's TMPDIR before
    // applying it; a node killed meanwhile would leave it in /tmp. Under the node's directory it
    // goes when the cluster's directory does.
    Path tmp = dir.resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + tmp, e);
    }
    builder.environment().put("TMPDIR", tmp.toString());
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException(nodeId + " was never started");
    }
    return process.pid();
  }

  /** SIGTERM, then SIGKILL if the process is still there after {@code grace}. */
  void stop(Duration grace) {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    awaitExit(p, grace);
  }

  /** Sends SIGTERM without waiting, so several nodes can stop at once. */
  synchronized void signalStop() {
    if (process != null) {
      process.destroy();
    }
  }

  /** SIGKILL, then waits for the exit. */
  void kill() {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p != null) {
      p.destroyForcibly();
      awaitExit(p, Duration.ofSeconds(10));
    }
  }

  void awaitExit(Duration grace) {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p != null) {
      awaitExit(p, grace);
    }
  }

  private void awaitExit(Process p, Duration grace) {
    try {
      if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException(nodeId + " (pid " + p.pid() + ") did not die");
        }
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Sends a signal by name ({@code STOP}, {@code CONT}) with the {@code kill} command. */
  void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + nodeId + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  String logTail(int lines) {
    try {
      if (!Files.exists(log)) {
        return "(no log)";
      }
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }
}
