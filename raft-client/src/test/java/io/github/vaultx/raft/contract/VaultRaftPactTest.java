package io.github.vaultx.raft.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.dsl.PactDslWithState;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.AutopilotConfig;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.EnterpriseOnlyException;
import io.github.vaultx.raft.InvalidRequestException;
import io.github.vaultx.raft.LoadedSnapshot;
import io.github.vaultx.raft.PermissionDeniedException;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.UnsupportedEndpointException;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultSealedException;
import io.github.vaultx.raft.VaultUnavailableException;
import io.github.vaultx.raft.internal.TestSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer side of the contract between this client and Vault's Raft API: every operation of
 * the spec and the failures the client must type, written through the public facade so the pact
 * records exactly what {@link VaultRaftClient} sends and relies on.
 *
 * <p>Conventions the provider verification ({@code VaultRaftProviderPactIT}) depends on:
 *
 * <ul>
 *   <li>No request expects {@code X-Vault-Token}: the verifier injects the token, so no token is
 *       ever written into the pact.
 *   <li>Interactions only Vault Enterprise can serve carry the provider state {@value #ENTERPRISE}
 *       and a comment saying so; the verification skips them against open source.
 *   <li>Interactions that need the open-source edition carry {@value #OPEN_SOURCE}.
 *   <li>Values Vault generates (request ids, indexes, addresses, node ids, times) are matched by
 *       type or regex, never literally.
 * </ul>
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = VaultRaftPactTest.PROVIDER, pactVersion = PactSpecVersion.V4)
class VaultRaftPactTest {
  static final String CONSUMER = "vaultx-raft-client";
  static final String PROVIDER = "vault-raft";

  /** Provider state of every interaction only Vault Enterprise can serve. */
  static final String ENTERPRISE = "Vault Enterprise is licensed";

  /** Provider state of the interactions that show how open source answers Enterprise paths. */
  static final String OPEN_SOURCE = "Vault open-source edition";

  static final String CLUSTER = "a three-node cluster";
  static final String SEALED = "the node is sealed";
  static final String NO_PERMISSION = "the token may not use sys/storage/raft";
  static final String SPARE = "an uninitialised spare node";
  static final String FOLLOWER = "node {id} is a follower";
  static final String SNAPSHOT = "a snapshot of this cluster";
  static final String CONFIG_EXISTS = "an auto-snapshot config {name} exists";
  static final String CONFIG_ABSENT = "no auto-snapshot config {name} exists";
  static final String NO_CONFIGS = "no auto-snapshot configs exist";
  static final String PROMOTE_SERVED = "the server serves promote and demote";
  static final String PROMOTE_NOT_SERVED = "the server does not serve promote and demote";
  static final String VOTER = "node {id} is a follower that votes";
  static final String NON_VOTER = "node {id} is a non-voter";
  static final String LOADED = "a snapshot {id} is loaded";
  static final String KV_IN_LOADED = "secret {path} is in the loaded snapshot {id}";

  static final String LOADED_COMMENT =
      "Vault Enterprise 1.20+ only: Vault CE and OpenBao answer 404 \"unsupported path\" (OpenBao"
          + " 400 to an uploaded snapshot, which it parses as JSON); reads and recoveries of a path"
          + " are refused by Vault CE (400) and OpenBao (405, or the live data with a warning)";

  private static final String SNAPSHOT_ID = "2403d301-94f2-46a1-a39d-02be83e2831a";

  static final String ENTERPRISE_COMMENT =
      "Vault Enterprise only: Vault CE answers 404 \"enterprise-only feature\", OpenBao 404"
          + " \"unsupported path\"";

  private static final String RAFT = "/v1/sys/storage/raft";
  private static final String JSON_WITH_CHARSET = "application/json(;\\s?charset=(?i)utf-8)?";
  private static final String UUID = "[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}";
  private static final String HOST_PORT = "[^\\s:/]+:\\d{1,5}";
  private static final String GO_DURATION = "(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+|0";
  private static final String RFC3339 =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})";
  private static final String AUTO_SNAPSHOT = "daily";

  @TempDir Path temp;

  private static VaultRaftClient client(MockServer mockServer) {
    return VaultRaftClient.builder()
        .address(mockServer.getUrl())
        .token("pact-token")
        .environment(Map.of())
        .maxRetries(0)
        .build();
  }

  /** Vault's standard envelope around {@code data}; everything Vault generates matched by type. */
  private static PactDslJsonBody envelope(Function<PactDslJsonBody, PactDslJsonBody> data) {
    PactDslJsonBody body =
        new PactDslJsonBody()
            .stringMatcher("request_id", UUID, "1a7a66dc-d17f-5f25-ae08-4e79c2d00431")
            .stringType("lease_id", "")
            .booleanType("renewable", false)
            .integerType("lease_duration", 0L);
    data.apply(body.object("data")).closeObject();
    return body;
  }

  private static PactDslJsonBody errors(String regex, String example) {
    return new PactDslJsonBody()
        .minArrayLike("errors", 1, PactDslJsonRootValue.stringMatcher(regex, example), 1);
  }

  /**
   * Vault's error answer to {@code request}: {@code status} and {@code {"errors": [...]}} with at
   * least one error matching {@code regex} ({@code example} is what the mock server sends).
   */
  private static PactDslResponse vaultError(
      PactDslRequestWithPath request, int status, String regex, String example) {
    return request.willRespondWith().status(status).body(errors(regex, example));
  }

  /**
   * An open-source server's answer on an Enterprise path: 404 "enterprise-only feature" from Vault
   * CE's stub, "unsupported path" from OpenBao's router (docs/servers.md).
   */
  private static PactDslResponse unsupportedPath(PactDslRequestWithPath request) {
    return vaultError(
        request,
        404,
        "(?s).*(unsupported path|enterprise-only feature).*",
        "1 error occurred:\n\t* unsupported path\n\n");
  }

  // ---- join ------------------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact joinPact(PactDslWithProvider builder) {
    return builder
        .given(CLUSTER)
        .given(SPARE)
        .uponReceiving("a request to join the cluster")
        .path(RAFT + "/join")
        .method("POST")
        .matchHeader("Content-Type", JSON_WITH_CHARSET, "application/json; charset=UTF-8")
        .body(
            new PactDslJsonBody()
                .valueFromProviderState(
                    "leader_api_addr", "${leaderApiAddr}", "http://127.0.0.1:8200"))
        .willRespondWith()
        .status(200)
        .body(new PactDslJsonBody().booleanValue("joined", true))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "joinPact")
  void joinRaftCluster_acceptedByTheSpareNode_returnsTrue(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      assertThat(client.joinRaftCluster("http://127.0.0.1:8200")).isTrue();
    }
  }

  // ---- configuration ---------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact readConfigPact(PactDslWithProvider builder) {
    return builder
        .given(CLUSTER)
        .uponReceiving("a request for the Raft configuration")
        .path(RAFT + "/configuration")
        .method("GET")
        .willRespondWith()
        .status(200)
        .body(
            envelope(
                data -> {
                  PactDslJsonBody config = data.object("config");
                  config.integerType("index", 0L);
                  config
                      .minArrayLike("servers", 1, 3)
                      .stringType("node_id", "node1")
                      .stringMatcher("address", HOST_PORT, "127.0.0.1:8201")
                      .booleanType("leader", true)
                      .booleanType("voter", true)
                      .stringMatcher("protocol_version", "\\d+", "3")
                      .closeObject()
                      .closeArray();
                  config.closeObject();
                  return data;
                }))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "readConfigPact")
  void readRaftConfig_onAThreeNodeCluster_listsTheServers(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      RaftConfiguration config = client.readRaftConfig();
      assertThat(config.servers()).hasSize(3);
      assertThat(config.servers().get(0).address()).isEqualTo("127.0.0.1:8201");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact readConfigSealedPact(PactDslWithProvider builder) {
    return vaultError(
            builder
                .given(CLUSTER)
                .given(SEALED)
                .uponReceiving("a request for the Raft configuration to a sealed node")
                .path(RAFT + "/configuration")
                .method("GET"),
            503,
            "(?s).*Vault is sealed.*",
            "Vault is sealed")
        // A sealed answer makes the client ask the node, without a token, whether it was removed
        // from its cluster (Vault 1.19+ seals removed nodes); removed_from_cluster is Vault's only.
        .given(CLUSTER)
        .given(SEALED)
        .uponReceiving("a request for the seal status of a sealed node")
        .path("/v1/sys/seal-status")
        .method("GET")
        .willRespondWith()
        .status(200)
        .body(new PactDslJsonBody().booleanValue("sealed", true))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "readConfigSealedPact")
  void readRaftConfig_onASealedNode_throwsVaultSealedException(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      assertThatThrownBy(client::readRaftConfig)
          .isInstanceOf(VaultSealedException.class)
          .hasMessageContaining("503");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact readConfigForbiddenPact(PactDslWithProvider builder) {
    return vaultError(
            builder
                .given(CLUSTER)
                .given(NO_PERMISSION)
                .uponReceiving(
                    "a request for the Raft configuration with a token that may not read it")
                .path(RAFT + "/configuration")
                .method("GET"),
            403,
            "(?s).*permission denied.*",
            "1 error occurred:\n\t* permission denied\n\n")
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "readConfigForbiddenPact")
  void readRaftConfig_withoutPermission_throwsPermissionDeniedException(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      assertThatThrownBy(client::readRaftConfig)
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("permission denied");
    }
  }

  // ---- remove-peer -----------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact removePeerPact(PactDslWithProvider builder) {
    return builder
        .given(CLUSTER)
        .given(FOLLOWER, Map.of("id", "node3"))
        .uponReceiving("a request to remove a follower from the cluster")
        .path(RAFT + "/remove-peer")
        .method("POST")
        .matchHeader("Content-Type", JSON_WITH_CHARSET, "application/json; charset=UTF-8")
        .body(new PactDslJsonBody().valueFromProviderState("server_id", "${id}", "node3"))
        .willRespondWith()
        .status(204)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "removePeerPact")
  void removeRaftNode_ofAFollower_succeeds(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      client.removeRaftNode("node3");
    }
  }

  // ---- snapshots -------------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact takeSnapshotPact(PactDslWithProvider builder) {
    return builder
        .given(CLUSTER)
        .uponReceiving("a request for a snapshot")
        .path(RAFT + "/snapshot")
        .method("GET")
        .willRespondWith()
        .status(200)
        .withBinaryData(TestSnapshots.complete(), "application/gzip")
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "takeSnapshotPact")
  void takeRaftSnapshot_receivesAGzippedTarWithSealedSums(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      SnapshotInfo info = client.takeRaftSnapshot(out);
      assertThat(info.sizeBytes()).isEqualTo(TestSnapshots.complete().length).isPositive();
      assertThat(out.toByteArray()).isEqualTo(TestSnapshots.complete());
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact restoreSnapshotPact(PactDslWithProvider builder) {
    return restore(builder, "a snapshot to restore", "/snapshot");
  }

  @Test
  @PactTestFor(pactMethod = "restoreSnapshotPact")
  void restoreRaftSnapshot_ofThisCluster_isAccepted(MockServer mockServer) throws Exception {
    Path snapshot = Files.write(temp.resolve("vault.snap"), TestSnapshots.complete());
    try (VaultRaftClient client = client(mockServer)) {
      client.restoreRaftSnapshot(snapshot);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact forceRestoreSnapshotPact(PactDslWithProvider builder) {
    return restore(builder, "a snapshot to restore by force", "/snapshot-force");
  }

  @Test
  @PactTestFor(pactMethod = "forceRestoreSnapshotPact")
  void forceRestoreRaftSnapshot_isAccepted(MockServer mockServer) throws Exception {
    Path snapshot = Files.write(temp.resolve("vault.snap"), TestSnapshots.complete());
    try (VaultRaftClient client = client(mockServer)) {
      client.forceRestoreRaftSnapshot(snapshot);
    }
  }

  private static V4Pact restore(PactDslWithProvider builder, String description, String path) {
    return builder
        .given(CLUSTER)
        .given(SNAPSHOT)
        .uponReceiving(description)
        .path(RAFT + path)
        .method("POST")
        // The body must be a gzipped snapshot (Pact checks the detected type); the facade labels
        // it application/octet-stream, as the spec declares.
        .withBinaryData(TestSnapshots.complete(), "application/gzip")
        .matchHeader("Content-Type", "application/(octet-stream|gzip)", "application/octet-stream")
        .willRespondWith()
        .status(204)
        .toPact(V4Pact.class);
  }

  // ---- autopilot -------------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact autopilotStatePact(PactDslWithProvider builder) {
    return builder
        .given(CLUSTER)
        .uponReceiving("a request for the autopilot state")
        .path(RAFT + "/autopilot/state")
        .method("GET")
        .willRespondWith()
        .status(200)
        .body(
            envelope(
                data -> {
                  data.booleanType("healthy", true)
                      .integerType("failure_tolerance", 1)
                      .stringType("leader", "node1")
                      .minArrayLike("voters", 1, PactDslJsonRootValue.stringType("node1"), 1);
                  data.object("servers")
                      .eachValueLike("node1")
                      .stringType("id", "node1")
                      .stringType("name", "node1")
                      .stringMatcher("address", HOST_PORT, "127.0.0.1:8201")
                      .stringType("node_status", "alive")
                      .stringMatcher("last_contact", GO_DURATION, "1.21ms")
                      .integerType("last_term", 3L)
                      .integerType("last_index", 61L)
                      .booleanType("healthy", true)
                      .stringMatcher("stable_since", RFC3339, "2026-11-28T10:00:00.123456789Z")
                      .stringType("status", "leader")
                      .stringType("version", "2.7.2")
                      .stringType("node_type", "voter")
                      .closeObject()
                      .closeObject();
                  return data;
                }))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "autopilotStatePact")
  void readRaftAutopilotState_mapsServersByNodeId(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      AutopilotState state = client.readRaftAutopilotState();
      assertThat(state.healthy()).isTrue();
      assertThat(state.servers()).containsKey("node1");
      assertThat(state.servers().get("node1").lastContact()).isEqualTo(Duration.ofNanos(1_210_000));
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact autopilotConfigPact(PactDslWithProvider builder) {
    return builder
        .given(CLUSTER)
        .uponReceiving("a request for the autopilot configuration")
        .path(RAFT + "/autopilot/configuration")
        .method("GET")
        .willRespondWith()
        .status(200)
        .body(
            envelope(
                data ->
                    data.booleanType("cleanup_dead_servers", false)
                        .stringMatcher("last_contact_threshold", GO_DURATION, "10s")
                        .stringMatcher("dead_server_last_contact_threshold", GO_DURATION, "24h0m0s")
                        .integerType("max_trailing_logs", 1000L)
                        .integerType("min_quorum", 0)
                        .stringMatcher("server_stabilization_time", GO_DURATION, "10s")))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "autopilotConfigPact")
  void readRaftAutopilotConfig_parsesGoDurations(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      AutopilotConfig config = client.readRaftAutopilotConfig();
      assertThat(config.deadServerLastContactThreshold()).isEqualTo(Duration.ofHours(24));
      assertThat(config.maxTrailingLogs()).isEqualTo(1000L);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact updateAutopilotConfigPact(PactDslWithProvider builder) {
    return builder
        .given(CLUSTER)
        .uponReceiving("a request to update the autopilot configuration")
        .path(RAFT + "/autopilot/configuration")
        .method("POST")
        .matchHeader("Content-Type", JSON_WITH_CHARSET, "application/json; charset=UTF-8")
        .body(
            new PactDslJsonBody()
                .booleanValue("cleanup_dead_servers", false)
                .numberValue("max_trailing_logs", 1000)
                .numberValue("min_quorum", 3))
        .willRespondWith()
        .status(204)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "updateAutopilotConfigPact")
  void updateRaftAutopilotConfig_sendsOnlyTheFieldsSet(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      client.updateRaftAutopilotConfig(
          AutopilotConfig.builder()
              .cleanupDeadServers(false)
              .maxTrailingLogs(1000)
              .minQuorum(3)
              .build());
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact updateAutopilotConfigInvalidPact(PactDslWithProvider builder) {
    return vaultError(
            builder
                .given(CLUSTER)
                .uponReceiving("a request to clean up dead servers with a quorum below three")
                .path(RAFT + "/autopilot/configuration")
                .method("POST")
                .matchHeader("Content-Type", JSON_WITH_CHARSET, "application/json; charset=UTF-8")
                .body(
                    new PactDslJsonBody()
                        .booleanValue("cleanup_dead_servers", true)
                        .numberValue("min_quorum", 1)),
            400,
            "(?s).*min_quorum.*",
            "min_quorum must be set when cleanup_dead_servers is set and it should at least"
                + " be 3; cleanup_dead_servers: true, min_quorum: 0x1")
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "updateAutopilotConfigInvalidPact")
  void updateRaftAutopilotConfig_cleanupWithSmallQuorum_throwsInvalidRequestException(
      MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      AutopilotConfig config =
          AutopilotConfig.builder().cleanupDeadServers(true).minQuorum(1).build();
      assertThatThrownBy(() -> client.updateRaftAutopilotConfig(config))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("400")
          .hasMessageContaining("min_quorum");
    }
  }

  // ---- automated snapshots (Vault Enterprise) --------------------------------------------------

  private static PactDslWithState enterprise(PactDslWithProvider builder, String state) {
    return builder
        .given(ENTERPRISE)
        .given(state, Map.of("name", AUTO_SNAPSHOT))
        .comment(ENTERPRISE_COMMENT);
  }

  @Pact(consumer = CONSUMER)
  V4Pact autoSnapshotStatusPact(PactDslWithProvider builder) {
    return enterprise(builder, CONFIG_EXISTS)
        .uponReceiving("a request for the status of an automated snapshot configuration")
        .path(RAFT + "/snapshot-auto/status/" + AUTO_SNAPSHOT)
        .method("GET")
        .willRespondWith()
        .status(200)
        .body(
            envelope(
                data ->
                    data.integerType("consecutive_errors", 0)
                        .stringMatcher("last_snapshot_start", RFC3339, "2026-11-28T10:00:00Z")
                        .stringMatcher("last_snapshot_end", RFC3339, "2026-11-28T10:00:01Z")
                        .stringType("last_snapshot_error", "")
                        .stringType(
                            "last_snapshot_url",
                            "/opt/vault/backups/vault-raft-auto-snapshot-1764324000.snap")
                        .stringMatcher("next_snapshot_start", RFC3339, "2026-11-29T10:00:00Z")
                        .stringMatcher("snapshot_start", RFC3339, "0001-01-01T00:00:00Z")
                        .stringType("snapshot_url", "")))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "autoSnapshotStatusPact")
  void readRaftAutoSnapshotStatus_mapsNeverToEmpty(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      AutoSnapshotStatus status = client.readRaftAutoSnapshotStatus(AUTO_SNAPSHOT);
      assertThat(status.consecutiveErrors()).isZero();
      assertThat(status.lastSnapshotStart()).isNotNull();
      assertThat(status.snapshotStart()).isNull();
      assertThat(status.lastSnapshotError()).isNull();
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact readAutoSnapshotConfigPact(PactDslWithProvider builder) {
    return enterprise(builder, CONFIG_EXISTS)
        .uponReceiving("a request for an automated snapshot configuration")
        .path(RAFT + "/snapshot-auto/config/" + AUTO_SNAPSHOT)
        .method("GET")
        .willRespondWith()
        .status(200)
        .body(
            envelope(
                data ->
                    data.integerType("interval", 86400L)
                        .integerType("retain", 5)
                        .stringType("path_prefix", "/opt/vault/backups")
                        .stringType("file_prefix", "vault-raft-auto-snapshot")
                        .stringValue("storage_type", "local")
                        .integerType("local_max_space", 100000L)))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "readAutoSnapshotConfigPact")
  void readRaftAutoSnapshotConfig_ofLocalStorage(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      AutoSnapshotConfig config = client.readRaftAutoSnapshotConfig(AUTO_SNAPSHOT);
      assertThat(config)
          .isEqualTo(
              AutoSnapshotConfig.local(Duration.ofDays(1), "/opt/vault/backups", 100_000)
                  .retain(5)
                  .filePrefix("vault-raft-auto-snapshot")
                  .build());
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact listAutoSnapshotConfigsPact(PactDslWithProvider builder) {
    return enterprise(builder, CONFIG_EXISTS)
        .uponReceiving("a request to list the automated snapshot configurations")
        .path(RAFT + "/snapshot-auto/config")
        .method("GET")
        .query("list=true")
        .willRespondWith()
        .status(200)
        .body(
            envelope(
                data ->
                    data.minArrayLike(
                        "keys", 1, PactDslJsonRootValue.stringType(AUTO_SNAPSHOT), 1)))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "listAutoSnapshotConfigsPact")
  void listRaftAutoSnapshotConfigs_returnsTheNames(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      assertThat(client.listRaftAutoSnapshotConfigs()).containsExactly(AUTO_SNAPSHOT);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact listAutoSnapshotConfigsEmptyPact(PactDslWithProvider builder) {
    return builder
        .given(ENTERPRISE)
        .given(NO_CONFIGS)
        .comment(ENTERPRISE_COMMENT)
        .comment("Vault answers a LIST with nothing to list with 404 and an empty errors array")
        .uponReceiving(
            "a request to list the automated snapshot configurations when there are none")
        .path(RAFT + "/snapshot-auto/config")
        .method("GET")
        .query("list=true")
        .willRespondWith()
        .status(404)
        .body(new PactDslJsonBody().array("errors").closeArray())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "listAutoSnapshotConfigsEmptyPact")
  void listRaftAutoSnapshotConfigs_whenNone_returnsAnEmptyList(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      assertThat(client.listRaftAutoSnapshotConfigs()).isEmpty();
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact createAutoSnapshotConfigPact(PactDslWithProvider builder) {
    return writeAutoSnapshotConfig(
        enterprise(builder, CONFIG_ABSENT), "a request to create an automated snapshot config");
  }

  @Test
  @PactTestFor(pactMethod = "createAutoSnapshotConfigPact")
  void createOrUpdateRaftAutoSnapshotConfig_createsIt(MockServer mockServer) {
    writeDailyConfig(mockServer);
  }

  @Pact(consumer = CONSUMER)
  V4Pact updateAutoSnapshotConfigPact(PactDslWithProvider builder) {
    return writeAutoSnapshotConfig(
        enterprise(builder, CONFIG_EXISTS), "a request to replace an automated snapshot config");
  }

  @Test
  @PactTestFor(pactMethod = "updateAutoSnapshotConfigPact")
  void createOrUpdateRaftAutoSnapshotConfig_replacesIt(MockServer mockServer) {
    writeDailyConfig(mockServer);
  }

  private static V4Pact writeAutoSnapshotConfig(PactDslWithState state, String description) {
    return state
        .uponReceiving(description)
        .path(RAFT + "/snapshot-auto/config/" + AUTO_SNAPSHOT)
        .method("POST")
        .matchHeader("Content-Type", JSON_WITH_CHARSET, "application/json; charset=UTF-8")
        .body(
            new PactDslJsonBody()
                .numberValue("interval", 86400)
                .stringValue("path_prefix", "/opt/vault/backups")
                .stringValue("storage_type", "local")
                .numberValue("retain", 5)
                .numberValue("local_max_space", 100000)
                .stringValue("file_prefix", "vault-raft-auto-snapshot"))
        .willRespondWith()
        .status(204)
        .toPact(V4Pact.class);
  }

  private static void writeDailyConfig(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      client.createOrUpdateRaftAutoSnapshotConfig(
          AUTO_SNAPSHOT,
          AutoSnapshotConfig.local(Duration.ofDays(1), "/opt/vault/backups", 100_000)
              .retain(5)
              .filePrefix("vault-raft-auto-snapshot")
              .build());
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact deleteAutoSnapshotConfigPact(PactDslWithProvider builder) {
    return enterprise(builder, CONFIG_EXISTS)
        .uponReceiving("a request to delete an automated snapshot configuration")
        .path(RAFT + "/snapshot-auto/config/" + AUTO_SNAPSHOT)
        .method("DELETE")
        .willRespondWith()
        .status(204)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "deleteAutoSnapshotConfigPact")
  void deleteRaftAutoSnapshotConfig_deletesIt(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      client.deleteRaftAutoSnapshotConfig(AUTO_SNAPSHOT);
    }
  }

  // ---- Enterprise paths on the open-source server ----------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact listAutoSnapshotConfigsOnOpenSourcePact(PactDslWithProvider builder) {
    return unsupportedPath(
            builder
                .given(OPEN_SOURCE)
                .uponReceiving("a request to list automated snapshot configurations on open source")
                .path(RAFT + "/snapshot-auto/config")
                .method("GET")
                .query("list=true"))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "listAutoSnapshotConfigsOnOpenSourcePact")
  void listRaftAutoSnapshotConfigs_onOpenSource_throwsEnterpriseOnlyException(
      MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      assertThatThrownBy(client::listRaftAutoSnapshotConfigs)
          .isInstanceOf(EnterpriseOnlyException.class)
          .hasMessageContaining("unsupported path");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact readAutoSnapshotConfigOnOpenSourcePact(PactDslWithProvider builder) {
    return unsupportedPath(
            builder
                .given(OPEN_SOURCE)
                .uponReceiving("a request for an automated snapshot configuration on open source")
                .path(RAFT + "/snapshot-auto/config/" + AUTO_SNAPSHOT)
                .method("GET"))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "readAutoSnapshotConfigOnOpenSourcePact")
  void readRaftAutoSnapshotConfig_onOpenSource_throwsEnterpriseOnlyException(
      MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      assertThatThrownBy(() -> client.readRaftAutoSnapshotConfig(AUTO_SNAPSHOT))
          .isInstanceOf(EnterpriseOnlyException.class);
    }
  }

  // ---- promote, demote (OpenBao), bootstrap ----------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact demotePact(PactDslWithProvider builder) {
    return builder
        .given(CLUSTER)
        .given(PROMOTE_SERVED)
        .given(VOTER, Map.of("id", "node3"))
        .comment("OpenBao 2.2+ only; autopilot applies the change a few seconds after the 204")
        .uponReceiving("a request to demote a follower to a non-voter")
        .path(RAFT + "/demote")
        .method("POST")
        .matchHeader("Content-Type", JSON_WITH_CHARSET, "application/json; charset=UTF-8")
        .body(new PactDslJsonBody().valueFromProviderState("server_id", "${id}", "node3"))
        .willRespondWith()
        .status(204)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "demotePact")
  void demoteRaftNode_ofAFollower_succeeds(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      client.demoteRaftNode("node3");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact promotePact(PactDslWithProvider builder) {
    return builder
        .given(CLUSTER)
        .given(PROMOTE_SERVED)
        .given(NON_VOTER, Map.of("id", "node3"))
        .comment("OpenBao 2.2+ only")
        .uponReceiving("a request to promote a non-voter to a voter")
        .path(RAFT + "/promote")
        .method("POST")
        .matchHeader("Content-Type", JSON_WITH_CHARSET, "application/json; charset=UTF-8")
        .body(new PactDslJsonBody().valueFromProviderState("server_id", "${id}", "node3"))
        .willRespondWith()
        .status(204)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "promotePact")
  void promoteRaftNode_ofANonVoter_succeeds(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      client.promoteRaftNode("node3");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact promoteUnsupportedPact(PactDslWithProvider builder) {
    return vaultError(
            builder
                .given(CLUSTER)
                .given(PROMOTE_NOT_SERVED)
                .comment("HashiCorp Vault has no promote or demote: its router answers 404")
                .uponReceiving("a request to promote on a server without promote")
                .path(RAFT + "/promote")
                .method("POST")
                .matchHeader("Content-Type", JSON_WITH_CHARSET, "application/json; charset=UTF-8")
                .body(new PactDslJsonBody().stringType("server_id", "node3")),
            404,
            "(?s).*unsupported path.*",
            "1 error occurred:\n\t* unsupported path\n\n")
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "promoteUnsupportedPact")
  void promoteRaftNode_onAServerWithoutIt_throwsUnsupportedEndpointException(
      MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      assertThatThrownBy(() -> client.promoteRaftNode("node3"))
          .isInstanceOf(UnsupportedEndpointException.class)
          .isNotInstanceOf(EnterpriseOnlyException.class);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact bootstrapPact(PactDslWithProvider builder) {
    return vaultError(
            builder
                .given(CLUSTER)
                .comment("With Raft as storage the node bootstrapped at sys/init; no token is sent")
                .uponReceiving("a request to bootstrap a node whose cluster has state")
                .path(RAFT + "/bootstrap")
                .method("POST"),
            500,
            "(?s).*cluster already has state.*",
            "could not bootstrap clustered storage: error bootstrapping cluster: cluster already"
                + " has state")
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "bootstrapPact")
  void bootstrapRaftCluster_ofANodeWithState_throwsVaultUnavailableException(
      MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      assertThatThrownBy(client::bootstrapRaftCluster)
          .isInstanceOf(VaultUnavailableException.class)
          .hasMessageContaining("cluster already has state");
    }
  }

  // ---- loaded snapshots and recovery (Vault Enterprise) ----------------------------------------

  private static PactDslWithState loaded(PactDslWithProvider builder) {
    return builder
        .given(ENTERPRISE)
        .given(LOADED, Map.of("id", SNAPSHOT_ID))
        .comment(LOADED_COMMENT);
  }

  private static PactDslJsonBody loadedSnapshot(PactDslJsonBody data, String status) {
    return data.stringType("cluster_id", "2ec84695-cfe5-44f3-b351-3f08a9ccc0c8")
        .stringMatcher("created_at", RFC3339, "2025-05-22T15:07:58.187769+01:00")
        .stringMatcher("expires_at", RFC3339, "2025-05-25T15:07:58.187769+01:00")
        .stringMatcher("snapshot_id", UUID, SNAPSHOT_ID)
        .stringMatcher("status", "loading|ready|error", status);
  }

  @Pact(consumer = CONSUMER)
  V4Pact loadSnapshotPact(PactDslWithProvider builder) {
    return builder
        .given(ENTERPRISE)
        .given(SNAPSHOT)
        .comment(LOADED_COMMENT)
        .uponReceiving("a snapshot to load for recovery")
        .path(RAFT + "/snapshot-load")
        .method("POST")
        .withBinaryData(TestSnapshots.complete(), "application/gzip")
        .matchHeader("Content-Type", "application/(octet-stream|gzip)", "application/octet-stream")
        .willRespondWith()
        .status(200)
        .body(envelope(data -> loadedSnapshot(data, "loading")))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "loadSnapshotPact")
  void loadRaftSnapshot_answersTheNewId(MockServer mockServer) throws Exception {
    Path snapshot = Files.write(temp.resolve("vault.snap"), TestSnapshots.complete());
    try (VaultRaftClient client = client(mockServer)) {
      LoadedSnapshot loaded = client.loadRaftSnapshot(snapshot);
      assertThat(loaded.snapshotId()).isEqualTo(SNAPSHOT_ID);
      assertThat(loaded.status()).isEqualTo("loading");
      assertThat(loaded.expiresAt()).isAfter(loaded.createdAt());
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact listLoadedSnapshotsPact(PactDslWithProvider builder) {
    return loaded(builder)
        .uponReceiving("a request to list the loaded snapshots")
        .path(RAFT + "/snapshot-load")
        .method("GET")
        .query("list=true")
        .willRespondWith()
        .status(200)
        .body(
            envelope(
                data ->
                    data.minArrayLike(
                        "keys", 1, PactDslJsonRootValue.stringMatcher(UUID, SNAPSHOT_ID), 1)))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "listLoadedSnapshotsPact")
  void listRaftLoadedSnapshots_listsTheIds(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      assertThat(client.listRaftLoadedSnapshots()).containsExactly(SNAPSHOT_ID);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact readLoadedSnapshotPact(PactDslWithProvider builder) {
    return loaded(builder)
        .uponReceiving("a request for the state of a loaded snapshot")
        .pathFromProviderState(
            RAFT + "/snapshot-load/${id}", RAFT + "/snapshot-load/" + SNAPSHOT_ID)
        .method("GET")
        .willRespondWith()
        .status(200)
        .body(envelope(data -> loadedSnapshot(data, "ready")))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "readLoadedSnapshotPact")
  void readRaftLoadedSnapshot_isReady(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      assertThat(client.readRaftLoadedSnapshot(SNAPSHOT_ID).ready()).isTrue();
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact unloadSnapshotPact(PactDslWithProvider builder) {
    return loaded(builder)
        .uponReceiving("a request to unload a stuck snapshot by force")
        .pathFromProviderState(
            RAFT + "/snapshot-load/${id}", RAFT + "/snapshot-load/" + SNAPSHOT_ID)
        .method("DELETE")
        .query("force=true")
        .willRespondWith()
        .status(204)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "unloadSnapshotPact")
  void unloadRaftSnapshot_byForce_succeeds(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      client.unloadRaftSnapshot(SNAPSHOT_ID, true);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact loadAutoSnapshotPact(PactDslWithProvider builder) {
    return enterprise(builder, CONFIG_EXISTS)
        .uponReceiving("a request to load a snapshot an automated configuration wrote")
        .path(RAFT + "/snapshot-auto/snapshot-load/" + AUTO_SNAPSHOT)
        .method("POST")
        .matchHeader("Content-Type", JSON_WITH_CHARSET, "application/json; charset=UTF-8")
        .body(
            new PactDslJsonBody()
                .stringType("url", "s3://my-bucket/vault-snapshots/vault-snapshot-1764324000.snap"))
        .willRespondWith()
        .status(200)
        .body(envelope(data -> loadedSnapshot(data, "loading")))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "loadAutoSnapshotPact")
  void loadRaftAutoSnapshot_answersTheNewId(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      LoadedSnapshot loaded =
          client.loadRaftAutoSnapshot(
              AUTO_SNAPSHOT, "s3://my-bucket/vault-snapshots/vault-snapshot-1764324000.snap");
      assertThat(loaded.snapshotId()).isEqualTo(SNAPSHOT_ID);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact readFromLoadedSnapshotPact(PactDslWithProvider builder) {
    return builder
        .given(ENTERPRISE)
        .given(KV_IN_LOADED, Map.of("id", SNAPSHOT_ID, "path", "secret/app"))
        .comment(LOADED_COMMENT)
        .uponReceiving("a read of a KV v1 secret from a loaded snapshot")
        .path("/v1/secret/app")
        .method("GET")
        .queryParameterFromProviderState("read_snapshot_id", "${id}", SNAPSHOT_ID)
        .willRespondWith()
        .status(200)
        .body(
            new PactDslJsonBody()
                .stringMatcher("request_id", UUID, "1a7a66dc-d17f-5f25-ae08-4e79c2d00431")
                .object("data")
                .stringType("password", "from-the-snapshot")
                .closeObject())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "readFromLoadedSnapshotPact")
  void readFromLoadedSnapshot_returnsTheSnapshotsData(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      assertThat(client.readFromLoadedSnapshot(SNAPSHOT_ID, "secret/app"))
          .containsEntry("password", "from-the-snapshot");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact recoverFromLoadedSnapshotPact(PactDslWithProvider builder) {
    return builder
        .given(ENTERPRISE)
        .given(KV_IN_LOADED, Map.of("id", SNAPSHOT_ID, "path", "secret/app"))
        .comment(LOADED_COMMENT)
        .comment("Vault 1.21+ takes its own method RECOVER, which a server without it refuses")
        .uponReceiving("a recovery of a KV v1 secret from a loaded snapshot")
        .path("/v1/secret/app")
        .method("RECOVER")
        .queryParameterFromProviderState("recover_snapshot_id", "${id}", SNAPSHOT_ID)
        .headerFromProviderState("X-Vault-Recover-Snapshot-Id", "${id}", SNAPSHOT_ID)
        .willRespondWith()
        .status(204)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "recoverFromLoadedSnapshotPact")
  void recoverFromLoadedSnapshot_succeeds(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      client.recoverFromLoadedSnapshot(SNAPSHOT_ID, "secret/app");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact listLoadedSnapshotsOnOpenSourcePact(PactDslWithProvider builder) {
    return vaultError(
            builder
                .given(OPEN_SOURCE)
                .uponReceiving("a request to list the loaded snapshots on open source")
                .path(RAFT + "/snapshot-load")
                .method("GET")
                .query("list=true"),
            404,
            "(?s).*unsupported path.*",
            "1 error occurred:\n\t* unsupported path\n\n")
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "listLoadedSnapshotsOnOpenSourcePact")
  void listRaftLoadedSnapshots_onOpenSource_throwsEnterpriseOnlyException(MockServer mockServer) {
    try (VaultRaftClient client = client(mockServer)) {
      assertThatThrownBy(client::listRaftLoadedSnapshots)
          .isInstanceOf(EnterpriseOnlyException.class)
          .hasMessageContaining("unsupported path");
    }
  }
}
