package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.internal.MockVault;
import io.github.vaultx.raft.internal.TestSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** The token (and other secrets) never appear in messages, {@code toString()} or logs. */
class SecretsTest {
  static final String TOKEN = "hvs.NEVER-PRINT-ME-5f2c1";
  static final String AWS_SECRET = "AWS-NEVER-PRINT-ME";
  static final String KEY_TEXT = "NEVER-PRINT-THE-KEY";

  @RegisterExtension final MockVault vault = MockVault.create();
  @TempDir Path dir;
  ListAppender<ILoggingEvent> logs;
  Logger logger;

  @BeforeEach
  void start() {
    logger = (Logger) LoggerFactory.getLogger("io.github.vaultx.raft");
    logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(logs);
  }

  /** A client of the mock that reads the token from {@code VAULT_TOKEN}, as users' clients do. */
  VaultRaftClient tokenFromEnvironment() {
    return vault.newClient(
        options -> {
          options.token = null;
          options.environment = Map.of("HOME", vault.home().toString(), "VAULT_TOKEN", TOKEN);
        });
  }

  @Test
  void token_neverAppearsInExceptionsToStringsOrLogs() throws Exception {
    List<String> texts = new ArrayList<>();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (VaultRaftClient client = tokenFromEnvironment()) {
      texts.add(client.toString());
      vault.enqueue(
          new MockResponse()
              .setBody("{\"data\":{\"config\":{\"index\":1,\"servers\":[]}}}")
              .setHeader("Content-Type", "application/json"));
      client.readRaftConfig();

      vault.enqueue(
          new MockResponse()
              .setResponseCode(403)
              .setBody("{\"errors\":[\"" + TOKEN + " denied\"]}"));
      vault.enqueue(new MockResponse().setResponseCode(500).setBody("{\"errors\":[\"boom\"]}"));
      vault.enqueue(new MockResponse().setResponseCode(200).setBody("<html>" + TOKEN));
      vault.enqueue(
          new MockResponse().setBody(new Buffer().write(TestSnapshots.withoutSealedSums())));
      vault.enqueue(
          new MockResponse()
              .setBody(new Buffer().write(new byte[100_000]))
              .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
      vault.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", "/x"));

      collect(texts, () -> client.removeRaftNode("n"));
      collect(texts, client::readRaftAutopilotState);
      collect(texts, client::readRaftConfig);
      collect(texts, () -> client.takeRaftSnapshot(dir.resolve("a.snap")));
      collect(texts, () -> client.takeRaftSnapshot(new ByteArrayOutputStream()));
      collect(texts, client::readRaftAutopilotConfig);
    }
    try (VaultRaftClient refused =
        vault.newClient(
            options -> {
              options.addresses = List.of("http://127.0.0.1:" + closedPort);
              options.token = TOKEN;
            })) {
      collect(texts, refused::readRaftConfig);
    }

    assertThat(texts).hasSizeGreaterThan(6);
    assertThat(texts).noneSatisfy(t -> assertThat(t).contains(TOKEN.substring(4)));
    List<String> logged = new ArrayList<>();
    for (ILoggingEvent event : logs.list) {
      logged.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        logged.add(t.getMessage());
      }
    }
    assertThat(logged)
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "readRaftConfig GET .+:\\d+/v1/sys/storage/raft/configuration -> 200 in \\d+"
                            + " ms"));
    assertThat(logged).noneSatisfy(line -> assertThat(String.valueOf(line)).contains(TOKEN));
  }

  /**
   * Every public operation logs one debug line per exchange with operation, method, node, path,
   * status and time; no line holds the token, a request body (a client key sent to join, the bytes
   * of a restored file) or a snapshot's bytes.
   */
  @Test
  void everyOperation_logsMethodPathStatusAndTime_neverTheTokenOrBodies() throws Exception {
    String fileMarker = "RESTORED-FILE-BYTES-NEVER-LOGGED";
    String snapshotMarker = "SNAPSHOT-BYTES-NEVER-LOGGED";
    Path restoreFile = dir.resolve("restore.snap");
    java.nio.file.Files.writeString(restoreFile, fileMarker);
    byte[] snapshot =
        TestSnapshots.gzipTar(
            Map.of(
                "state.bin",
                snapshotMarker.getBytes(StandardCharsets.UTF_8),
                "SHA256SUMS.sealed",
                new byte[] {1}));
    java.util.concurrent.atomic.AtomicInteger snapshots =
        new java.util.concurrent.atomic.AtomicInteger();
    vault
        .server()
        .setDispatcher(
            new okhttp3.mockwebserver.Dispatcher() {
              @Override
              public MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
                String path = String.valueOf(request.getPath());
                if (request.getMethod().equals("GET") && path.endsWith("/raft/snapshot")) {
                  // A real snapshot first, then plain text that would show if bodies were logged.
                  return new MockResponse()
                      .setBody(
                          snapshots.getAndIncrement() == 0
                              ? new Buffer().write(snapshot)
                              : new Buffer().writeUtf8(snapshotMarker));
                }
                if (!request.getMethod().equals("GET")) {
                  return new MockResponse().setResponseCode(204);
                }
                return new MockResponse()
                    .setResponseCode(400)
                    .setBody("{\"errors\":[\"echo " + TOKEN + "\"]}");
              }
            });
    AutoSnapshotConfig local = AutoSnapshotConfig.local(Duration.ofHours(1), "/b", 0).build();
    Map<String, Runnable> calls = new java.util.LinkedHashMap<>();
    try (VaultRaftClient client = tokenFromEnvironment()) {
      calls.put(
          "joinRaftCluster",
          () ->
              client.joinRaftCluster(
                  RaftJoinRequest.builder("https://leader:8200")
                      .leaderClientCert(
                          "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")
                      .leaderClientKey(
                          "-----BEGIN PRIVATE KEY-----\n"
                              + KEY_TEXT
                              + "\n-----END PRIVATE KEY-----")
                      .build()));
      calls.put("readRaftConfig", client::readRaftConfig);
      calls.put("removeRaftNode", () -> client.removeRaftNode("node-3"));
      calls.put("takeRaftSnapshot", () -> client.takeRaftSnapshot(dir.resolve("out.snap")));
      // The file is plain text that would show if bodies were logged: skip the local check.
      calls.put(
          "restoreRaftSnapshot",
          () -> client.restoreRaftSnapshot(restoreFile, RestoreOption.SKIP_LOCAL_VERIFICATION));
      calls.put(
          "forceRestoreRaftSnapshot",
          () ->
              client.forceRestoreRaftSnapshot(restoreFile, RestoreOption.SKIP_LOCAL_VERIFICATION));
      calls.put("readRaftAutopilotState", client::readRaftAutopilotState);
      calls.put("readRaftAutopilotConfig", client::readRaftAutopilotConfig);
      calls.put(
          "updateRaftAutopilotConfig",
          () ->
              client.updateRaftAutopilotConfig(
                  AutopilotConfig.builder().maxTrailingLogs(500).build()));
      calls.put("readRaftAutoSnapshotStatus", () -> client.readRaftAutoSnapshotStatus("daily"));
      calls.put("readRaftAutoSnapshotConfig", () -> client.readRaftAutoSnapshotConfig("daily"));
      calls.put("listRaftAutoSnapshotConfigs", client::listRaftAutoSnapshotConfigs);
      calls.put(
          "createOrUpdateRaftAutoSnapshotConfig",
          () -> client.createOrUpdateRaftAutoSnapshotConfig("daily", local));
      calls.put("deleteRaftAutoSnapshotConfig", () -> client.deleteRaftAutoSnapshotConfig("daily"));
      calls.put(
          "takeRaftSnapshot(OutputStream)",
          () -> client.takeRaftSnapshot(new ByteArrayOutputStream()));
      calls.put("promoteRaftNode", () -> client.promoteRaftNode("node-3"));
      calls.put("demoteRaftNode", () -> client.demoteRaftNode("node-3"));
      calls.put("bootstrapRaftCluster", client::bootstrapRaftCluster);
      calls.put(
          "loadRaftSnapshot",
          () ->
              client.loadRaftSnapshot(
                  restoreFile,
                  SnapshotProgressListener.NONE,
                  RestoreOption.SKIP_LOCAL_VERIFICATION));
      calls.put("listRaftLoadedSnapshots", client::listRaftLoadedSnapshots);
      calls.put("readRaftLoadedSnapshot", () -> client.readRaftLoadedSnapshot("id-1"));
      calls.put("unloadRaftSnapshot", () -> client.unloadRaftSnapshot("id-1"));
      calls.put("loadRaftAutoSnapshot", () -> client.loadRaftAutoSnapshot("daily", "s3://b/x"));
      calls.put("readFromLoadedSnapshot", () -> client.readFromLoadedSnapshot("id-1", "kv/a"));
      calls.put(
          "recoverFromLoadedSnapshot", () -> client.recoverFromLoadedSnapshot("id-1", "kv/a"));
      for (Runnable call : calls.values()) {
        collect(new ArrayList<>(), call);
      }
    }

    List<String> logged = new ArrayList<>();
    for (ILoggingEvent event : logs.list) {
      logged.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        logged.add(t.getMessage());
      }
    }
    for (String operation : calls.keySet()) {
      String name = operation.replace("(OutputStream)", "");
      assertThat(logged)
          .as("a debug line for %s", operation)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .matches(
                          name
                              + " (GET|POST|DELETE|RECOVER) [^ ]+:\\d+/v1/[^ ]+ -> \\d{3}"
                              + " in \\d+ ms"));
    }
    assertThat(logged)
        .allSatisfy(
            line ->
                assertThat(String.valueOf(line))
                    .doesNotContain(
                        TOKEN, TOKEN.substring(4), KEY_TEXT, fileMarker, snapshotMarker));
  }

  /**
   * A DR operation token goes where Vault reads it (the body of writes, the token header of reads,
   * as Vault's CLI sends them) and nowhere else: no message, {@code toString()} or log line.
   */
  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void drOperationToken_isSentWhereVaultReadsIt_andNeverPrinted(ClientKind kind) throws Exception {
    vault.clients(kind);
    var server = vault.server();
    String drSecret = "DR-NEVER-PRINT-ME-77a1";
    DrOperationToken dr = DrOperationToken.of(drSecret);
    List<String> texts = new ArrayList<>();
    texts.add(dr.toString());
    try (VaultRaftClient client = tokenFromEnvironment()) {
      for (int i = 0; i < 5; i++) {
        server.enqueue(
            new MockResponse()
                .setResponseCode(403)
                .setBody("{\"errors\":[\"" + drSecret + " permission denied\"]}"));
      }
      collect(texts, () -> client.readRaftConfig(dr));
      collect(texts, () -> client.removeRaftNode("node-3", dr));
      collect(texts, () -> client.readRaftAutopilotState(dr));
      collect(texts, () -> client.readRaftAutopilotConfig(dr));
      collect(
          texts,
          () ->
              client.updateRaftAutopilotConfig(
                  AutopilotConfig.builder().maxTrailingLogs(500).build(), dr));
    }
    okhttp3.mockwebserver.RecordedRequest peers = server.takeRequest();
    assertThat(peers.getMethod()).isEqualTo("POST");
    assertThat(JsonMaps.parse(peers.getBody().readUtf8()))
        .isEqualTo(Map.of("dr_operation_token", drSecret));
    okhttp3.mockwebserver.RecordedRequest remove = server.takeRequest();
    okhttp3.mockwebserver.RecordedRequest state = server.takeRequest();
    okhttp3.mockwebserver.RecordedRequest config = server.takeRequest();
    okhttp3.mockwebserver.RecordedRequest update = server.takeRequest();
    assertThat(JsonMaps.parse(remove.getBody().readUtf8()))
        .isEqualTo(Map.of("server_id", "node-3", "dr_operation_token", drSecret));
    assertThat(remove.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
    for (okhttp3.mockwebserver.RecordedRequest read : List.of(state, config)) {
      assertThat(read.getHeader("X-Vault-Token")).isEqualTo(drSecret);
      assertThat(read.getRequestUrl().query()).isNull();
    }
    assertThat(JsonMaps.parse(update.getBody().readUtf8()))
        .isEqualTo(Map.of("max_trailing_logs", 500.0, "dr_operation_token", drSecret));

    assertThat(texts).hasSize(11);
    assertThat(texts).noneSatisfy(t -> assertThat(t).contains(drSecret));
    List<String> logged = new ArrayList<>();
    for (ILoggingEvent event : logs.list) {
      logged.add(event.getFormattedMessage());
    }
    assertThat(logged).noneSatisfy(line -> assertThat(String.valueOf(line)).contains(drSecret));
    assertThatThrownBy(() -> DrOperationToken.of("caf\u00e9-" + drSecret))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(drSecret);
  }

  /** Exceptions print their message, every cause and the stack: none may hold the token. */
  private static void collect(List<String> texts, Runnable call) {
    try {
      call.run();
      texts.add("no exception");
    } catch (RuntimeException e) {
      ByteArrayOutputStream trace = new ByteArrayOutputStream();
      e.printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));
      texts.add(e.toString());
      texts.add(trace.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void secretsInValues_neverAppearInToString() {
    AutoSnapshotConfig s3 =
        AutoSnapshotConfig.awsS3(Duration.ofHours(1), "raft", "bucket", "eu-west-1")
            .credentials("AKIA-visible", AWS_SECRET)
            .sessionToken(AWS_SECRET)
            .parameter("aws_future_secret", AWS_SECRET)
            .build();
    AutoSnapshotConfig gcs =
        AutoSnapshotConfig.googleGcs(Duration.ofHours(1), "raft/", "bucket")
            .serviceAccountKey(AWS_SECRET)
            .parameter("google_future_option", AWS_SECRET)
            .build();
    AutoSnapshotConfig azure =
        AutoSnapshotConfig.azureBlob(Duration.ofHours(1), "raft/", "container")
            .sharedKey("acct", AWS_SECRET)
            .build();
    RaftJoinRequest join =
        RaftJoinRequest.builder("https://leader:8200")
            .leaderClientCert("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")
            .leaderClientKey(
                "-----BEGIN PRIVATE KEY-----\n" + KEY_TEXT + "\n-----END PRIVATE KEY-----")
            .build();

    assertThat(s3.toString()).doesNotContain(AWS_SECRET).contains("AKIA-visible", "****");
    assertThat(gcs.toString()).doesNotContain(AWS_SECRET).contains("bucket");
    assertThat(azure.toString()).doesNotContain(AWS_SECRET).contains("acct");
    for (AutoSnapshotConfig config : List.of(s3, gcs, azure)) {
      assertThat(config.toRedactedVaultParameters().toString()).doesNotContain(AWS_SECRET);
      assertThat(config.toVaultParameters().toString()).contains(AWS_SECRET);
    }
    assertThat(join.toString()).doesNotContain(KEY_TEXT).contains("leaderClientKey=****");
  }
}
