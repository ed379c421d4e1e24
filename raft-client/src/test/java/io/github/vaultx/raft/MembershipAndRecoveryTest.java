package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.internal.MockVault;
import io.github.vaultx.raft.internal.TestSnapshots;
import io.github.vaultx.raft.snapshot.DamagedSnapshotException;
import io.github.vaultx.raft.testing.VaultResponses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The endpoints of issue 17 against MockWebServer: promote, demote, bootstrap, the Enterprise
 * snapshot-load family and the recovery of single paths, with each server's own error answers
 * (docs/servers.md), and removed nodes in failover; for both clients.
 */
@ParameterizedClass
@EnumSource(ClientKind.class)
class MembershipAndRecoveryTest {
  static final String TOKEN = "hvs.TEST-TOKEN-abcdef123456";
  static final String UNSUPPORTED = VaultRaftClientTest.UNSUPPORTED;
  static final String LOADED =
      "{\"request_id\":\"r\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,"
          + "\"data\":{\"cluster_id\":\"c-1\",\"created_at\":\"2025-05-22T15:07:58.187769+01:00\","
          + "\"expires_at\":\"2025-05-25T15:07:58.187769+01:00\",\"snapshot_id\":\"snap-1\","
          + "\"status\":\"loading\"},\"wrap_info\":null,\"warnings\":null,\"auth\":null}";

  @RegisterExtension final MockVault vault;

  MembershipAndRecoveryTest(ClientKind kind) {
    vault = MockVault.create().clients(kind).configure(o -> o.token = TOKEN);
  }

  @TempDir Path dir;

  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = vault.server().takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  // ---- promote, demote ----

