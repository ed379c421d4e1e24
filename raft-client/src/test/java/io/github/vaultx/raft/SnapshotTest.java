package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.internal.MockVault;
import io.github.vaultx.raft.internal.TestSnapshots;
import io.github.vaultx.raft.snapshot.DamagedSnapshotException;
import io.github.vaultx.raft.snapshot.RaftSnapshots;
import io.github.vaultx.raft.testing.VaultResponses;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Snapshot download and restore: streaming, verification, atomic files and redirects. */
@ParameterizedClass
@EnumSource(ClientKind.class)
class SnapshotTest {
  static final String TOKEN = MockVault.TOKEN;

  /** The node the client is given: a standby, which may redirect to {@link #active}. */
  @RegisterExtension final MockVault standby;

  @RegisterExtension final MockVault active;

  final ClientKind kind;

  SnapshotTest(ClientKind kind) {
    this.kind = kind;
    standby = MockVault.create().clients(kind);
    active = MockVault.create().clients(kind);
  }

  @TempDir Path dir;
  VaultRaftClient client;

  @BeforeEach
  void client() {
    client = standby.client();
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** The names of the files in the directory: partial files must never be left behind. */
  List<String> files() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  // ---- download to a file ----

  @Test
  void takeRaftSnapshot_toPath_writesTheBytes_andReportsSizeAndSha256() throws Exception {
    byte[] bytes = TestSnapshots.complete();
    standby.enqueue(VaultResponses.snapshot(bytes));
    Path target = dir.resolve("vault.snap");

    SnapshotInfo info = client.takeRaftSnapshot(target);

    assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
    assertThat(info.sizeBytes()).isEqualTo(bytes.length);
    assertThat(info.sha256()).isEqualTo(sha256(bytes));
    assertThat(info.elapsed()).isPositive();
    assertThat(files()).containsExactly("vault.snap");
    RecordedRequest request = standby.server().takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/snapshot");
    assertThat(request.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
    assertThat(request.getHeader("Accept-Encoding")).isEqualTo("identity");
  }

  @Test
  void takeRaftSnapshot_withListener_reportsGrowingCountsEndingAtTheSize() throws Exception {
    ByteArrayOutputStream large = new ByteArrayOutputStream();
    TestSnapshots.streamLarge(large, 3L * 1024 * 1024);
    byte[] bytes = large.toByteArray();
    standby.enqueue(VaultResponses.snapshot(bytes));
    List<Long> reports = new java.util.concurrent.CopyOnWriteArrayList<>();

    SnapshotInfo info = client.takeRaftSnapshot(dir.resolve("vault.snap"), reports::add);

    assertThat(info.sizeBytes()).isEqualTo(bytes.length);
    assertThat(reports).hasSizeGreaterThan(2).isSorted().last().isEqualTo((long) bytes.length);
  }

  @Test
  void takeRaftSnapshot_listenerThrows_endsTheDownload_andLeavesNoFile() throws Exception {
    standby.enqueue(VaultResponses.snapshot(TestSnapshots.complete()));

    assertThatThrownBy(
            () ->
                client.takeRaftSnapshot(
                    dir.resolve("vault.snap"),
                    bytes -> {
                      throw new IllegalStateException("display gone");
                    }))
        .hasMessage("display gone");
    assertThat(files()).isEmpty();
  }

  @Test
  void takeRaftSnapshot_nullListener_isRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> client.takeRaftSnapshot(dir.resolve("vault.snap"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("progress");
    assertThat(standby.server().getRequestCount()).isZero();
  }

  @Test
  void takeRaftSnapshot_toPath_replacesAnExistingFileOnlyOnSuccess() throws Exception {
    Path target = dir.resolve("vault.snap");
    Files.writeString(target, "old snapshot");
    byte[] bytes = TestSnapshots.complete();
    standby.enqueue(VaultResponses.snapshot(bytes));

    client.takeRaftSnapshot(target);

    assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
  }

  @Test
  void takeRaftSnapshot_withoutSealedSums_throwsIncomplete_andLeavesNoFile() throws Exception {
    standby.enqueue(VaultResponses.snapshot(TestSnapshots.withoutSealedSums()));
    Path target = dir.resolve("vault.snap");

    assertThatThrownBy(() -> client.takeRaftSnapshot(target))
        .isInstanceOf(IncompleteSnapshotException.class)
        .hasMessageStartingWith("incomplete snapshot on GET /v1/sys/storage/raft/snapshot after ")
        .hasMessageContaining("SHA256SUMS.sealed");
    assertThat(files()).isEmpty();
  }

  @Test
  void takeRaftSnapshot_incomplete_leavesAnExistingTargetUntouched() throws Exception {
    Path target = dir.resolve("vault.snap");
    Files.writeString(target, "the good old snapshot");
    standby.enqueue(VaultResponses.snapshot(TestSnapshots.withEmptySealedSums()));

    assertThatThrownBy(() -> client.takeRaftSnapshot(target))
        .isInstanceOf(IncompleteSnapshotException.class);

    assertThat(Files.readString(target)).isEqualTo("the good old snapshot");
    assertThat(files()).containsExactly("vault.snap");
  }

  @Test
  void takeRaftSnapshot_connectionCutMidStream_throwsIncomplete_andLeavesNoFile() throws Exception {
    Path target = dir.resolve("vault.snap");
    Files.writeString(target, "previous");
    byte[] big = new byte[256 * 1024];
    new java.util.Random(1).nextBytes(big);
    standby.enqueue(
        VaultResponses.snapshot(big).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    assertThatThrownBy(() -> client.takeRaftSnapshot(target))
        .isInstanceOf(IncompleteSnapshotException.class)
        .hasMessageContaining("incomplete snapshot on GET /v1/sys/storage/raft/snapshot");

    assertThat(Files.readString(target)).isEqualTo("previous");
    assertThat(files()).containsExactly("vault.snap");
  }

  @Test
  void takeRaftSnapshot_notGzip_throwsIncomplete() throws Exception {
    standby.enqueue(VaultResponses.snapshot("not a snapshot".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> client.takeRaftSnapshot(dir.resolve("x.snap")))
        .isInstanceOf(IncompleteSnapshotException.class)
        .hasMessageContaining("not a complete gzipped tar");
    assertThat(files()).isEmpty();
  }

  @Test
  void takeRaftSnapshot_withoutPermission_throwsPermissionDenied_andLeavesNoFile()
      throws Exception {
    standby.enqueue(
        new MockResponse().setResponseCode(403).setBody("{\"errors\":[\"permission denied\"]}"));
    assertThatThrownBy(() -> client.takeRaftSnapshot(dir.resolve("x.snap")))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("403 on GET /v1/sys/storage/raft/snapshot: permission denied");
    assertThat(files()).isEmpty();
  }

  @Test
  void takeRaftSnapshot_toDirectoryOrMissingDirectory_isRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> client.takeRaftSnapshot(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("target must be a file");
    assertThatThrownBy(() -> client.takeRaftSnapshot(dir.resolve("missing/x.snap")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("target must be in an existing directory");
    assertThat(standby.server().getRequestCount()).isZero();
  }

  // ---- download to a stream ----

  @Test
  void takeRaftSnapshot_toStream_writesAndVerifies() throws Exception {
    byte[] bytes = TestSnapshots.complete();
    standby.enqueue(VaultResponses.snapshot(bytes));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SnapshotInfo info = client.takeRaftSnapshot(out);

    assertThat(out.toByteArray()).isEqualTo(bytes);
    assertThat(info.sha256()).isEqualTo(sha256(bytes));
  }

  @Test
  void takeRaftSnapshot_toStream_incomplete_throwsAfterWriting() {
    byte[] bytes = TestSnapshots.withoutSealedSums();
    standby.enqueue(VaultResponses.snapshot(bytes));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(() -> client.takeRaftSnapshot(out))
        .isInstanceOf(IncompleteSnapshotException.class);
    assertThat(out.size()).isEqualTo(bytes.length);
  }

  // ---- redirects ----

  @Test
  void takeRaftSnapshot_onStandby_follows307ToActiveNode_keepingTheToken() throws Exception {
    byte[] bytes = TestSnapshots.complete();
    standby.enqueue(
        new MockResponse()
            .setResponseCode(307)
            .setHeader("Location", active.server().url("/v1/sys/storage/raft/snapshot")));
    active.enqueue(VaultResponses.snapshot(bytes));

    SnapshotInfo info = client.takeRaftSnapshot(dir.resolve("vault.snap"));

    assertThat(info.sizeBytes()).isEqualTo(bytes.length);
    assertThat(standby.server().takeRequest().getPath()).isEqualTo("/v1/sys/storage/raft/snapshot");
    RecordedRequest followed = active.server().takeRequest();
    assertThat(followed.getMethod()).isEqualTo("GET");
    assertThat(followed.getPath()).isEqualTo("/v1/sys/storage/raft/snapshot");
    assertThat(followed.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
  }

  @Test
  void takeRaftSnapshot_withRedirectsDisabled_throwsStandbyNodeException() throws Exception {
    client = standby.newClient(options -> options.disableRedirects = true);
    standby.enqueue(
        new MockResponse()
            .setResponseCode(307)
            .setHeader("Location", active.server().url("/v1/sys/storage/raft/snapshot")));

    assertThatThrownBy(() -> client.takeRaftSnapshot(dir.resolve("vault.snap")))
        .isInstanceOf(StandbyNodeException.class)
        .hasMessage(
            "307 on GET /v1/sys/storage/raft/snapshot: redirected to the active node, but"
                + " redirects are disabled");
    assertThat(active.server().getRequestCount()).isZero();
    assertThat(files()).isEmpty();
  }

  @Test
  void takeRaftSnapshot_redirectLoop_stopsAfterThreeHops() {
    for (int i = 0; i < 4; i++) {
      standby.enqueue(
          new MockResponse()
              .setResponseCode(307)
              .setHeader("Location", "/v1/sys/storage/raft/snapshot"));
    }
    assertThatThrownBy(() -> client.takeRaftSnapshot(dir.resolve("vault.snap")))
        .isInstanceOf(StandbyNodeException.class)
        .hasMessageContaining("more than 3 redirects");
    assertThat(standby.server().getRequestCount()).isEqualTo(4);
  }

  @Test
  void takeRaftSnapshot_redirectFromHttpsToHttp_isRefused() throws Exception {
    // Only this test needs an https standby: started here rather than around every test.
    try (MockVault https = MockVault.https(standby.server().getHostName()).clients(kind).start()) {
      https.enqueue(
          new MockResponse()
              .setResponseCode(307)
              .setHeader("Location", active.server().url("/v1/sys/storage/raft/snapshot")));
      VaultRaftClient tlsClient = https.newClient(options -> options.caCert = https.caFile());

      assertThatThrownBy(() -> tlsClient.takeRaftSnapshot(dir.resolve("vault.snap")))
          .isInstanceOf(StandbyNodeException.class)
          .hasMessageContaining("redirect from https to http refused");
      assertThat(https.server().getRequestCount()).isEqualTo(1);
      assertThat(active.server().getRequestCount()).isZero();
    }
  }

  @Test
  void takeRaftSnapshot_httpOnlyClientRedirectedToHttps_throwsStandbyNodeException()
      throws Exception {
    // A client given only http addresses sets up no TLS; the upgrade is refused, not crashed on.
    standby.enqueue(
        new MockResponse()
            .setResponseCode(307)
            .setHeader("Location", "https://127.0.0.1:1/v1/sys/storage/raft/snapshot"));

    assertThatThrownBy(() -> client.takeRaftSnapshot(dir.resolve("vault.snap")))
        .isInstanceOf(StandbyNodeException.class)
        .hasMessageContaining("redirect from http to https");
    assertThat(files()).isEmpty();
  }

  // ---- restore ----

  @Test
  void restoreRaftSnapshot_streamsTheFile_andAccepts204() throws Exception {
    byte[] bytes = TestSnapshots.complete();
    Path source = dir.resolve("in.snap");
    Files.write(source, bytes);
    standby.enqueue(new MockResponse().setResponseCode(204));

    client.restoreRaftSnapshot(source);

    RecordedRequest request = standby.server().takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/snapshot");
    assertThat(request.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(request.getHeader("Content-Length")).isEqualTo(String.valueOf(bytes.length));
    assertThat(request.getBody().readByteArray()).isEqualTo(bytes);
  }

  @Test
  void restoreRaftSnapshot_withListener_reportsTheBytesSent_andStartsAgainOnRedirect()
      throws Exception {
    ByteArrayOutputStream large = new ByteArrayOutputStream();
    TestSnapshots.streamLarge(large, 2L * 1024 * 1024);
    byte[] bytes = large.toByteArray();
    Path source = dir.resolve("in.snap");
    Files.write(source, bytes);
    standby.enqueue(
        new MockResponse()
            .setResponseCode(307)
            .setHeader("Location", active.server().url("/v1/sys/storage/raft/snapshot")));
    active.enqueue(new MockResponse().setResponseCode(204));
    List<Long> reports = new java.util.concurrent.CopyOnWriteArrayList<>();

    // A large synthetic stream, not a Raft snapshot: this test is about the upload's progress.
    client.restoreRaftSnapshot(source, reports::add, RestoreOption.SKIP_LOCAL_VERIFICATION);

    assertThat(active.server().takeRequest(5, TimeUnit.SECONDS).getBody().readByteArray())
        .isEqualTo(bytes);
    assertThat(reports).last().isEqualTo((long) bytes.length);
    // The redirect's retry begins a second count from the start of the file.
    assertThat(reports.stream().filter(n -> n == bytes.length).count()).isEqualTo(2);
    assertThat(reports).hasSizeGreaterThan(2);
  }

  @Test
  void forceRestoreRaftSnapshot_postsToSnapshotForce() throws Exception {
    byte[] bytes = TestSnapshots.complete();
    Path source = dir.resolve("in.snap");
    Files.write(source, bytes);
    standby.enqueue(new MockResponse().setResponseCode(204));

    client.forceRestoreRaftSnapshot(source);

    RecordedRequest request = standby.server().takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/snapshot-force");
    assertThat(request.getBody().readByteArray()).isEqualTo(bytes);
  }

  @Test
  void restoreRaftSnapshot_onStandby_follows307AndSendsTheFileAgain() throws Exception {
    byte[] bytes = TestSnapshots.complete();
    Path source = dir.resolve("in.snap");
    Files.write(source, bytes);
    standby.enqueue(
        new MockResponse()
            .setResponseCode(307)
            .setHeader("Location", active.server().url("/v1/sys/storage/raft/snapshot")));
    active.enqueue(new MockResponse().setResponseCode(204));

    client.restoreRaftSnapshot(source);

    assertThat(standby.server().takeRequest(5, TimeUnit.SECONDS)).isNotNull();
    RecordedRequest followed = active.server().takeRequest(5, TimeUnit.SECONDS);
    assertThat(followed.getMethod()).isEqualTo("POST");
    assertThat(followed.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
    assertThat(followed.getBody().readByteArray()).isEqualTo(bytes);
  }

  // ---- big restores: checked while they are sent ----

  /** The bytes a restore holds back until its check passed (SnapshotUpload.HOLD). */
  static final int HOLD = 64 * 1024;

  /** A 3 MiB snapshot of random values, past the first MiB checked before the request. */
  static Map<String, byte[]> bigEntries() {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    Random random = new Random(11);
    for (int i = 0; i < 48; i++) {
      byte[] value = new byte[64 * 1024];
      random.nextBytes(value);
      keys.put("logical/big/" + i, value);
    }
    return TestSnapshots.intactEntries(keys);
  }

  @Test
  void restoreRaftSnapshot_bigIntactFile_isSentWhole() throws Exception {
    byte[] bytes = TestSnapshots.gzipTar(bigEntries());
    Path source = Files.write(dir.resolve("big.snap"), bytes);
    standby.enqueue(new MockResponse().setResponseCode(204));

    client.restoreRaftSnapshot(source);

    RecordedRequest sent = standby.server().takeRequest(5, TimeUnit.SECONDS);
    assertThat(sent.getBody().readByteArray()).isEqualTo(bytes);
  }

  @Test
  void restoreRaftSnapshot_bigFileDamagedNearItsEnd_isAbandonedBeforeItsLastBytes()
      throws Exception {
    Map<String, byte[]> entries = bigEntries();
    byte[] state = entries.get("state.bin").clone();
    state[state.length - 10] ^= 1; // found only once SHA256SUMS, after state.bin, is read
    entries.put("state.bin", state);
    byte[] bytes = TestSnapshots.gzipTar(entries);
    Path source = Files.write(dir.resolve("big.snap"), bytes);
    String verdict = catchThrowable(() -> RaftSnapshots.verify(source)).getMessage();
    assertThat(verdict).contains("state.bin has SHA-256 ");
    // MockWebServer dispatches an abandoned request too: answer every request, queue nothing.
    standby
        .server()
        .setDispatcher(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                return VaultResponses.noContent();
              }
            });

    assertThatThrownBy(() -> client.restoreRaftSnapshot(source))
        .isInstanceOf(DamagedSnapshotException.class)
        .hasMessage(verdict);

    // The check may end before the request starts (then none is sent); the hold itself is shown
    // without a race by RestoreCheckTest.
    RecordedRequest abandoned = standby.server().takeRequest(1, TimeUnit.SECONDS);
    int abandonedRequests = abandoned == null ? 0 : 1;
    if (abandoned != null) {
      assertThat(abandoned.getPath()).isEqualTo("/v1/sys/storage/raft/snapshot");
      assertThat(abandoned.getBodySize())
          .as("bytes the server got of %s", bytes.length)
          .isLessThanOrEqualTo(bytes.length - HOLD);
    }
    // A half-sent connection is not reused: the next call gets its own, and all its bytes.
    byte[] small = TestSnapshots.complete();
    client.restoreRaftSnapshot(Files.write(dir.resolve("small.snap"), small));
    RecordedRequest next = standby.server().takeRequest(5, TimeUnit.SECONDS);
    assertThat(next.getBody().readByteArray()).isEqualTo(small);
    assertThat(next.getSequenceNumber()).as("requests before it on its connection").isZero();
    assertThat(standby.server().getRequestCount()).isEqualTo(abandonedRequests + 1);
  }

  @Test
  void restoreRaftSnapshot_bigFileThatIsNoSnapshot_isRefusedBeforeAnyRequest() throws Exception {
    byte[] bytes = new byte[3 * 1024 * 1024];
    new Random(5).nextBytes(bytes);
    Path source = Files.write(dir.resolve("noise.snap"), bytes);

    assertThatThrownBy(() -> client.forceRestoreRaftSnapshot(source))
        .isInstanceOf(DamagedSnapshotException.class)
        .hasMessageContaining("it is not a gzip file");
    assertThat(standby.server().getRequestCount()).isZero();
  }

  @Test
  void restoreRaftSnapshot_bigFileCutShort_isAbandonedBeforeItsEnd() throws Exception {
    byte[] whole = TestSnapshots.gzipTar(bigEntries());
    byte[] bytes = java.util.Arrays.copyOf(whole, whole.length - 1000);
    Path source = Files.write(dir.resolve("cut.snap"), bytes);

    assertThatThrownBy(() -> client.restoreRaftSnapshot(source))
        .isInstanceOf(DamagedSnapshotException.class)
        .hasMessageContaining("the file ends early");
    // Refused before the request, or during it before the file's last 64 KiB: a race.
    RecordedRequest abandoned = standby.server().takeRequest(1, TimeUnit.SECONDS);
    if (abandoned != null) {
      assertThat(abandoned.getBodySize()).isLessThanOrEqualTo(bytes.length - HOLD);
    }
  }

  @Test
  void restoreRaftSnapshot_bigFile_onStandby_follows307AndSendsItWhole() throws Exception {
    byte[] bytes = TestSnapshots.gzipTar(bigEntries());
    Path source = Files.write(dir.resolve("big.snap"), bytes);
    standby.enqueue(
        new MockResponse()
            .setResponseCode(307)
            .setHeader("Location", active.server().url("/v1/sys/storage/raft/snapshot")));
    active.enqueue(new MockResponse().setResponseCode(204));

    client.restoreRaftSnapshot(source);

    assertThat(active.server().takeRequest(5, TimeUnit.SECONDS).getBody().readByteArray())
        .isEqualTo(bytes);
  }

  @Test
  void restoreRaftSnapshot_withOtherUnsealKeys_throwsInvalidRequestException() throws Exception {
    Path source = dir.resolve("in.snap");
    Files.write(source, TestSnapshots.complete());
    standby.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setBody(
                "{\"errors\":[\"could not verify hash file, possibly the snapshot is using a"
                    + " different set of unseal keys; use the snapshot-force API to bypass this"
                    + " check\"]}"));

    assertThatThrownBy(() -> client.restoreRaftSnapshot(source))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("400 on POST /v1/sys/storage/raft/snapshot: could not verify");
  }

  /**
   * The answer both servers give when the listener's http_read_timeout cuts a restore (seen on
   * OpenBao 2.7.2 with a 1 s deadline): the client names the setting the server's words leave out.
   */
  @Test
  void restoreRaftSnapshot_cutByTheServersReadDeadline_namesHttpReadTimeout() throws Exception {
    Path source = dir.resolve("in.snap");
    Files.write(source, TestSnapshots.complete());
    standby.enqueue(
        VaultResponses.vaultError(
            500,
            "1 error occurred:\n\t* failed to read snapshot file: failed to read or write snapshot"
                + " data: read tcp 127.0.0.1:18220->127.0.0.1:57636: i/o timeout\n\n"));

    assertThatThrownBy(() -> client.restoreRaftSnapshot(source))
        .isInstanceOf(VaultServerException.class)
        .hasMessageContaining("i/o timeout")
        .hasMessageContaining("http_read_timeout (30s unless set) bounds a whole upload");
  }

  @Test
  void takeRaftSnapshot_serverSideIoTimeout_isNotBlamedOnTheReadDeadline() {
    standby.enqueue(
        VaultResponses.vaultError(500, "failed to write snapshot: write tcp x->y: i/o timeout"));

    assertThatThrownBy(() -> client.takeRaftSnapshot(dir.resolve("out.snap")))
        .isInstanceOf(VaultServerException.class)
        .hasMessageContaining("i/o timeout")
        .hasMessageNotContaining("http_read_timeout");
  }

  @Test
  void restoreRaftSnapshot_missingFileOrDirectory_isRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> client.restoreRaftSnapshot(dir.resolve("missing.snap")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("source must be an existing regular file");
    assertThatThrownBy(() -> client.forceRestoreRaftSnapshot(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("source must be an existing regular file (not a directory)");
    assertThatThrownBy(() -> client.restoreRaftSnapshot(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("source must not be null");
    assertThat(standby.server().getRequestCount()).isZero();
  }
}
