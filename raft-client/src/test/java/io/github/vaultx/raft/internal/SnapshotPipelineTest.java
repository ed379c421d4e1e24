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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class SnapshotPipelineTest {

  @Test
  void copyAndVerify_completeSnapshot_copiesEveryByteAndHashesThem() throws Exception {
    byte[] snapshot = TestSnapshots.complete();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SnapshotPipeline.Result result =
        SnapshotPipeline.copyAndVerify(new ByteArrayInputStream(snapshot), out, written -> {});

    assertThat(result.complete()).isTrue();
    assertThat(out.toByteArray()).isEqualTo(snapshot);
    assertThat(result.bytes()).isEqualTo(snapshot.length);
    assertThat(result.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(snapshot)));
  }

  @Test
  void copyAndVerify_writesInSlicesOfAtMostOneWrite_andKeepsEveryByteInOrder() throws Exception {
    // More than one block, and a last block that ends inside a slice.
    byte[] snapshot = TestSnapshots.complete();
    byte[] padded = Arrays.copyOf(snapshot, 2 * SnapshotPipeline.BLOCK + 1000);
    List<Integer> writes = new ArrayList<>();
    ByteArrayOutputStream out =
        new ByteArrayOutputStream() {
          @Override
          public synchronized void write(byte[] b, int off, int len) {
            writes.add(len);
            super.write(b, off, len);
          }
        };

    SnapshotPipeline.Result result =
        SnapshotPipeline.copyAndVerify(new ByteArrayInputStream(padded), out, written -> {});

    assertThat(out.toByteArray()).isEqualTo(padded);
    assertThat(result.bytes()).isEqualTo(padded.length);
    assertThat(writes).allSatisfy(len -> assertThat(len).isBetween(1, SnapshotPipeline.WRITE));
    assertThat(writes).hasSize(2 * SnapshotPipeline.BLOCK / SnapshotPipeline.WRITE + 1);
  }

  @Test
  void copyAndVerify_withoutSealedSums_isIncompleteButStillCopied() throws Exception {
    byte[] snapshot = TestSnapshots.withoutSealedSums();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SnapshotPipeline.Result result =
        SnapshotPipeline.copyAndVerify(new ByteArrayInputStream(snapshot), out, written -> {});

    assertThat(result.complete()).isFalse();
    assertThat(result.problem()).contains("SHA256SUMS.sealed");
    assertThat(out.toByteArray()).isEqualTo(snapshot);
  }

  @Test
  void copyAndVerify_withEmptySealedSums_isIncomplete() throws Exception {
    SnapshotPipeline.Result result =
        SnapshotPipeline.copyAndVerify(
            new ByteArrayInputStream(TestSnapshots.withEmptySealedSums()),
            OutputStream.nullOutputStream(),
            written -> {});
    assertThat(result.complete()).isFalse();
  }

  @Test
  void copyAndVerify_truncatedGzip_isIncomplete() throws Exception {
    byte[] snapshot = TestSnapshots.complete();
    byte[] cut = Arrays.copyOf(snapshot, snapshot.length - 20);

    SnapshotPipeline.Result result =
        SnapshotPipeline.copyAndVerify(
            new ByteArrayInputStream(cut), OutputStream.nullOutputStream(), written -> {});

    assertThat(result.complete()).isFalse();
    assertThat(result.bytes()).isEqualTo(cut.length);
  }

  @Test
  void copyAndVerify_notGzip_isIncomplete() throws Exception {
    byte[] json = "{\"errors\":[]}".getBytes(StandardCharsets.UTF_8);
    SnapshotPipeline.Result result =
        SnapshotPipeline.copyAndVerify(
            new ByteArrayInputStream(json), OutputStream.nullOutputStream(), written -> {});
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
            () ->
                SnapshotPipeline.copyAndVerify(
                    breaking, OutputStream.nullOutputStream(), written -> {}))
        .isInstanceOf(IOException.class)
        .hasMessage("connection reset");
  }

  @Test
  void copyAndVerify_snapshotLargerThanAllBlocks_isCopiedHashedAndVerified() throws Exception {
    ByteArrayOutputStream large = new ByteArrayOutputStream();
    TestSnapshots.streamLarge(
        large, (long) SnapshotPipeline.DEPTH * SnapshotPipeline.BLOCK * 3 + 12345);
    byte[] snapshot = large.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Long> reports = new ArrayList<>();

    SnapshotPipeline.Result result =
        SnapshotPipeline.copyAndVerify(
            new TrickleStream(new ByteArrayInputStream(snapshot)), out, reports::add);

    assertThat(result.complete()).as(result.problem()).isTrue();
    assertThat(out.toByteArray()).isEqualTo(snapshot);
    assertThat(result.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(snapshot)));
    assertThat(reports).isSorted().last().isEqualTo((long) snapshot.length);
  }

  @Test
  void copyAndVerify_lengthAWholeNumberOfBlocks_countsAndHashesEveryByte() throws Exception {
    byte[] body = new byte[2 * SnapshotPipeline.BLOCK];
    new java.util.Random(7).nextBytes(body);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SnapshotPipeline.Result result =
        SnapshotPipeline.copyAndVerify(new ByteArrayInputStream(body), out, written -> {});

    assertThat(result.complete()).isFalse();
    assertThat(result.bytes()).isEqualTo(body.length);
    assertThat(out.toByteArray()).isEqualTo(body);
    assertThat(result.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
  }

  @Test
  void copyAndVerify_sinkFailure_propagates_andStopsTheVerifierThread() throws Exception {
    ByteArrayOutputStream large = new ByteArrayOutputStream();
    TestSnapshots.streamLarge(large, 4L * 1024 * 1024);
    OutputStream fullDisk =
        new OutputStream() {
          long written;

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > 1024 * 1024) {
              throw new IOException("No space left on device");
            }
          }
        };

    assertThatThrownBy(
            () ->
                SnapshotPipeline.copyAndVerify(
                    new ByteArrayInputStream(large.toByteArray()), fullDisk, written -> {}))
        .isInstanceOf(IOException.class)
        .hasMessage("No space left on device");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (verifierThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(verifierThreads()).isZero();
  }

  private static long verifierThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("vaultx-raft-snapshot-verify"))
        .count();
  }

  /** Hands out at most a few kilobytes per read, as a socket does. */
  private static final class TrickleStream extends java.io.FilterInputStream {
    TrickleStream(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, 8192));
    }
  }

  private static SnapshotPipeline.Result verify(byte[] bytes) throws IOException {
    return SnapshotPipeline.copyAndVerify(
        new ByteArrayInputStream(bytes), OutputStream.nullOutputStream(), written -> {});
  }
}