  @Test
  void promoteAndDemote_sendTheNodeId_withTheToken() throws Exception {
    vault.enqueue(new MockResponse().setResponseCode(204));
    vault.enqueue(new MockResponse().setResponseCode(204));

    vault.client().promoteRaftNode("node-3");
    vault.client().demoteRaftNode("node-2");

    RecordedRequest promote = take();
    assertThat(promote.getMethod()).isEqualTo("POST");
    assertThat(promote.getPath()).isEqualTo("/v1/sys/storage/raft/promote");
    assertThat(promote.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
    assertThat(promote.getBody().readUtf8()).isEqualTo("{\"server_id\":\"node-3\"}");
    RecordedRequest demote = take();
    assertThat(demote.getPath()).isEqualTo("/v1/sys/storage/raft/demote");
    assertThat(demote.getBody().readUtf8()).isEqualTo("{\"server_id\":\"node-2\"}");
  }

  @Test
  void promote_onHashiCorpVault_throwsUnsupportedEndpoint_notNotFound() {
    vault.enqueue(VaultResponses.json(404, UNSUPPORTED));

    assertThatThrownBy(() -> vault.client().promoteRaftNode("node-3"))
        .isInstanceOf(UnsupportedEndpointException.class)
        .isNotInstanceOf(NotFoundException.class)
        .isNotInstanceOf(EnterpriseOnlyException.class)
        .hasMessage(
            "404 on POST /v1/sys/storage/raft/promote: this server does not serve this endpoint"
                + " (it answered: 1 error occurred: * unsupported path)");
    assertThat(vault.server().getRequestCount()).as("never retried").isEqualTo(1);
  }

  @Test
  void demote_ofANonVoter_givesOpenBaosReason_andIsSentOnce() {
    vault.enqueue(
        VaultResponses.vaultError(500, "1 error occurred:\n\t* server is already a non-voter\n\n"));

    assertThatThrownBy(() -> vault.client().demoteRaftNode("node-2"))
        .isInstanceOf(VaultUnavailableException.class)
        .hasMessageContaining("server is already a non-voter");
    assertThat(vault.server().getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "node\n3"})
  void promote_withABadNodeId_sendsNothing(String nodeId) {
    assertThatThrownBy(() -> vault.client().promoteRaftNode(nodeId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("nodeId");
    assertThat(vault.server().getRequestCount()).isZero();
  }

  // ---- bootstrap ----

  @Test
  void bootstrap_isSentWithoutToken_toTheFirstAddressOnly() throws Exception {
    vault.enqueue(new MockResponse().setResponseCode(200));

    vault.client().bootstrapRaftCluster();

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/bootstrap");
    assertThat(request.getHeader("X-Vault-Token")).isNull();
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void bootstrap_ofANodeWithState_givesTheReason_once() {
    vault.enqueue(
        VaultResponses.vaultError(
            500,
            "could not bootstrap clustered storage: error bootstrapping cluster: cluster already"
                + " has state"));

    assertThatThrownBy(() -> vault.client().bootstrapRaftCluster())
        .isInstanceOf(VaultUnavailableException.class)
        .hasMessageContaining("cluster already has state");
    assertThat(vault.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void bootstrap_ofASealedNode_readsTheFirstOfTheTwoErrorBodiesBothServersWrite() {
    // Both servers' handler goes on after the first error: two JSON bodies back to back (400).
    vault.enqueue(
        VaultResponses.json(
            400,
            "{\"errors\":[\"node must be unsealed to bootstrap\"]}\n"
                + "{\"errors\":[\"could not bootstrap clustered storage: error bootstrapping"
                + " cluster: cluster already has state\"]}\n"));

    assertThatThrownBy(() -> vault.client().bootstrapRaftCluster())
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.errors()).containsExactly("node must be unsealed to bootstrap"));
  }

  // ---- snapshot-load ----

  @Test
  void loadRaftSnapshot_streamsTheVerifiedFile_andReadsTheId() throws Exception {
    byte[] snapshot = TestSnapshots.complete();
    Path file = Files.write(dir.resolve("s.snap"), snapshot);
    vault.enqueue(VaultResponses.json(200, LOADED));

    LoadedSnapshot loaded = vault.client().loadRaftSnapshot(file);

    assertThat(loaded)
        .isEqualTo(
            new LoadedSnapshot(
                "snap-1",
                "loading",
                "c-1",
                null,
                Instant.parse("2025-05-22T14:07:58.187769Z"),
                Instant.parse("2025-05-25T14:07:58.187769Z")));
    assertThat(loaded.ready()).isFalse();
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/snapshot-load");
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(request.getBody().readByteArray()).isEqualTo(snapshot);
  }

  @Test
  void loadRaftSnapshot_ofADamagedFile_sendsNothing() throws Exception {
    Path file = Files.write(dir.resolve("bad.snap"), TestSnapshots.withoutSealedSums());

    assertThatThrownBy(() -> vault.client().loadRaftSnapshot(file))
        .isInstanceOf(DamagedSnapshotException.class);
    assertThat(vault.server().getRequestCount()).isZero();
  }

  @Test
  void snapshotLoadFamily_onOpenSourceServers_throwsEnterpriseOnly() throws Exception {
    Path file = Files.write(dir.resolve("s.snap"), TestSnapshots.complete());
    for (int i = 0; i < 5; i++) {
      vault.enqueue(VaultResponses.json(404, UNSUPPORTED));
    }
    VaultRaftClient client = vault.client();
    List<Runnable> calls =
        List.of(
            () -> client.loadRaftSnapshot(file),
            client::listRaftLoadedSnapshots,
            () -> client.readRaftLoadedSnapshot("snap-1"),
            () -> client.unloadRaftSnapshot("snap-1", true),
            () -> client.loadRaftAutoSnapshot("daily", "s3://bucket/a.snap"));
    for (Runnable call : calls) {
      assertThatThrownBy(call::run).isInstanceOf(EnterpriseOnlyException.class);
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(5);
  }

  @Test
  void listReadUnloadAndAutoLoad_sendVaultsRequests() throws Exception {
    vault.enqueue(
        VaultResponses.json(
            200, "{\"data\":{\"keys\":[\"snap-1\"]},\"warnings\":null,\"auth\":null}"));
    vault.enqueue(VaultResponses.json(200, LOADED.replace("loading", "ready")));
    vault.enqueue(new MockResponse().setResponseCode(204));
    vault.enqueue(new MockResponse().setResponseCode(204));
    vault.enqueue(VaultResponses.json(200, LOADED));
    vault.enqueue(VaultResponses.json(404, "{\"errors\":[]}"));
    VaultRaftClient client = vault.client();

    assertThat(client.listRaftLoadedSnapshots()).containsExactly("snap-1");
    assertThat(client.readRaftLoadedSnapshot("snap-1").ready()).isTrue();
    client.unloadRaftSnapshot("snap-1");
    client.unloadRaftSnapshot("snap-1", true);
    assertThat(client.loadRaftAutoSnapshot("daily", "s3://bucket/a.snap").snapshotId())
        .isEqualTo("snap-1");
    assertThat(client.listRaftLoadedSnapshots()).as("404 without errors: none").isEmpty();

    assertThat(take().getPath()).isEqualTo("/v1/sys/storage/raft/snapshot-load?list=true");
    assertThat(take().getPath()).isEqualTo("/v1/sys/storage/raft/snapshot-load/snap-1");
    RecordedRequest unload = take();
    assertThat(unload.getMethod()).isEqualTo("DELETE");
    assertThat(unload.getPath()).isEqualTo("/v1/sys/storage/raft/snapshot-load/snap-1");
    assertThat(take().getPath()).isEqualTo("/v1/sys/storage/raft/snapshot-load/snap-1?force=true");
    RecordedRequest auto = take();
    assertThat(auto.getPath()).isEqualTo("/v1/sys/storage/raft/snapshot-auto/snapshot-load/daily");
    assertThat(auto.getBody().readUtf8()).isEqualTo("{\"url\":\"s3://bucket/a.snap\"}");
  }

  @Test
  void readRaftLoadedSnapshot_withAnIdThatCouldLeaveThePath_sendsNothing() {
    for (String id : List.of("../x", "a/b", "a?b", ".")) {
      assertThatThrownBy(() -> vault.client().readRaftLoadedSnapshot(id))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("snapshotId");
    }
    assertThat(vault.server().getRequestCount()).isZero();
  }

  // ---- reading and recovering single paths ----

  @Test
  void readFromLoadedSnapshot_sendsTheIdAsQuery_andReturnsTheData() throws Exception {
    vault.enqueue(
        VaultResponses.json(
            200,
            "{\"data\":{\"password\":\"old\",\"n\":null},\"warnings\":null,\"lease_duration\":0}"));

    Map<String, Object> data = vault.client().readFromLoadedSnapshot("snap-1", "secret/app/db");

    assertThat(data).containsEntry("password", "old").containsEntry("n", null);
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/v1/secret/app/db?read_snapshot_id=snap-1");
  }

  @Test
  void readFromLoadedSnapshot_onOpenBao_whichIgnoresTheId_neverReturnsTheLiveData() {
    // OpenBao 2.7's real answer: the live data, with a warning (docs/servers.md).
    vault.enqueue(
        VaultResponses.json(
            200,
            "{\"data\":{\"a\":\"live\"},\"warnings\":[\"Endpoint ignored these unrecognized"
                + " parameters: [read_snapshot_id]\"]}"));

    assertThatThrownBy(() -> vault.client().readFromLoadedSnapshot("snap-1", "kv1/foo"))
        .isInstanceOf(EnterpriseOnlyException.class)
        .hasMessage(
            "200 on GET /v1/kv1/foo: this endpoint needs Vault Enterprise (the server answered:"
                + " Endpoint ignored these unrecognized parameters: [read_snapshot_id])");
  }

  @Test
  void recoverFromLoadedSnapshot_usesVaultsRecoverMethod_headerAndQuery_noBody() throws Exception {
    vault.enqueue(new MockResponse().setResponseCode(204));

    vault.client().recoverFromLoadedSnapshot("snap-1", "secret/app/db");

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("RECOVER");
    assertThat(request.getPath()).isEqualTo("/v1/secret/app/db?recover_snapshot_id=snap-1");
    assertThat(request.getHeader("X-Vault-Recover-Snapshot-Id")).isEqualTo("snap-1");
    assertThat(request.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void recover_onOpenBao_405_andOnVaultCe_throwEnterpriseOnly() {
    vault.enqueue(VaultResponses.json(405, "{\"errors\":[]}"));
    vault.enqueue(
        VaultResponses.vaultError(400, "unable to lock snapshot: loaded snapshots not supported"));

    assertThatThrownBy(() -> vault.client().recoverFromLoadedSnapshot("snap-1", "kv1/foo"))
        .isInstanceOf(EnterpriseOnlyException.class)
        .hasFieldOrPropertyWithValue("statusCode", 405);
    assertThatThrownBy(() -> vault.client().recoverFromLoadedSnapshot("snap-1", "kv1/foo"))
        .isInstanceOf(EnterpriseOnlyException.class)
        .hasFieldOrPropertyWithValue("statusCode", 400);
    assertThat(vault.server().getRequestCount()).as("neither is retried").isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "/secret/a", "secret/a/", "secret//a", "secret/../sys/raw", "a/./b", "a b"})
  void recoveryPaths_thatCouldLeaveTheMountOrAreMalformed_sendNothing(String path) {
    assertThatThrownBy(() -> vault.client().recoverFromLoadedSnapshot("snap-1", path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("path");
    assertThatThrownBy(() -> vault.client().readFromLoadedSnapshot("snap-1", path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("path");
    assertThat(vault.server().getRequestCount()).isZero();
  }

  // ---- removed nodes ----

  @Test
  void joinOfARemovedNode_throwsRemovedNodeException() {
    vault.enqueue(
        VaultResponses.vaultError(
            500,
            "failed to join raft cluster: node has been removed from the HA cluster. All vault"
                + " data for this node must be cleaned up before it can be added back"));

    assertThatThrownBy(() -> vault.client().joinRaftCluster("http://127.0.0.1:8200"))
        .isInstanceOf(RemovedNodeException.class)
        .hasMessageContaining("the node was removed from its Raft cluster");
    assertThat(vault.server().getRequestCount()).isEqualTo(1);
  }
}
