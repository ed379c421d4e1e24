package io.github.vaultx.raft.agent;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.vaultx.raft.AutoSnapshotStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The agent's HTTP port: the status of a configuration at Vault Enterprise's own path and in its
 * own JSON, so that {@code VaultRaftClient.readRaftAutoSnapshotStatus} pointed at the agent works,
 * {@code /healthz} for a liveness or readiness probe, and {@code /metrics} for Prometheus when the
 * agent publishes to a Prometheus registry. The status wants the agent's status token in {@code
 * X-Vault-Token}; a missing or wrong one gets Vault's 403 answer.
 */
final class StatusServer {
  static final String STATUS_PATH = "/v1/sys/storage/raft/snapshot-auto/status/";

  /** Go's zero time: what Vault sends for "never", and the client reads as absent. */
  private static final String NEVER = "0001-01-01T00:00:00Z";

  private static final JsonAdapter<Map<String, Object>> JSON =
      new Moshi.Builder()
          .build()
          .<Map<String, Object>>adapter(
              Types.newParameterizedType(Map.class, String.class, Object.class))
          .indent("  ");

  private final HttpServer server;
  private final ExecutorService threads;
  private final RaftSnapshotAgent agent;
  private final byte[] token;
  private final @Nullable Supplier<String> scrape;

  private StatusServer(
      HttpServer server, RaftSnapshotAgent agent, byte[] token, @Nullable Supplier<String> scrape) {
    this.server = server;
    this.agent = agent;
    this.token = token;
    this.scrape = scrape;
    // One thread: a status read is a few hundred bytes, and a probe must not pile up threads.
    this.threads = Executors.newSingleThreadExecutor(r -> daemon(r));
    server.setExecutor(threads);
    server.createContext("/", this::handle);
  }

  static StatusServer start(
      InetSocketAddress address,
      String token,
      RaftSnapshotAgent agent,
      @Nullable Supplier<String> scrape) {
    try {
      HttpServer server = HttpServer.create(address, 16);
      StatusServer status =
          new StatusServer(server, agent, token.getBytes(StandardCharsets.UTF_8), scrape);
      server.start();
      return status;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address, e);
    }
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  void stop() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, errors("unsupported operation"));
      } else if (path.equals("/healthz")) {
        health(exchange);
      } else if (path.equals("/metrics") && scrape != null) {
        byte[] text = scrape.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, text.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(text);
        }
      } else if (path.startsWith(STATUS_PATH) && path.length() > STATUS_PATH.length()) {
        status(exchange, path.substring(STATUS_PATH.length()));
      } else {
        send(exchange, 404, errors("unsupported path"));
      }
    }
  }

  private void status(HttpExchange exchange, String name) throws IOException {
    String given = exchange.getRequestHeaders().getFirst("X-Vault-Token");
    if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
      send(exchange, 403, errors("permission denied"));
      return;
    }
    if (!agent.names().contains(name)) {
      send(exchange, 404, errors("no snapshot configuration named " + name));
      return;
    }
    AutoSnapshotStatus status = agent.status(name);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("consecutive_errors", status.consecutiveErrors());
    data.put("last_snapshot_end", time(status.lastSnapshotEnd()));
    data.put("last_snapshot_error", text(status.lastSnapshotError()));
    data.put("last_snapshot_start", time(status.lastSnapshotStart()));
    data.put("last_snapshot_url", text(status.lastSnapshotUrl()));
    data.put("next_snapshot_start", time(status.nextSnapshotStart()));
    data.put("snapshot_start", time(status.snapshotStart()));
    data.put("snapshot_url", text(status.snapshotUrl()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("request_id", UUID.randomUUID().toString());
    body.put("lease_id", "");
    body.put("renewable", false);
    body.put("lease_duration", 0);
    body.put("data", data);
    body.put("wrap_info", null);
    body.put("warnings", null);
    body.put("auth", null);
    send(exchange, 200, body);
  }

  /**
   * Healthy while every configuration stored a snapshot within its last two intervals (or the agent
   * started less than two intervals ago): a probe sees an agent that keeps failing, not only one
   * that died.
   */
  private void health(HttpExchange exchange) throws IOException {
    Instant now = agent.clock().instant();
    Map<String, Object> configurations = new LinkedHashMap<>();
    boolean healthy = agent.running();
    for (String name : agent.names()) {
      Duration allowed = agent.interval(name).multipliedBy(2);
      Instant since = agent.lastSuccess(name);
      Instant done = agent.lastDone(name);
      Instant reference = done == null ? agent.startedAt() : done;
      boolean fresh = reference != null && !reference.plus(allowed).isBefore(now);
      healthy &= fresh;
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("healthy", fresh);
      one.put("last_success", since == null ? null : since.toString());
      one.put("consecutive_errors", agent.status(name).consecutiveErrors());
      configurations.put(name, one);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("healthy", healthy);
    body.put("configurations", configurations);
    send(exchange, healthy ? 200 : 503, body);
  }

  private static Map<String, Object> errors(String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("errors", List.of(message));
    return body;
  }

  private static String time(@Nullable Instant instant) {
    return instant == null ? NEVER : instant.toString();
  }

  private static String text(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static void send(HttpExchange exchange, int status, Map<String, Object> body)
      throws IOException {
    byte[] bytes = (JSON.serializeNulls().toJson(body) + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "vaultx-raft-agent-status");
    thread.setDaemon(true);
    return thread;
  }
}
