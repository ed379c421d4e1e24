package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.CircuitOpenException;
import io.github.vaultx.raft.PermissionDeniedException;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.RemovedNodeException;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultSealedException;
import io.github.vaultx.raft.VaultUnavailableException;
import io.github.vaultx.raft.internal.access.ClientFactory;
import io.github.vaultx.raft.internal.access.ClientSettings;
import io.github.vaultx.raft.testing.VaultResponses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Retries, the circuit breaker and failover, with a sleeper that records instead of waiting. */
@ParameterizedClass
@EnumSource(ClientKind.class)
class RetryAndFailoverTest {
  static final String CONFIG =
      "{\"data\":{\"config\":{\"index\":7,\"servers\":[{\"node_id\":\"n1\",\"address\":\"a:8201\","
          + "\"leader\":true,\"voter\":true,\"protocol_version\":\"3\"}]}}}";

  @TempDir Path home;

  @RegisterExtension final MockVault vault;

  RetryAndFailoverTest(ClientKind kind) {
    vault = MockVault.create().clients(kind);
  }

  @RegisterExtension final MockVault second = MockVault.create();
  final List<Duration> waits = new CopyOnWriteArrayList<>();
  Runnable onSleep = () -> {};

  VaultRaftClient client(int maxRetries, String... addresses) {
    return vault.newClient(
        options -> {
          if (addresses.length > 0) {
            options.addresses = List.of(addresses);
          }
          options.token = "retry-token";
          options.maxRetries = maxRetries;
          options.initialBackoff = Duration.ofMillis(100);
          options.maxBackoff = Duration.ofSeconds(5);
          options.sleeper =
              d -> {
                waits.add(d);
                onSleep.run();
              };
        });
  }

  static MockResponse status(int code, String errorsJson) {
    return new MockResponse().setResponseCode(code).setBody("{\"errors\":" + errorsJson + "}");
  }

