package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.internal.MockVault;
import io.github.vaultx.raft.testing.VaultResponses;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every method against MockWebServer: the exact request, the parsed result, the errors. */
@ParameterizedClass
@EnumSource(ClientKind.class)
class VaultRaftClientTest {
  static final String TOKEN = "hvs.TEST-TOKEN-abcdef123456";
  static final String UNSUPPORTED =
      "{\"errors\":[\"1 error occurred:\\n\\t* unsupported path\\n\\n\"]}";

  @RegisterExtension final MockVault vault;

  VaultRaftClientTest(ClientKind kind) {
    vault = MockVault.create().configure(o -> o.token = TOKEN).clients(kind);
  }

  static MockResponse json(int status, String body) {
    return VaultResponses.json(status, body);
  }

  static String envelope(String data) {
    return "{\"request_id\":\"r\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,"
        + "\"data\":"
        + data
        + ",\"wrap_info\":null,\"warnings\":null,\"auth\":null,\"mount_type\":\"system\"}";
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = vault.server().takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  // ---- join ----

  @Test
  void joinRaftCluster_sendsLeaderAddressWithoutToken_andReadsJoined() throws Exception {
    vault.enqueue(json(200, "{\"joined\":true}"));

    boolean joined = vault.client().joinRaftCluster("https://vault-0.example.com:8200");

    assertThat(joined).isTrue();
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/join");
    assertThat(request.getHeader("X-Vault-Token")).isNull();
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(request.getBody().readUtf8())
        .isEqualTo("{\"leader_api_addr\":\"https://vault-0.example.com:8200\"}");
  }

  @Test
  void joinRaftCluster_withRequest_sendsOnlyTheFieldsSet() throws Exception {
    vault.enqueue(json(200, "{\"joined\":false}"));
    RaftJoinRequest request =
        RaftJoinRequest.builder("https://vault-0.example.com:8200")
            .retry(true)
            .leaderCaCert("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
            .leaderTlsServerName("vault-0.example.com")
            .autoJoinScheme("https")
            .autoJoinPort(8200)
            .nonVoter(true)
            .build();

    boolean joined = vault.client().joinRaftCluster(request);

    assertThat(joined).isFalse();
    assertThat(JsonMaps.parse(take().getBody().readUtf8()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "leader_api_addr", "https://vault-0.example.com:8200",
                "retry", true,
                "leader_ca_cert", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                "leader_tls_servername", "vault-0.example.com",
                "auto_join_scheme", "https",
                "auto_join_port", 8200.0,
                "non_voter", true));
  }

  @Test
  void joinRaftCluster_onAlreadyJoinedNode_throwsInvalidRequestException() {
    vault.enqueue(json(400, "{\"errors\":[\"node is already joined\"]}"));
    assertThatThrownBy(() -> vault.client().joinRaftCluster("http://10.0.0.1:8200"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("400 on POST /v1/sys/storage/raft/join: node is already joined");
  }

  // ---- configuration ----

  @Test
  void readRaftConfig_sendsTokenAndParsesServers() throws Exception {
    vault.enqueue(
        json(
            200,
            envelope(
                "{\"config\":{\"index\":42,\"servers\":["
                    + "{\"node_id\":\"node-1\",\"address\":\"127.0.0.1:8201\",\"leader\":true,"
                    + "\"voter\":true,\"protocol_version\":\"3\"},"
                    + "{\"node_id\":\"node-2\",\"address\":\"127.0.0.1:8211\",\"leader\":false,"
                    + "\"voter\":false,\"protocol_version\":\"3\"}]}}")));

    RaftConfiguration config = vault.client().readRaftConfig();

    assertThat(config.index()).isEqualTo(42);
    assertThat(config.servers())
        .containsExactly(
            new RaftServer("node-1", "127.0.0.1:8201", true, true, "3"),
            new RaftServer("node-2", "127.0.0.1:8211", false, false, "3"));
    assertThat(config.leader()).extracting(RaftServer::nodeId).isEqualTo("node-1");
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/configuration");
    assertThat(request.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
    assertThat(request.getHeader("X-Vault-Namespace")).isNull();
  }

  @Test
  void readRaftConfig_onSealedNode_throwsVaultSealedException() {
    vault.enqueue(json(503, "{\"errors\":[\"Vault is sealed\"]}"));
    // The client asks a sealed node's sys/seal-status whether it was removed: it was not.
    vault.enqueue(json(200, "{\"sealed\":true,\"removed_from_cluster\":false}"));
    assertThatThrownBy(() -> vault.client().readRaftConfig())
        .isInstanceOf(VaultSealedException.class)
        .hasMessage("503 on GET /v1/sys/storage/raft/configuration: Vault is sealed");
  }

  @Test
  void readRaftConfig_withoutData_throwsVaultClientExceptionForMalformedBody() {
    vault.enqueue(json(200, "{\"request_id\":\"r\"}"));
    assertThatThrownBy(() -> vault.client().readRaftConfig())
        .isExactlyInstanceOf(VaultClientException.class)
        .hasMessageStartingWith(
            "malformed response body on GET /v1/sys/storage/raft/configuration");
  }

  @Test
  void readRaftConfig_withNonJsonBody_throwsVaultClientException() {
    vault.enqueue(json(200, "<html>proxy</html>"));
    assertThatThrownBy(() -> vault.client().readRaftConfig())
        .isExactlyInstanceOf(VaultClientException.class)
        .hasMessageContaining("malformed response body");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "400|{\"errors\":[\"bad\"]}|InvalidRequestException",
        "403|{\"errors\":[\"permission denied\"]}|PermissionDeniedException",
        "404|{\"errors\":[]}|NotFoundException",
        "429|{\"errors\":[\"rate limit quota exceeded\"]}|RateLimitedException",
        "500|{\"errors\":[\"internal error\"]}|VaultUnavailableException",
        "502|not json|VaultUnavailableException",
        "503|{\"errors\":[\"Vault is sealed\"]}|VaultSealedException",
        "503|{\"errors\":[\"local node not active but active cluster node not found\"]}|StandbyNodeException",
        "307|{}|StandbyNodeException"
      })
  void readRaftConfig_errorStatus_mapsToTypedException(int status, String body, String type) {
    vault.enqueue(json(status, body).setHeader("Location", "http://elsewhere:8200/v1/x"));
    // For the sealed row: the sys/seal-status the client asks, a node not removed.
    vault.enqueue(json(200, "{\"sealed\":true,\"removed_from_cluster\":false}"));
    assertThatThrownBy(() -> vault.client().readRaftConfig())
        .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo(type))
        .isInstanceOfSatisfying(
            VaultServerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(status);
              assertThat(e.path()).isEqualTo("/v1/sys/storage/raft/configuration");
              assertThat(e.method()).isEqualTo("GET");
            });
  }

  @Test
  void readRaftConfig_whenRateLimited_exposesRetryAfter() {
    vault.enqueue(json(429, "{\"errors\":[\"quota\"]}").setHeader("Retry-After", "3"));
    assertThatThrownBy(() -> vault.client().readRaftConfig())
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
  }

  // ---- remove peer ----

  @Test
  void removeRaftNode_postsNodeId_andAccepts204() throws Exception {
    vault.enqueue(new MockResponse().setResponseCode(204));

    vault.client().removeRaftNode("i-somenodeid");

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/remove-peer");
    assertThat(request.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
    assertThat(request.getBody().readUtf8()).isEqualTo("{\"server_id\":\"i-somenodeid\"}");
  }

  @Test
  void removeRaftNode_accepts200WithBodyToo() {
    vault.enqueue(json(200, envelope("null")));
    vault.client().removeRaftNode("node-3");
    assertThat(vault.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void removeRaftNode_withoutPermission_throwsPermissionDeniedException() {
    vault.enqueue(json(403, "{\"errors\":[\"permission denied\"]}"));
    assertThatThrownBy(() -> vault.client().removeRaftNode("node-3"))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("403 on POST /v1/sys/storage/raft/remove-peer: permission denied");
  }

  // ---- autopilot ----

  @Test
  void readRaftAutopilotState_parsesHealthServersAndDurations() throws Exception {
    vault.enqueue(
        json(
            200,
            envelope(
                "{\"healthy\":true,\"failure_tolerance\":1,\"optimistic_failure_tolerance\":1,"
                    + "\"leader\":\"node-1\",\"voters\":[\"node-1\",\"node-2\"],"
                    + "\"non_voters\":[\"node-3\"],\"servers\":{"
                    + "\"node-1\":{\"id\":\"node-1\",\"name\":\"node-1\",\"address\":\"127.0.0.1:8201\","
                    + "\"node_status\":\"alive\",\"last_contact\":\"0s\",\"last_term\":3,"
                    + "\"last_index\":61,\"healthy\":true,"
                    + "\"stable_since\":\"2026-11-28T10:00:00.123456789Z\",\"status\":\"leader\","
                    + "\"version\":\"2.7.2\",\"node_type\":\"voter\",\"meta\":{\"a\":\"b\"}},"
                    + "\"node-2\":{\"id\":\"node-2\",\"name\":\"node-2\",\"address\":\"127.0.0.1:8211\","
                    + "\"node_status\":\"alive\",\"last_contact\":\"1.21ms\",\"last_term\":3,"
                    + "\"last_index\":61,\"healthy\":true,"
                    + "\"stable_since\":\"0001-01-01T00:00:00Z\",\"status\":\"voter\","
                    + "\"version\":\"2.7.2\",\"node_type\":\"voter\"}}}")));

    AutopilotState state = vault.client().readRaftAutopilotState();

    assertThat(state.healthy()).isTrue();
    assertThat(state.failureTolerance()).isEqualTo(1);
    assertThat(state.leader()).isEqualTo("node-1");
    assertThat(state.voters()).containsExactly("node-1", "node-2");
    assertThat(state.nonVoters()).containsExactly("node-3");
    assertThat(state.servers()).containsOnlyKeys("node-1", "node-2");
    AutopilotServer first = state.servers().get("node-1");
    assertThat(first)
        .isEqualTo(
            new AutopilotServer(
                "node-1",
                "node-1",
                "127.0.0.1:8201",
                "alive",
                Duration.ZERO,
                3,
                61,
                true,
                Instant.parse("2026-11-28T10:00:00.123456789Z"),
                "leader",
                "2.7.2",
                "voter"));
    assertThat(state.servers().get("node-2").lastContact()).isEqualTo(Duration.ofNanos(1_210_000));
    assertThat(state.servers().get("node-2").stableSince()).isNull();
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/autopilot/state");
    assertThat(request.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
  }

  @Test
  void readRaftAutopilotConfig_parsesGoDurations() throws Exception {
    vault.enqueue(
        json(
            200,
            envelope(
                "{\"cleanup_dead_servers\":false,\"last_contact_threshold\":\"10s\","
                    + "\"dead_server_last_contact_threshold\":\"24h0m0s\",\"max_trailing_logs\":1000,"
                    + "\"min_quorum\":0,\"server_stabilization_time\":\"10s\","
                    + "\"disable_upgrade_migration\":false}")));

    AutopilotConfig config = vault.client().readRaftAutopilotConfig();

    assertThat(config)
        .isEqualTo(
            new AutopilotConfig(
                false,
                Duration.ofSeconds(10),
                Duration.ofHours(24),
                1000L,
                0,
                Duration.ofSeconds(10),
                false));
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/autopilot/configuration");
  }

  @Test
  void updateRaftAutopilotConfig_sendsOnlyNonNullFields_asWholeSeconds() throws Exception {
    vault.enqueue(new MockResponse().setResponseCode(204));

    vault
        .client()
        .updateRaftAutopilotConfig(
            AutopilotConfig.builder()
                .cleanupDeadServers(true)
                .deadServerLastContactThreshold(Duration.ofHours(1))
                .minQuorum(3)
                .build());

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/autopilot/configuration");
    assertThat(request.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
    assertThat(request.getBody().readUtf8())
        .isEqualTo(
            "{\"cleanup_dead_servers\":true,\"dead_server_last_contact_threshold\":\"1h0m0s\","
                + "\"min_quorum\":3}");
  }

  @Test
  void updateRaftAutopilotConfig_whenVaultRejects_throwsInvalidRequestException() {
    vault.enqueue(
        json(
            400,
            "{\"errors\":[\"cleanup_dead_servers requires min_quorum to be set to at least 3\"]}"));
    assertThatThrownBy(
            () ->
                vault
                    .client()
                    .updateRaftAutopilotConfig(
                        AutopilotConfig.builder().cleanupDeadServers(true).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("min_quorum");
  }

  // ---- auto snapshots ----

  @Test
  void readRaftAutoSnapshotStatus_parsesTimes_andGoZeroTimeIsEmpty() throws Exception {
    vault.enqueue(
        json(
            200,
            envelope(
                "{\"consecutive_errors\":2,\"last_snapshot_start\":\"2026-11-28T10:00:00Z\","
                    + "\"last_snapshot_end\":\"2026-11-28T10:00:01Z\",\"last_snapshot_error\":\"\","
                    + "\"last_snapshot_url\":\"/opt/vault/backups/a.snap\","
                    + "\"next_snapshot_start\":\"2026-11-29T10:00:00+00:00\","
                    + "\"snapshot_start\":\"0001-01-01T00:00:00Z\",\"snapshot_url\":\"\"}")));

    AutoSnapshotStatus status = vault.client().readRaftAutoSnapshotStatus("my-local-auto-snapshot");

    assertThat(status)
        .isEqualTo(
            new AutoSnapshotStatus(
                2,
                Instant.parse("2026-11-28T10:00:00Z"),
                Instant.parse("2026-11-28T10:00:01Z"),
                null,
                "/opt/vault/backups/a.snap",
                Instant.parse("2026-11-29T10:00:00Z"),
                null,
                null));
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath())
        .isEqualTo("/v1/sys/storage/raft/snapshot-auto/status/my-local-auto-snapshot");
    assertThat(request.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
  }

  @Test
  void readRaftAutoSnapshotStatus_onOpenSourceServer_throwsEnterpriseOnlyException() {
    vault.enqueue(json(404, UNSUPPORTED));
    assertThatThrownBy(() -> vault.client().readRaftAutoSnapshotStatus("daily"))
        .isInstanceOf(EnterpriseOnlyException.class)
        .isNotInstanceOf(NotFoundException.class)
        .hasMessageContaining("needs Vault Enterprise")
        .hasMessageStartingWith("404 on GET /v1/sys/storage/raft/snapshot-auto/status/daily: ");
  }

  @Test
  void readRaftAutoSnapshotConfig_readsIntervalSeconds_andKeepsTheStorageType() throws Exception {
    vault.enqueue(
        json(
            200,
            envelope(
                "{\"interval\":86400,\"retain\":5,\"path_prefix\":\"/opt/vault/backups\","
                    + "\"file_prefix\":\"vault-raft-auto-snapshot\",\"storage_type\":\"local\","
                    + "\"local_max_space\":100000}")));

    AutoSnapshotConfig config = vault.client().readRaftAutoSnapshotConfig("my-local-auto-snapshot");

    assertThat(config)
        .isEqualTo(
            AutoSnapshotConfig.local(Duration.ofDays(1), "/opt/vault/backups", 100_000)
                .retain(5)
                .filePrefix("vault-raft-auto-snapshot")
                .build());
    assertThat(config.storageType()).isEqualTo("local");
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath())
        .isEqualTo("/v1/sys/storage/raft/snapshot-auto/config/my-local-auto-snapshot");
  }

  @Test
  void readRaftAutoSnapshotConfig_awsS3_isReadBackAsAwsS3_keepingUnknownParameters() {
    vault.enqueue(
        json(
            200,
            envelope(
                "{\"interval\":3600,\"retain\":1,\"path_prefix\":\"raft\",\"storage_type\":\"aws-s3\","
                    + "\"aws_s3_bucket\":\"backups\",\"aws_s3_region\":\"eu-west-1\","
                    + "\"aws_s3_enable_kms\":true,\"local_max_space\":0,"
                    + "\"aws_s3_future_option\":\"on\",\"aws_s3_future_limit\":12}")));

    AwsS3AutoSnapshotConfig config =
        (AwsS3AutoSnapshotConfig) vault.client().readRaftAutoSnapshotConfig("hourly");

    assertThat(config.interval()).isEqualTo(Duration.ofHours(1));
    assertThat(config.bucket()).isEqualTo("backups");
    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.enableKms()).isTrue();
    assertThat(config.additionalParameters())
        .containsExactly(
            Map.entry("aws_s3_future_option", "on"), Map.entry("aws_s3_future_limit", 12L));
  }

  @Test
  void readRaftAutoSnapshotConfig_unknownStorageType_isReadAsGeneric() {
    vault.enqueue(
        json(
            200,
            envelope(
                "{\"interval\":60,\"path_prefix\":\"p\",\"storage_type\":\"tape\","
                    + "\"tape_drive\":\"/dev/st0\"}")));

    assertThat(vault.client().readRaftAutoSnapshotConfig("x"))
        .isEqualTo(
            AutoSnapshotConfig.generic("tape", Duration.ofMinutes(1), "p")
                .parameter("tape_drive", "/dev/st0")
                .build());
  }

  @Test
  void readRaftAutoSnapshotConfig_withoutARequiredParameter_throwsVaultClientException() {
    vault.enqueue(
        json(200, envelope("{\"interval\":60,\"path_prefix\":\"p\",\"storage_type\":\"local\"}")));
    assertThatThrownBy(() -> vault.client().readRaftAutoSnapshotConfig("x"))
        .isExactlyInstanceOf(VaultClientException.class)
        .hasMessageContaining("local_max_space must be set");
  }

  @Test
  void readRaftAutoSnapshotConfig_missing_throwsNotFoundException() {
    vault.enqueue(json(404, "{\"errors\":[]}"));
    assertThatThrownBy(() -> vault.client().readRaftAutoSnapshotConfig("nope"))
        .isExactlyInstanceOf(NotFoundException.class);
  }

  @Test
  void listRaftAutoSnapshotConfigs_sendsGetWithListTrue_andReadsKeys() throws Exception {
    vault.enqueue(json(200, envelope("{\"keys\":[\"daily\",\"hourly\"]}")));

    List<String> names = vault.client().listRaftAutoSnapshotConfigs();

    assertThat(names).containsExactly("daily", "hourly");
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/snapshot-auto/config?list=true");
    assertThat(request.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
  }

  @Test
  void listRaftAutoSnapshotConfigs_on404WithEmptyErrors_returnsEmptyList() {
    vault.enqueue(json(404, "{\"errors\":[]}"));
    assertThat(vault.client().listRaftAutoSnapshotConfigs()).isEmpty();
  }

  @Test
  void listRaftAutoSnapshotConfigs_onOpenSourceServer_throwsEnterpriseOnlyException() {
    vault.enqueue(json(404, UNSUPPORTED));
    assertThatThrownBy(() -> vault.client().listRaftAutoSnapshotConfigs())
        .isInstanceOf(EnterpriseOnlyException.class);
  }

  @Test
  void listRaftAutoSnapshotConfigs_withoutSudo_throwsPermissionDeniedException() {
    vault.enqueue(json(403, "{\"errors\":[\"permission denied\"]}"));
    assertThatThrownBy(() -> vault.client().listRaftAutoSnapshotConfigs())
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void createOrUpdateRaftAutoSnapshotConfig_sendsTheSeedsCall() throws Exception {
    vault.enqueue(new MockResponse().setResponseCode(204));

    vault
        .client()
        .createOrUpdateRaftAutoSnapshotConfig(
            "my-local-auto-snapshot",
            AutoSnapshotConfig.local(Duration.ofDays(1), "/opt/vault/backups", 100_000)
                .retain(5)
                .filePrefix("vault-raft-auto-snapshot")
                .build());

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath())
        .isEqualTo("/v1/sys/storage/raft/snapshot-auto/config/my-local-auto-snapshot");
    assertThat(request.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
    assertThat(JsonMaps.parse(request.getBody().readUtf8()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "storage_type",
                "local",
                "interval",
                86400.0,
                "path_prefix",
                "/opt/vault/backups",
                "retain",
                5.0,
                "local_max_space",
                100000.0,
                "file_prefix",
                "vault-raft-auto-snapshot"));
  }

  @Test
  void createOrUpdateRaftAutoSnapshotConfig_sendsAdditionalParameters() throws Exception {
    vault.enqueue(new MockResponse().setResponseCode(204));

    vault
        .client()
        .createOrUpdateRaftAutoSnapshotConfig(
            "s3",
            AutoSnapshotConfig.awsS3(Duration.ofHours(6), "raft", "backups", "eu-west-1")
                .credentials("AKIA", "AWS-SECRET")
                .parameter("aws_s3_future_option", true)
                .build());

    assertThat(JsonMaps.parse(take().getBody().readUtf8()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "storage_type", "aws-s3",
                "interval", 21600.0,
                "path_prefix", "raft",
                "aws_s3_bucket", "backups",
                "aws_s3_region", "eu-west-1",
                "aws_access_key_id", "AKIA",
                "aws_secret_access_key", "AWS-SECRET",
                "aws_s3_future_option", true));
  }

  @Test
  void deleteRaftAutoSnapshotConfig_sendsDelete_andAccepts204() throws Exception {
    vault.enqueue(new MockResponse().setResponseCode(204));

    vault.client().deleteRaftAutoSnapshotConfig("daily");

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/snapshot-auto/config/daily");
    assertThat(request.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void deleteRaftAutoSnapshotConfig_onOpenSourceServer_throwsEnterpriseOnlyException() {
    vault.enqueue(json(404, UNSUPPORTED));
    assertThatThrownBy(() -> vault.client().deleteRaftAutoSnapshotConfig("daily"))
        .isInstanceOf(EnterpriseOnlyException.class)
        .hasMessageContaining("DELETE /v1/sys/storage/raft/snapshot-auto/config/daily");
  }

  // ---- headers and lifecycle ----

  @Test
  void namespace_isSentAsHeader_butNotOnJoin() throws Exception {
    try (VaultRaftClient namespaced =
        vault
            .kind()
            .view(
                VaultRaftClient.builder()
                    .environment(Map.of("HOME", vault.home().toString()))
                    .address(vault.address())
                    .token(TOKEN)
                    .namespace("team-a")
                    .maxRetries(0)
                    .build())) {
      vault.enqueue(json(200, envelope("{\"config\":{\"index\":1,\"servers\":[]}}")));
      vault.enqueue(json(200, "{\"joined\":true}"));

      namespaced.readRaftConfig();
      namespaced.joinRaftCluster("http://10.0.0.1:8200");

      assertThat(take().getHeader("X-Vault-Namespace")).isEqualTo("team-a");
      assertThat(take().getHeader("X-Vault-Namespace")).isNull();
    }
  }

  @Test
  void withoutToken_noTokenHeaderIsSent() throws Exception {
    try (VaultRaftClient anonymous =
        vault
            .kind()
            .view(
                VaultRaftClient.builder()
                    .environment(Map.of("HOME", vault.home().toString()))
                    .address(vault.address())
                    .maxRetries(0)
                    .build())) {
      vault.enqueue(json(403, "{\"errors\":[\"permission denied\"]}"));
      assertThatThrownBy(anonymous::readRaftConfig).isInstanceOf(PermissionDeniedException.class);
      assertThat(take().getHeader("X-Vault-Token")).isNull();
    }
  }

  @Test
  void readRaftConfig_slowerThanTheTimeout_throwsVaultClientException() throws Exception {
    try (VaultRaftClient impatient =
        vault
            .kind()
            .view(
                VaultRaftClient.builder()
                    .environment(
                        Map.of("HOME", vault.home().toString(), "VAULT_CLIENT_TIMEOUT", "1"))
                    .address(vault.address())
                    .maxRetries(0)
                    .build())) {
      vault.enqueue(
          json(200, envelope("{\"config\":{\"index\":1,\"servers\":[]}}"))
              .setHeadersDelay(3, TimeUnit.SECONDS));
      long start = System.nanoTime();
      assertThatThrownBy(impatient::readRaftConfig)
          .isExactlyInstanceOf(VaultClientException.class)
          .hasMessageStartingWith("no answer on GET /v1/sys/storage/raft/configuration from ")
          .hasCauseInstanceOf(java.io.InterruptedIOException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void close_thenCall_throwsIllegalStateException() {
    vault.client().close();
    assertThatThrownBy(() -> vault.client().readRaftConfig())
        .isInstanceOf(IllegalStateException.class);
    assertThat(vault.server().getRequestCount()).isZero();
  }
}
