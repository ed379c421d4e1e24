package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.internal.TestSnapshots;
import io.github.vaultx.raft.snapshot.DamagedSnapshotException;
import io.github.vaultx.raft.snapshot.RaftSnapshots;
import io.github.vaultx.raft.snapshot.SnapshotFileCheck;
import io.github.vaultx.raft.snapshot.SnapshotInspection;
import io.github.vaultx.raft.snapshot.SnapshotKeyPrefix;
import io.github.vaultx.raft.snapshot.SnapshotServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline inspection and verification on a real snapshot (taken from a 3-node OpenBao 2.7.2 cluster
 * after writing 5 keys under {@code fixture-kv/a/} and 3 under {@code fixture-kv/b/}, a kv-v1
 * mount) and on damaged copies of it; a damaged file is refused before any request.
 */
class RaftSnapshotsTest {
  static final String OPENBAO = "/snapshots/openbao-2.7.2.snap";

  @TempDir Path dir;
  MockWebServer server;
  VaultRaftClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client =
        VaultRaftClient.builder()
            .environment(Map.of("HOME", dir.toString()))
            .address(server.url("/").toString())
            .token("t")
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.shutdown();
  }

  // ---- an intact snapshot from the real server ----

  @Test
  void inspect_realOpenBaoSnapshot_readsMetadataHashesAndKeys() throws Exception {
    Path file = fixture(OPENBAO);
    Map<String, byte[]> entries = untar(Files.readAllBytes(file));

    SnapshotInspection s = RaftSnapshots.inspect(file);

    assertThat(s.intact()).as("%s", s.problems()).isTrue();
    assertThat(s.id()).isEqualTo("bolt-snapshot");
    assertThat(s.version()).isEqualTo(1);
    assertThat(s.index()).isPositive();
    assertThat(s.term()).isPositive();
    assertThat(s.configurationIndex()).isPositive().isLessThanOrEqualTo(s.index());
    assertThat(s.fileBytes()).isEqualTo(Files.size(file));
    assertThat(s.servers())
        .extracting(SnapshotServer::nodeId, SnapshotServer::suffrage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("node1", "voter"),
            org.assertj.core.groups.Tuple.tuple("node2", "voter"),
            org.assertj.core.groups.Tuple.tuple("node3", "voter"));
    assertThat(s.servers()).allSatisfy(v -> assertThat(v.address()).startsWith("127.0.0.1:"));
    byte[] state = entries.get("state.bin");
    assertThat(s.size()).isEqualTo(state.length);
    assertThat(s.stateBin())
        .isEqualTo(
            new SnapshotFileCheck(
                "state.bin",
                state.length,
                TestSnapshots.sha256(state),
                TestSnapshots.sha256(state)));
    assertThat(s.metaJson().matches()).isTrue();
    assertThat(s.metaJson().computedSha256())
        .isEqualTo(TestSnapshots.sha256(entries.get("meta.json")));
    assertThat(s.sealedSumsPresent()).isTrue();
    assertThat(s.keys()).isEqualTo(41);
    assertThat(s.prefixes()).isEmpty();
    assertThat(RaftSnapshots.verify(file)).isEqualTo(s);
  }

  @Test
  void inspect_withDepthAndFilter_countsTheKeysWrittenThroughTheApi() throws Exception {
    Path file = fixture(OPENBAO);

    SnapshotInspection s = RaftSnapshots.inspect(file, 3, "logical/");

    // Each kv mount stores its keys under logical/<mount uuid>/; ours are fixture-kv/a and /b.
    assertThat(s.prefixes())
        .filteredOn(p -> p.prefix().endsWith("/a/"))
        .singleElement()
        .satisfies(p -> assertThat(p.keys()).isEqualTo(5));
    assertThat(s.prefixes())
        .filteredOn(p -> p.prefix().endsWith("/b/"))
        .singleElement()
        .satisfies(p -> assertThat(p.keys()).isEqualTo(3));
    assertThat(s.prefixes()).allSatisfy(p -> assertThat(p.prefix()).startsWith("logical/"));
    assertThat(s.prefixes()).extracting(SnapshotKeyPrefix::prefix).isSorted();

    SnapshotInspection all = RaftSnapshots.inspect(file, 2, "");
    assertThat(all.prefixes().stream().mapToLong(SnapshotKeyPrefix::keys).sum())
        .isEqualTo(all.keys());
    assertThat(all.prefixes().stream().mapToLong(SnapshotKeyPrefix::bytes).sum())
        .isEqualTo(all.valueBytes());
    assertThat(all.prefixes())
        .contains(new SnapshotKeyPrefix("core/keyring", 1, bytesOf(all, "core/keyring")))
        .anySatisfy(p -> assertThat(p.prefix()).isEqualTo("sys/token/"));
  }

  @Test
  void inspect_syntheticEntries_countsKeysBytesAndSealWrap() throws Exception {
    ByteArrayOutputStream state = new ByteArrayOutputStream();
    TestSnapshots.writeDelimited(state, TestSnapshots.storageEntry("a/b/c", new byte[10], true));
    TestSnapshots.writeDelimited(state, TestSnapshots.storageEntry("a/b/d", new byte[300], false));
    TestSnapshots.writeDelimited(state, TestSnapshots.storageEntry("a", new byte[0], false));
    Map<String, byte[]> entries = TestSnapshots.intactEntries(Map.of());
    Path file = write(withState(entries, state.toByteArray()));

    SnapshotInspection s = RaftSnapshots.inspect(file, 2, "");

    assertThat(s.intact()).as("%s", s.problems()).isTrue();
    assertThat(s.keys()).isEqualTo(3);
    assertThat(s.valueBytes()).isEqualTo(310);
    assertThat(s.sealWrappedKeys()).isEqualTo(1);
    assertThat(s.prefixes())
        .containsExactly(new SnapshotKeyPrefix("a", 1, 0), new SnapshotKeyPrefix("a/b/", 2, 310));
  }

  // ---- damaged copies: a precise message, nothing sent ----

  @Test
  void flippedByteInStateBin_isNamedWithBothHashes_andRefusedBeforeRestore() throws Exception {
    Map<String, byte[]> entries = untar(Files.readAllBytes(fixture(OPENBAO)));
    byte[] state = entries.get("state.bin");
    byte[] flipped = state.clone();
    flipped[flipped.length - 3] ^= 0x01; // inside the last entry's value
    Path file = write(withState(entries, flipped, false));

    String expected =
        "snapshot "
            + file
            + " is damaged: state.bin has SHA-256 "
            + TestSnapshots.sha256(flipped)
            + " but SHA256SUMS records "
            + TestSnapshots.sha256(state);
    SnapshotInspection s = RaftSnapshots.inspect(file);
    assertThat(s.intact()).isFalse();
    assertThat(s.stateBin().matches()).isFalse();
    assertThat(s.metaJson().matches()).isTrue();
    assertThat(s.keys()).isEqualTo(41);
    assertRefused(file, expected);
  }

  @Test
  void flippedByteInTheRawFile_namesStateBinAndTheGzipChecksum() throws Exception {
    byte[] bytes = Files.readAllBytes(fixture(OPENBAO));
    // OpenBao 2.6+ stores the gzip uncompressed: a key's bytes appear in the file as they are.
    int at = indexOf(bytes, "core/keyring".getBytes(StandardCharsets.US_ASCII));
    assertThat(at).isPositive();
    bytes[at + 40] ^= 0x10;
    Path file = write(bytes);

    assertThatThrownBy(() -> RaftSnapshots.verify(file))
        .isInstanceOf(DamagedSnapshotException.class)
        .hasMessageMatching(
            "snapshot .* is damaged: state.bin has SHA-256 [0-9a-f]{64} but SHA256SUMS records"
                + " [0-9a-f]{64}; the gzip trailer's CRC-32 or length does not match the content");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void missingOrEmptySums_eachHaveTheirOwnMessage() throws Exception {
    Map<String, byte[]> entries = untar(Files.readAllBytes(fixture(OPENBAO)));

    assertRefused(
        write(without(entries, "SHA256SUMS")),
        "the tar holds no SHA256SUMS: meta.json and state.bin cannot be checked");
    assertRefused(
        write(replaced(entries, "SHA256SUMS", new byte[0])),
        "SHA256SUMS is empty: meta.json and state.bin cannot be checked");
    assertRefused(
        write(without(entries, "SHA256SUMS.sealed")),
        "the tar holds no SHA256SUMS.sealed (Vault refuses such a snapshot)");
    assertRefused(
        write(replaced(entries, "SHA256SUMS.sealed", new byte[0])),
        "SHA256SUMS.sealed is empty (Vault refuses such a snapshot)");
    assertRefused(
        write(
            replaced(entries, "SHA256SUMS", "not a sums file\n".getBytes(StandardCharsets.UTF_8))),
        "SHA256SUMS line 1 is not '<sha256>  <file>'");
  }

  @Test
  void stateBinThatDoesNotDecode_saysWhichEntryAndWhere() throws Exception {
    ByteArrayOutputStream state = new ByteArrayOutputStream();
    TestSnapshots.writeDelimited(state, TestSnapshots.storageEntry("core/a", new byte[4], false));
    int second = state.size();
    TestSnapshots.varint(state, 1000); // a length that runs past the end
    state.write(new byte[5], 0, 5);
    Path file = write(withState(TestSnapshots.intactEntries(Map.of()), state.toByteArray()));

    assertRefused(
        file,
        "state.bin does not decode: entry 2 at byte "
            + second
            + " claims 1000 bytes, past the end of state.bin; keys counted up to there only");
    assertThat(RaftSnapshots.inspect(file).keys()).isEqualTo(1);
  }

  @Test
  void notGzip_empty_andUnexpectedFile_areNamed() throws Exception {
    assertRefused(
        write("PK not a snapshot".getBytes(StandardCharsets.UTF_8)),
        "it is not a gzip file (Not in GZIP format)");
    assertRefused(write(new byte[0]), "the file is empty");
    Map<String, byte[]> extra = new LinkedHashMap<>(TestSnapshots.intactEntries(Map.of()));
    extra.put("notes.txt", new byte[] {1});
    assertRefused(write(extra), "the tar holds an unexpected file notes.txt (Vault refuses it)");
    Map<String, byte[]> noMeta = without(TestSnapshots.intactEntries(Map.of()), "meta.json");
    assertRefused(write(noMeta), "the tar holds no meta.json");
  }

  @Test
  void verifyStream_ofTheRealSnapshot_readsItAllAndLeavesItOpen() throws Exception {
    Path file = fixture(OPENBAO);
    boolean[] closed = {false};
    try (InputStream stream =
        new java.io.FilterInputStream(Files.newInputStream(file)) {
          @Override
          public void close() throws IOException {
            closed[0] = true;
            super.close();
          }
        }) {
      SnapshotInspection s = RaftSnapshots.verify(stream, "from a pipe");

      assertThat(s.file()).isEqualTo("from a pipe");
      assertThat(s.fileBytes()).isEqualTo(Files.size(file));
      assertThat(s)
          .usingRecursiveComparison()
          .ignoringFields("file")
          .isEqualTo(RaftSnapshots.verify(file));
      assertThat(stream.read()).as("read to its end").isEqualTo(-1);
      assertThat(closed[0]).as("closed").isFalse();
    }
    byte[] trailed = Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) + 256 * 1024);
    try (InputStream stream = new java.io.ByteArrayInputStream(trailed)) {
      assertThat(RaftSnapshots.verify(stream, "with 256 KiB of zeros after it").fileBytes())
          .as("bytes after the gzip stream are read too")
          .isEqualTo(trailed.length);
      assertThat(stream.read()).isEqualTo(-1);
    }
    assertThatThrownBy(() -> RaftSnapshots.verify((InputStream) null, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("snapshot must not be null");
    assertThatThrownBy(() -> RaftSnapshots.verify(InputStream.nullInputStream(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be null");
  }

  @Test
  void truncatedFile_isRefusedBeforeRestore() throws Exception {
    byte[] bytes = Files.readAllBytes(fixture(OPENBAO));
    for (int cut : new int[] {5, 700, bytes.length / 2, bytes.length - 1}) {
      Path file = write(Arrays.copyOf(bytes, cut));
      assertThatThrownBy(() -> client.restoreRaftSnapshot(file))
          .isInstanceOf(DamagedSnapshotException.class)
          .hasMessageContaining(" is damaged: the file ends early, inside ");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void skipLocalVerification_sendsAFileTheCallerAlreadyChecked() throws Exception {
    Path file = write(without(untar(Files.readAllBytes(fixture(OPENBAO))), "SHA256SUMS"));
    server.enqueue(new MockResponse().setResponseCode(204));
    server.enqueue(new MockResponse().setResponseCode(204));

    client.restoreRaftSnapshot(file, RestoreOption.SKIP_LOCAL_VERIFICATION);
    client.forceRestoreRaftSnapshot(file, RestoreOption.SKIP_LOCAL_VERIFICATION);

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void intactFile_isRestored() throws Exception {
    Path file = fixture(OPENBAO);
    server.enqueue(new MockResponse().setResponseCode(204));

    client.restoreRaftSnapshot(file);

    assertThat(server.takeRequest().getBodySize()).isEqualTo(Files.size(file));
  }

  @Test
  void badArguments_areRejectedByName() {
    assertThatThrownBy(() -> RaftSnapshots.inspect(dir.resolve("missing.snap")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("file must be an existing regular file");
    assertThatThrownBy(() -> RaftSnapshots.inspect(dir, 0, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("depth must be at least 1");
    assertThatThrownBy(() -> RaftSnapshots.inspect(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("file must not be null");
  }

  // ---- helpers ----

  /** Checks the message from inspect-or-verify and that both restores refuse without a request. */
  private void assertRefused(Path file, String problems) throws IOException {
    String message =
        problems.startsWith("snapshot ")
            ? problems
            : "snapshot " + file + " is damaged: " + problems;
    assertThatThrownBy(() -> RaftSnapshots.verify(file))
        .isInstanceOf(DamagedSnapshotException.class)
        .hasMessage(message);
    try (InputStream stream = Files.newInputStream(file)) {
      assertThatThrownBy(() -> RaftSnapshots.verify(stream, file.toString()))
          .as("the same check on a stream")
          .isInstanceOf(DamagedSnapshotException.class)
          .hasMessage(message);
    }
    assertThatThrownBy(() -> client.restoreRaftSnapshot(file))
        .isInstanceOf(DamagedSnapshotException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> client.forceRestoreRaftSnapshot(file))
        .isInstanceOf(DamagedSnapshotException.class)
        .hasMessage(message);
    assertThat(server.getRequestCount()).as("requests sent").isZero();
  }

  private static long bytesOf(SnapshotInspection s, String prefix) {
    return s.prefixes().stream()
        .filter(p -> p.prefix().equals(prefix))
        .mapToLong(SnapshotKeyPrefix::bytes)
        .findFirst()
        .orElse(-1);
  }

  static Path fixture(String resource) throws Exception {
    return Path.of(RaftSnapshotsTest.class.getResource(resource).toURI());
  }

  private int files;

  private Path write(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("s" + (++files) + ".snap"), bytes);
  }

  private Path write(Map<String, byte[]> entries) throws IOException {
    return write(TestSnapshots.gzipTar(entries));
  }

  /** {@code entries} with another state.bin, meta.json's Size and SHA256SUMS made to match. */
  static Map<String, byte[]> withState(Map<String, byte[]> entries, byte[] state) {
    return withState(entries, state, true);
  }

  static Map<String, byte[]> withState(
      Map<String, byte[]> entries, byte[] state, boolean updateSums) {
    Map<String, byte[]> copy = new LinkedHashMap<>(entries);
    String meta = new String(entries.get("meta.json"), StandardCharsets.UTF_8);
    meta = meta.replaceAll("\"Size\":\\d+", "\"Size\":" + state.length);
    byte[] metaBytes = meta.getBytes(StandardCharsets.UTF_8);
    if (updateSums) {
      copy.put("meta.json", metaBytes);
      copy.put(
          "SHA256SUMS",
          (TestSnapshots.sha256(metaBytes)
                  + "  meta.json\n"
                  + TestSnapshots.sha256(state)
                  + "  state.bin\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    copy.put("state.bin", state);
    return copy;
  }

  static Map<String, byte[]> without(Map<String, byte[]> entries, String name) {
    Map<String, byte[]> copy = new LinkedHashMap<>(entries);
    copy.remove(name);
    return copy;
  }

  static Map<String, byte[]> replaced(Map<String, byte[]> entries, String name, byte[] content) {
    Map<String, byte[]> copy = new LinkedHashMap<>(entries);
    copy.put(name, content);
    return copy;
  }

  /** The regular files of a gzipped tar, in order (a test's own minimal reader). */
  static Map<String, byte[]> untar(byte[] gzipped) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
        int end = 0;
        while (end < 100 && header[end] != 0) {
          end++;
        }
        String name = new String(header, 0, end, StandardCharsets.UTF_8);
        long size = Long.parseLong(new String(header, 124, 11, StandardCharsets.US_ASCII), 8);
        entries.put(name, in.readNBytes((int) size));
        in.readNBytes((int) ((512 - size % 512) % 512));
      }
    }
    return entries;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
