package io.github.vaultx.raft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.snapshot.RaftSnapshots;
import io.github.vaultx.raft.testing.AzuriteServer;
import io.github.vaultx.raft.testing.GcsEmulator;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bin/vaultx-raft snapshot agent -config=FILE} as an operator runs it, against a real
 * cluster: it stores verified snapshots until SIGTERM, then stops, leaving only complete ones.
 */
class SnapshotAgentCliIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(1);

  @TempDir Path dir;

  @Test
  void agent_fromTheLauncher_storesSnapshotsUntilSigterm_andLeavesNoPartialFile() throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    Path backups = Files.createDirectories(dir.resolve("backups"));
    Path config = everySecondToLocalFiles(backups);
    Process agent = startAgent(cluster, config, "-status-address=127.0.0.1:0");
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> stored(backups).size() >= 3);
      Matcher url =
          Pattern.compile("status on (http://127\\.0\\.0\\.1:\\d+)")
              .matcher(Files.readString(dir.resolve("agent.log"), StandardCharsets.UTF_8));
      assertThat(url.find()).as("the agent prints its status address").isTrue();
      // The library's own client reads the agent's status as it reads Vault Enterprise's.
      try (VaultRaftClient reader = statusClient(url.group(1))) {
        AutoSnapshotStatus status = reader.readRaftAutoSnapshotStatus("every-second");
        assertThat(status.consecutiveErrors()).isZero();
        assertThat(status.lastSnapshotUrl()).startsWith(backups.toString()).endsWith(".snap");
      }
      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url.group(1) + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body())
          .containsPattern(
              "vault_autosnapshots_save_duration_seconds_count\\{snapshot_config_name=\"every-second\"\\} [1-9]");
    } finally {
      agent.destroy(); // SIGTERM
    }
    assertThat(agent.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(dir.resolve("agent.log"), StandardCharsets.UTF_8);
    assertThat(log)
        .contains("snapshot agent running: every-second")
        .doesNotContain(cluster.rootToken());
    // The JVM exits 143 on SIGTERM once the shutdown hook has stopped the agent.
    assertThat(agent.exitValue()).as(log).isEqualTo(143);

    List<Path> left = stored(backups);
    assertThat(left).hasSizeBetween(1, 3);
    for (Path snapshot : left) {
      assertThat(RaftSnapshots.verify(snapshot).intact()).isTrue();
    }
    try (Stream<Path> all = Files.list(backups)) {
      assertThat(all.map(p -> p.getFileName().toString()))
          .as("nothing but complete snapshots")
          .allMatch(name -> name.matches("cli-\\d+\\.snap"));
    }
  }

  /**
   * {@code -lease-path}: the launcher reaches the lease like the client (the same {@code
   * VAULT_ADDR} and {@code VAULT_TOKEN}), claims its slots in the KV version 2 document under its
   * {@code -lease-holder} name, and never prints the token.
   */
  @Test
  void agent_withALeasePath_claimsItsSlotsInTheKvDocument() throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    cluster.enableSecretsEngine("cli-lease", "kv", Map.of("version", "2"));
    Path backups = Files.createDirectories(dir.resolve("backups"));
    Path config = everySecondToLocalFiles(backups);
    Process agent =
        startAgent(cluster, config, "-lease-path=cli-lease/agents", "-lease-holder=cli-1");
    Map<?, ?> lease;
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> stored(backups).size() >= 2);
      lease =
          (Map<?, ?>)
              cluster
                  .sys()
                  .send(
                      "GET",
                      URI.create(cluster.leaderAddress()),
                      "cli-lease/data/agents/every-second",
                      cluster.rootToken(),
                      null)
                  .expect(200)
                  .data()
                  .get("data");
    } finally {
      agent.destroy(); // SIGTERM
    }
    assertThat(agent.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(dir.resolve("agent.log"), StandardCharsets.UTF_8);
    assertThat(lease.get("holder")).as(log).isEqualTo("cli-1");
    assertThat(((Number) lease.get("slot")).longValue()).isPositive();
    assertThat(log).doesNotContain(cluster.rootToken());
    assertThat(agent.exitValue()).as(log).isEqualTo(143);
  }

  /**
   * The launcher's jar carries the Google and Azure SDKs: the agent it runs stores to
   * fake-gcs-server ({@code google-gcs}) and Azurite ({@code azure-blob}) from the real cluster,
   * and the object its status names is a verified snapshot.
   */
  @ParameterizedTest
  @ValueSource(strings = {"google-gcs", "azure-blob"})
  void agent_fromTheLauncher_storesAVerifiedSnapshotInTheCloudEmulator(String storageType)
      throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    Path emulatorDir = Files.createDirectories(dir.resolve("emulator"));
    boolean gcs = storageType.equals("google-gcs");
    try (AutoCloseable emulator =
        gcs
            ? GcsEmulator.start(emulatorDir.resolve("fake-gcs-server.log"))
            : AzuriteServer.start(emulatorDir)) {
      String parameters;
      if (emulator instanceof GcsEmulator fake) {
        fake.createBucket("snapshots");
        parameters =
            "\"google_gcs_bucket\": \"snapshots\", \"google_endpoint\": \""
                + fake.endpoint()
                + "\", \"google_disable_tls\": true, \"google_service_account_key\": "
                + quote(fake.serviceAccountKey());
      } else {
        AzuriteServer azurite = (AzuriteServer) emulator;
        azure(azurite).createBlobContainer("snapshots");
        parameters =
            "\"azure_container_name\": \"snapshots\", \"azure_account_name\": \""
                + AzuriteServer.ACCOUNT_NAME
                + "\", \"azure_account_key\": \""
                + AzuriteServer.ACCOUNT_KEY
                + "\", \"azure_endpoint\": \""
                + azurite.accountUrl()
                + "\"";
      }
      Path config = dir.resolve("agent.json");
      Files.writeString(
          config,
          "{\"cloud\": {\"storage_type\": \""
              + storageType
              + "\", \"interval\": \"2s\", \"retain\": 2, \"path_prefix\": \"vault/\","
              + " \"file_prefix\": \"cli\", "
              + parameters
              + "}}");
      Process agent = startAgent(cluster, config, "-status-address=127.0.0.1:0");
      String stored;
      try {
        Pattern address = Pattern.compile("status on (http://127\\.0\\.0\\.1:\\d+)");
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> address.matcher(log()).find() || !agent.isAlive());
        Matcher url = address.matcher(log());
        assertThat(url.find()).as(log()).isTrue();
        try (VaultRaftClient reader = statusClient(url.group(1))) {
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> reader.readRaftAutoSnapshotStatus("cloud").lastSnapshotUrl() != null);
          AutoSnapshotStatus status = reader.readRaftAutoSnapshotStatus("cloud");
          assertThat(status.consecutiveErrors()).as(log()).isZero();
          stored = status.lastSnapshotUrl();
        }
      } finally {
        agent.destroy(); // SIGTERM
      }
      assertThat(agent.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String scheme = gcs ? "gs" : "azure";
      assertThat(stored).matches(scheme + "://snapshots/vault/cli-\\d+\\.snap");
      String name = stored.substring((scheme + "://snapshots/").length());
      Path copy = dir.resolve("downloaded.snap");
      if (emulator instanceof GcsEmulator fake) {
        Storage storage =
            StorageOptions.newBuilder()
                .setHost("http://" + fake.endpoint())
                .setProjectId("vaultx-test")
                .setCredentials(NoCredentials.getInstance())
                .build()
                .getService();
        try {
          storage.downloadTo(BlobId.of("snapshots", name), copy);
        } finally {
          storage.close();
        }
      } else {
        azure((AzuriteServer) emulator)
            .getBlobContainerClient("snapshots")
            .getBlobClient(name)
            .downloadToFile(copy.toString());
      }
      assertThat(RaftSnapshots.verify(copy).intact()).as(name).isTrue();
      assertThat(log()).doesNotContain(cluster.rootToken());
    }
  }

  /** An agent configuration that saves every second into {@code backups} as {@code cli-*.snap}. */
  private Path everySecondToLocalFiles(Path backups) throws Exception {
    return Files.writeString(
        dir.resolve("agent.json"),
        "{\"every-second\": {\"storage_type\": \"local\", \"interval\": \"1s\", \"retain\": 3,"
            + " \"path_prefix\": \""
            + backups
            + "\", \"file_prefix\": \"cli\", \"local_max_space\": 1073741824}}");
  }

  /**
   * Starts {@code bin/vaultx-raft snapshot agent -config=CONFIG FLAGS} as an operator would, with
   * the cluster's address and token in the environment, a status token for {@code -status-address},
   * and its output in {@code agent.log}.
   */
  private Process startAgent(LocalRaftCluster cluster, Path config, String... flags)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.addAll(List.of(Path.of("..", "bin", "vaultx-raft").toString(), "snapshot", "agent"));
    command.add("-config=" + config);
    command.addAll(List.of(flags));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("VAULT_ADDR", cluster.leaderAddress());
    builder.environment().put("VAULT_TOKEN", cluster.rootToken());
    builder.environment().put("VAULTX_AGENT_STATUS_TOKEN", "status-token");
    return builder.start();
  }

  /** The library's client of the agent's status address, with the status token. */
  private static VaultRaftClient statusClient(String address) {
    return VaultRaftClient.builder()
        .address(address)
        .token("status-token")
        .environment(Map.of())
        .build();
  }

  private String log() throws Exception {
    return Files.readString(dir.resolve("agent.log"), StandardCharsets.UTF_8);
  }

  private static BlobServiceClient azure(AzuriteServer azurite) {
    return new BlobServiceClientBuilder()
        .endpoint(azurite.accountUrl())
        .credential(
            new StorageSharedKeyCredential(AzuriteServer.ACCOUNT_NAME, AzuriteServer.ACCOUNT_KEY))
        .buildClient();
  }

  /** A JSON string literal. */
  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  static List<Path> stored(Path backups) throws Exception {
    try (Stream<Path> files = Files.list(backups)) {
      return files.filter(p -> p.getFileName().toString().matches("cli-\\d+\\.snap")).toList();
    }
  }
}