  static MockResponse ok(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void readRaftConfig_on503NotSealedAnd500_isRetriedUntilItSucceeds() {
    vault.enqueue(status(503, "[\"no active node\"]"));
    vault.enqueue(status(500, "[\"internal error\"]"));
    vault.enqueue(ok(CONFIG));

    try (VaultRaftClient client = client(2)) {
      RaftConfiguration config = client.readRaftConfig();
      assertThat(config.index()).isEqualTo(7);
    }

    assertThat(vault.server().getRequestCount()).isEqualTo(3);
    assertThat(waits).hasSize(2);
  }

  @Test
  void retries_backOffExponentiallyWithJitter() {
    for (int i = 0; i < 4; i++) {
      vault.enqueue(status(502, "[]"));
    }
    try (VaultRaftClient client = client(3)) {
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(VaultUnavailableException.class);
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(4);
    assertThat(waits).hasSize(3);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(waits.get(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void readRaftConfig_retriesAreBoundedByMaxRetries() {
    for (int i = 0; i < 5; i++) {
      vault.enqueue(status(500, "[\"internal error\"]"));
    }
    try (VaultRaftClient client = client(2)) {
      assertThatThrownBy(client::readRaftConfig)
          .isInstanceOf(VaultUnavailableException.class)
          .hasMessage("500 on GET /v1/sys/storage/raft/configuration: internal error");
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(3);
  }

  @Test
  void readRaftConfig_on429_waitsAsLongAsRetryAfterAsks() {
    vault.enqueue(status(429, "[\"quota\"]").setHeader("Retry-After", "3"));
    vault.enqueue(ok(CONFIG));
    try (VaultRaftClient client = client(2)) {
      client.readRaftConfig();
    }
    assertThat(waits).containsExactly(Duration.ofSeconds(3));
  }

  static final MockResponse SEALED_NOT_REMOVED =
      ok("{\"type\":\"shamir\",\"sealed\":true,\"removed_from_cluster\":false}");
  static final MockResponse SEALED_REMOVED =
      ok("{\"type\":\"shamir\",\"sealed\":true,\"removed_from_cluster\":true}");

  @Test
  void readRaftConfig_onSealedSingleNode_isNotRetried_andAsksTheNodeOnceWhetherItWasRemoved()
      throws InterruptedException {
    vault.enqueue(status(503, "[\"Vault is sealed\"]"));
    vault.enqueue(SEALED_NOT_REMOVED);
    try (VaultRaftClient client = client(2)) {
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(VaultSealedException.class);
    }
    // The call, then one unauthenticated sys/seal-status: no retry.
    assertThat(vault.server().getRequestCount()).isEqualTo(2);
    vault.server().takeRequest();
    RecordedRequest probe = vault.server().takeRequest();
    assertThat(probe.getPath()).isEqualTo("/v1/sys/seal-status");
    assertThat(probe.getHeader("X-Vault-Token")).isNull();
  }

  @Test
  void readRaftConfig_onSealedNodeThatReportsItselfRemoved_throwsRemovedNodeException() {
    vault.enqueue(status(503, "[\"Vault is sealed\"]"));
    vault.enqueue(SEALED_REMOVED);
    try (VaultRaftClient client = client(2)) {
      assertThatThrownBy(client::readRaftConfig)
          .isInstanceOfSatisfying(
              RemovedNodeException.class, e -> assertThat(e.statusCode()).isEqualTo(503))
          .hasMessageContaining("the node was removed from its Raft cluster")
          .hasMessageContaining(vault.server().getHostName() + ":" + vault.server().getPort())
          .hasMessageContaining("removed_from_cluster")
          .hasMessageContaining("Vault is sealed");
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void readRaftConfig_sealedNodeWhoseSealStatusFails_staysVaultSealedException() {
    vault.enqueue(status(503, "[\"Vault is sealed\"]"));
    vault.enqueue(status(500, "[]"));
    try (VaultRaftClient client = client(2)) {
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(VaultSealedException.class);
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void removedSealedNode_breakerOpens_andTheOpenBreakerNamesTheRemoval() {
    ClientSettings options = new ClientSettings();
    options.environment = Map.of("HOME", home.toString());
    options.addresses = List.of(vault.address());
    options.maxRetries = 0;
    options.breakerWindow = 2;
    for (int i = 0; i < 2; i++) {
      vault.enqueue(status(503, "[\"Vault is sealed\"]"));
      vault.enqueue(SEALED_REMOVED);
    }
    try (VaultRaftClient client = vault.kind().view(ClientFactory.build(options))) {
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(RemovedNodeException.class);
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(RemovedNodeException.class);
      assertThatThrownBy(client::readRaftConfig)
          .isInstanceOf(CircuitOpenException.class)
          .hasCauseInstanceOf(RemovedNodeException.class)
          .hasMessageContaining("is rested for up to 5 s")
          .hasMessageContaining("last failure: 503 on GET /v1/sys/storage/raft/configuration:")
          .hasMessageContaining("the node was removed from its Raft cluster");
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(4);
  }

  @Test
  void callsSentOnce_askStandbysNotToForward_readsDoNot() throws Exception {
    vault.enqueue(new MockResponse().setResponseCode(204));
    vault.enqueue(ok(CONFIG));
    try (VaultRaftClient client = client(2)) {
      client.removeRaftNode("node-3");
      client.readRaftConfig();
    }
    assertThat(vault.server().takeRequest().getHeader("X-Vault-No-Request-Forwarding"))
        .isEqualTo("true");
    assertThat(vault.server().takeRequest().getHeader("X-Vault-No-Request-Forwarding")).isNull();
  }

  @Test
  void readRaftConfig_on4xx_isNotRetried() {
    vault.enqueue(status(403, "[\"permission denied\"]"));
    try (VaultRaftClient client = client(2)) {
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(PermissionDeniedException.class);
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void removeRaftNode_on503_isSentExactlyOnce() {
    vault.enqueue(status(503, "[\"no active node\"]"));
    vault.enqueue(new MockResponse().setResponseCode(204));
    try (VaultRaftClient client = client(2)) {
      assertThatThrownBy(() -> client.removeRaftNode("node-3"))
          .isInstanceOf(VaultUnavailableException.class);
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void restoreRaftSnapshot_on500_isSentExactlyOnce() throws Exception {
    Path source = home.resolve("s.snap");
    Files.write(source, TestSnapshots.complete());
    vault.enqueue(status(500, "[\"boom\"]"));
    try (VaultRaftClient client = client(2)) {
      assertThatThrownBy(() -> client.restoreRaftSnapshot(source))
          .isInstanceOf(VaultUnavailableException.class);
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void removeRaftNode_onConnectionRefused_isRetried_becauseItNeverReachedVault() throws Exception {
    int port = closedPort();
    MockWebServer late = new MockWebServer();
    late.enqueue(new MockResponse().setResponseCode(204));
    onSleep =
        () -> {
          try {
            late.start(port);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    try (VaultRaftClient client = client(2, "http://127.0.0.1:" + port)) {
      client.removeRaftNode("node-3");
    } finally {
      late.shutdown();
    }
    assertThat(waits).hasSize(1);
    assertThat(late.getRequestCount()).isEqualTo(1);
  }

  @Test
  void idempotentWrite_on500_isRetried() {
    vault.enqueue(status(500, "[\"boom\"]"));
    vault.enqueue(new MockResponse().setResponseCode(204));
    try (VaultRaftClient client = client(2)) {
      client.deleteRaftAutoSnapshotConfig("daily");
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void takeRaftSnapshot_on503BeforeAnyByte_isRetried() throws Exception {
    vault.enqueue(status(503, "[\"no active node\"]"));
    vault.enqueue(VaultResponses.snapshot(TestSnapshots.complete()));
    try (VaultRaftClient client = client(2)) {
      client.takeRaftSnapshot(home.resolve("v.snap"));
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(2);
    assertThat(Files.exists(home.resolve("v.snap"))).isTrue();
  }

  @Test
  void failover_connectionRefused_movesToTheNextAddress_andStaysThere() throws Exception {
    String dead = "http://127.0.0.1:" + closedPort();
    second.enqueue(ok(CONFIG));
    second.enqueue(ok(CONFIG));
    try (VaultRaftClient client = client(0, dead, second.address())) {
      client.readRaftConfig();
      client.readRaftConfig();
    }
    assertThat(second.server().getRequestCount()).isEqualTo(2);
    assertThat(waits).isEmpty();
  }

  @Test
  void failover_sealedNode_movesToTheNextAddress() {
    vault.enqueue(status(503, "[\"Vault is sealed\"]"));
    vault.enqueue(SEALED_NOT_REMOVED);
    second.enqueue(ok(CONFIG));
    try (VaultRaftClient client = client(0, vault.address(), second.address())) {
      assertThat(client.readRaftConfig().index()).isEqualTo(7);
    }
    // The call and the seal-status probe.
    assertThat(vault.server().getRequestCount()).isEqualTo(2);
    assertThat(second.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void failover_removedNode_movesToTheNextAddress_evenForACallSentOnce() {
    // Vault 1.19+ refuses on a node removed from its cluster; it did not act on the request.
    for (MockResponse removed :
        List.of(status(500, "[\"node was removed from a HA cluster\"]"), status(530, "[]"))) {
      vault.enqueue(removed);
      second.enqueue(new MockResponse().setResponseCode(204));
      try (VaultRaftClient client = client(2, vault.address(), second.address())) {
        client.removeRaftNode("node-3");
      }
    }
    assertThat(vault.server().getRequestCount())
        .as("never retried on the removed node")
        .isEqualTo(2);
    assertThat(second.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void failover_joinGoesOnlyToTheFirstAddress() throws Exception {
    String dead = "http://127.0.0.1:" + closedPort();
    try (VaultRaftClient client = client(0, dead, second.address())) {
      assertThatThrownBy(() -> client.joinRaftCluster("http://leader:8200"))
          .isExactlyInstanceOf(VaultClientException.class)
          .hasMessageStartingWith("no answer on POST /v1/sys/storage/raft/join from 127.0.0.1:");
    }
    assertThat(second.server().getRequestCount()).isZero();
  }

  static MockResponse redirectToDeadLeader() throws IOException {
    return new MockResponse()
        .setResponseCode(307)
        .setHeader(
            "Location", "http://127.0.0.1:" + closedPort() + "/v1/sys/storage/raft/configuration");
  }

  @Test
  void readRaftConfig_standbyRedirectsDuringAnElection_isRetriedUntilANewLeaderServes()
      throws Exception {
    vault.enqueue(redirectToDeadLeader());
    vault.enqueue(redirectToDeadLeader());
    vault.enqueue(ok(CONFIG));
    try (VaultRaftClient client = client(2)) {
      assertThat(client.readRaftConfig().index()).isEqualTo(7);
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(3);
    assertThat(waits).hasSize(2);
  }

  @Test
  void failover_standbyRedirect_movesToTheNextAddress() throws Exception {
    vault.enqueue(redirectToDeadLeader());
    second.enqueue(ok(CONFIG));
    try (VaultRaftClient client = client(0, vault.address(), second.address())) {
      assertThat(client.readRaftConfig().index()).isEqualTo(7);
    }
    assertThat(waits).isEmpty();
  }

  @Test
  void removeRaftNode_standbyRedirect_movesOn_becauseTheStandbyDidNotAct() throws Exception {
    vault.enqueue(redirectToDeadLeader());
    second.enqueue(new MockResponse().setResponseCode(204));
    try (VaultRaftClient client = client(0, vault.address(), second.address())) {
      client.removeRaftNode("node-3");
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(1);
    assertThat(second.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void removeRaftNode_standbyNotActive5xx_isNotResentElsewhere() {
    vault.enqueue(status(500, "[\"local node not active but active cluster node not found\"]"));
    try (VaultRaftClient client = client(2, vault.address(), second.address())) {
      assertThatThrownBy(() -> client.removeRaftNode("node-3"))
          .isInstanceOf(io.github.vaultx.raft.StandbyNodeException.class);
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(1);
    assertThat(second.server().getRequestCount()).isZero();
  }

  @Test
  void circuitBreaker_opensAfterRepeated5xx_andThrowsCircuitOpenException() {
    ClientSettings options = new ClientSettings();
    options.environment = Map.of("HOME", home.toString());
    options.addresses = List.of(vault.address());
    options.maxRetries = 0;
    options.breakerWindow = 2;
    vault.enqueue(status(500, "[]"));
    vault.enqueue(status(500, "[]"));
    try (VaultRaftClient client = vault.kind().view(ClientFactory.build(options))) {
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(VaultUnavailableException.class);
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(VaultUnavailableException.class);

      assertThatThrownBy(client::readRaftConfig)
          .isInstanceOf(CircuitOpenException.class)
          .hasCauseInstanceOf(VaultUnavailableException.class)
          .hasMessageStartingWith("circuit open on GET /v1/sys/storage/raft/configuration: ")
          .hasMessageEndingWith(
              "; last failure: 500 on GET /v1/sys/storage/raft/configuration: no error message");
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void circuitBreaker_ignores4xx() {
    ClientSettings options = new ClientSettings();
    options.environment = Map.of("HOME", home.toString());
    options.addresses = List.of(vault.address());
    options.maxRetries = 0;
    options.breakerWindow = 2;
    for (int i = 0; i < 4; i++) {
      vault.enqueue(status(403, "[\"permission denied\"]"));
    }
    try (VaultRaftClient client = vault.kind().view(ClientFactory.build(options))) {
      for (int i = 0; i < 4; i++) {
        assertThatThrownBy(client::readRaftConfig).isInstanceOf(PermissionDeniedException.class);
      }
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(4);
  }
}
