package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class SnapshotStreamsTest {

  @Test
  void copyAndVerify_completeSnapshot_copiesEveryByteAndHashesThem() throws Exception {
    byte[] snapshot = TestSnapshots.complete();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SnapshotStreams.Result result =
        SnapshotStreams.copyAndVerify(new ByteArrayInputStream(snapshot), out);

    assertThat(result.complete()).isTrue();
    assertThat(out.toByteArray()).isEqualTo(snapshot);
    assertThat(result.bytes()).isEqualTo(snapshot.length);
    assertThat(result.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(snapshot)));
  }

  @Test
  void copyAndVerify_withoutSealedSums_isIncompleteButStillCopied() throws Exception {
    byte[] snapshot = TestSnapshots.withoutSealedSums();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SnapshotStreams.Result result =
        SnapshotStreams.copyAndVerify(new ByteArrayInputStream(snapshot), out);

    assertThat(result.complete()).isFalse();
    assertThat(result.problem()).contains("SHA256SUMS.sealed");
    assertThat(out.toByteArray()).isEqualTo(snapshot);
  }

  @Test
  void copyAndVerify_withEmptySealedSums_isIncomplete() throws Exception {
    SnapshotStreams.Result result =
        SnapshotStreams.copyAndVerify(
            new ByteArrayInputStream(TestSnapshots.withEmptySealedSums()),
            OutputStream.nullOutputStream());
    assertThat(result.complete()).isFalse();
  }

  @Test
  void copyAndVerify_truncatedGzip_isIncomplete() throws Exception {
    byte[] snapshot = TestSnapshots.complete();
    byte[] cut = Arrays.copyOf(snapshot, snapshot.length - 20);

    SnapshotStreams.Result result =
        SnapshotStreams.copyAndVerify(
            new ByteArrayInputStream(cut), OutputStream.nullOutputStream());

    assertThat(result.complete()).isFalse();
    assertThat(result.bytes()).isEqualTo(cut.length);
  }

  @Test
  void copyAndVerify_notGzip_isIncomplete() throws Exception {
    byte[] json = "{\"errors\":[]}".getBytes(StandardCharsets.UTF_8);
    SnapshotStreams.Result result =
        SnapshotStreams.copyAndVerify(
            new ByteArrayInputStream(json), OutputStream.nullOutputStream());
    assertThat(result.complete()).isFalse();
    assertThat(result.problem()).contains("not a complete gzipped tar");
  }

  @Test
  void copyAndVerify_sealedSumsInDirectoryOrUnderGnuLongName_isFound() throws Exception {
    Map<String, byte[]> nested = new LinkedHashMap<>();
    nested.put("snapshot/SHA256SUMS.sealed", "x".getBytes(StandardCharsets.UTF_8));
    assertThat(verify(TestSnapshots.gzipTar(nested)).complete()).isTrue();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      byte[] longName = ("d".repeat(120) + "/SHA256SUMS.sealed").getBytes(StandardCharsets.UTF_8);
      TestSnapshots.writeHeader(gzip, "././@LongLink", longName.length, (byte) 'L');
      gzip.write(longName);
      TestSnapshots.pad(gzip, longName.length);
      TestSnapshots.writeEntry(gzip, "d".repeat(99), "sums".getBytes(StandardCharsets.UTF_8));
      gzip.write(new byte[1024]);
    }
    assertThat(verify(bytes.toByteArray()).complete()).isTrue();
  }

  @Test
  void copyAndVerify_sourceFailure_propagatesTheIoException() {
    byte[] snapshot = TestSnapshots.complete();
    InputStream breaking =
        new InputStream() {
          int served;

          @Override
          public int read() throws IOException {
            if (served == snapshot.length / 2) {
              throw new IOException("connection reset");
            }
            return snapshot[served++] & 0xff;
          }
        };
    assertThatThrownBy(
            () -> SnapshotStreams.copyAndVerify(breaking, OutputStream.nullOutputStream()))
        .isInstanceOf(IOException.class)
        .hasMessage("connection reset");
  }

  private static SnapshotStreams.Result verify(byte[] bytes) throws IOException {
    return SnapshotStreams.copyAndVerify(
        new ByteArrayInputStream(bytes), OutputStream.nullOutputStream());
  }
}
