package io.github.vaultx.raft.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The training run behind the command line's class-data-sharing archive: the build runs it once
 * with {@code -XX:DumpLoadedClassList}, dumps the classes it loaded into a static archive, and
 * {@code bin/vaultx-raft} starts the JVM with that archive, so the classes a command needs are
 * mapped instead of loaded, parsed and verified again.
 *
 * <p>It runs the usage and the commands people run most (list-peers, autopilot, snapshot save and
 * restore, an error answer, table and JSON output) against a throwaway server on 127.0.0.1 that
 * answers like Vault, so the archive holds what those commands really load, and nothing else. Not a
 * command of the CLI: it lives in the test sources, so the published jar does not carry it, and
 * only the build's package phase calls it.
 */
final class CdsTraining {
  private CdsTraining() {}

  /**
   * Runs the commands against the throwaway server and exits 0, or 1 if any failed.
   *
   * @param args ignored
   */
  public static void main(String[] args) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", CdsTraining::answer);
    server.start();
    Path dir = Files.createTempDirectory("vaultx-raft-cds");
    int failures = 0;
    try {
      String address = "http://127.0.0.1:" + server.getAddress().getPort();
      Map<String, String> env =
          Map.of("VAULT_ADDR", address, "VAULT_TOKEN", "training", "HOME", dir.toString());
      Path file = dir.resolve("training.snap");
      String[][] commands = {
        {"--help"},
        {"list-peers"},
        {"list-peers", "-format=json"},
        {"autopilot", "state"},
        {"autopilot", "get-config", "-format=json"},
        {"snapshot", "save", file.toString()},
        {"snapshot", "restore", file.toString()},
        {"snapshot", "inspect", "-details", file.toString()},
        {"auto-snapshot", "list"},
      };
      for (String[] command : commands) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        VaultRaftCli.Runtime runtime =
            new VaultRaftCli.Runtime(
                env,
                new PrintWriter(out),
                new PrintWriter(err),
                false,
                VaultRaftCli.Runtime::openClient);
        int code = VaultRaftCli.run(runtime, command);
        // auto-snapshot answers "unsupported path" here as on an open-source server: exit 1.
        int expected = command[0].equals("auto-snapshot") ? 1 : 0;
        if (code != expected) {
          System.err.println(
              "cds training: " + String.join(" ", command) + " exited " + code + ": " + err);
          failures++;
        }
      }
    } finally {
      server.stop(0);
      try (var files = Files.list(dir)) {
        for (Path path : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(path);
        }
      }
      Files.deleteIfExists(dir);
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  private static void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
    switch (path) {
      case "/v1/sys/storage/raft/configuration" -> json(exchange, 200, CONFIGURATION);
      case "/v1/sys/storage/raft/autopilot/state" -> json(exchange, 200, AUTOPILOT_STATE);
      case "/v1/sys/storage/raft/autopilot/configuration" -> json(exchange, 200, AUTOPILOT_CONFIG);
      case "/v1/sys/storage/raft/snapshot" -> {
        if (exchange.getRequestMethod().equals("GET")) {
          send(exchange, 200, "application/gzip", snapshot());
        } else {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        }
      }
      default ->
          json(exchange, 404, "{\"errors\":[\"1 error occurred:\\n\\t* unsupported path\\n\\n\"]}");
    }
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * A small intact snapshot shaped like the servers write it (meta.json, state.bin of delimited
   * storage entries, SHA256SUMS, a non-empty SHA256SUMS.sealed), so that restore's local check and
   * inspect pass and their classes are archived too.
   */
  private static byte[] snapshot() throws IOException {
    ByteArrayOutputStream state = new ByteArrayOutputStream();
    for (int i = 0; i < 100; i++) {
      ByteArrayOutputStream entry = new ByteArrayOutputStream();
      byte[] key = ("logical/training/key-" + i).getBytes(StandardCharsets.UTF_8);
      byte[] value = new byte[1000];
      entry.write(0x0a);
      varint(entry, key.length);
      entry.write(key);
      entry.write(0x12);
      varint(entry, value.length);
      entry.write(value);
      varint(state, entry.size());
      entry.writeTo(state);
    }
    byte[] stateBin = state.toByteArray();
    byte[] meta =
        ("{\"Version\":1,\"ID\":\"bolt-snapshot\",\"Index\":61,\"Term\":2,\"Peers\":null,"
                + "\"Configuration\":{\"Servers\":[{\"Suffrage\":0,\"ID\":\"node1\","
                + "\"Address\":\"127.0.0.1:8201\"}]},\"ConfigurationIndex\":1,\"Size\":"
                + stateBin.length
                + "}\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] sums =
        (sha256(meta) + "  meta.json\n" + sha256(stateBin) + "  state.bin\n")
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      entry(gzip, "meta.json", meta);
      entry(gzip, "state.bin", stateBin);
      entry(gzip, "SHA256SUMS", sums);
      entry(gzip, "SHA256SUMS.sealed", "sealed".getBytes(StandardCharsets.UTF_8));
      gzip.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void entry(OutputStream out, String name, byte[] content) throws IOException {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, "00000000000");
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    out.write(header);
    out.write(content);
    out.write(new byte[(512 - content.length % 512) % 512]);
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, offset, b.length);
  }

  private static final String CONFIGURATION =
      "{\"request_id\":\"t\",\"data\":{\"config\":{\"servers\":["
          + "{\"node_id\":\"node1\",\"address\":\"127.0.0.1:8201\",\"leader\":true,"
          + "\"protocol_version\":\"3\",\"voter\":true},"
          + "{\"node_id\":\"node2\",\"address\":\"127.0.0.1:8211\",\"leader\":false,"
          + "\"protocol_version\":\"3\",\"voter\":true}],\"index\":0}}}";

  private static final String AUTOPILOT_STATE =
      "{\"request_id\":\"t\",\"data\":{\"failure_tolerance\":0,\"healthy\":true,"
          + "\"leader\":\"node1\",\"servers\":{\"node1\":{\"id\":\"node1\",\"name\":\"node1\","
          + "\"address\":\"127.0.0.1:8201\",\"node_status\":\"alive\",\"last_contact\":\"0s\","
          + "\"last_term\":3,\"last_index\":50,\"healthy\":true,"
          + "\"stable_since\":\"2026-12-02T01:25:03.965014079Z\",\"status\":\"leader\","
          + "\"version\":\"2.7.2\",\"node_type\":\"voter\"}},\"voters\":[\"node1\"]}}";

  private static final String AUTOPILOT_CONFIG =
      "{\"request_id\":\"t\",\"data\":{\"cleanup_dead_servers\":false,"
          + "\"dead_server_last_contact_threshold\":\"24h0m0s\",\"last_contact_threshold\":\"10s\","
          + "\"max_trailing_logs\":1000,\"min_quorum\":0,\"server_stabilization_time\":\"10s\"}}";
}
