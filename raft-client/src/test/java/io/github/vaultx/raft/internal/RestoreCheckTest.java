package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.snapshot.DamagedSnapshotException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore's check and the upload it holds back (ADR 16), without a race: the check reads the
 * file through a stream that stops after its first MiB until the test lets it go on, so the upload
 * is seen waiting with all but the file's last {@link SnapshotUpload#HOLD} bytes sent.
 */
class RestoreCheckTest {
  @TempDir Path dir;

  /** Opens the file; reads past the head wait for {@link #release}. */
  private final CountDownLatch release = new CountDownLatch(1);

  private InputStream gated(Path file) throws IOException {
    return new FilterInputStream(Files.newInputStream(file)) {
      private long read;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (read > RestoreCheck.HEAD) {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
          }
        }
        int n = super.read(b, off, len);
        read += Math.max(n, 0);
        return n;
      }
    };
  }

  /** A 3 MiB snapshot of random values; with {@code damaged}, a byte near its end flipped. */
  private Path snapshot(boolean damaged) throws IOException {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    Random random = new Random(13);
    for (int i = 0; i < 48; i++) {
      byte[] value = new byte[64 * 1024];
      random.nextBytes(value);
      keys.put("logical/big/" + i, value);
    }
    Map<String, byte[]> entries = TestSnapshots.intactEntries(keys);
    if (damaged) {
      byte[] state = entries.get("state.bin").clone();
      state[state.length - 10] ^= 1;
      entries.put("state.bin", state);
    }
    return Files.write(
        dir.resolve(damaged ? "damaged.snap" : "intact.snap"), TestSnapshots.gzipTar(entries));
  }

  /** Bytes the upload handed to its sink so far, as its progress reports them. */
  private final AtomicLong sent = new AtomicLong();

  /** Starts writing the checked upload of {@code file} into {@code sink} on another thread. */
  private CompletableFuture<Void> upload(Path file, RestoreCheck check, Buffer sink) {
    SnapshotUpload body = SnapshotUpload.of(file, sent::set).checkedBy(check);
    return CompletableFuture.runAsync(
        () -> {
          try {
            body.writeTo(sink);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Waits until the upload has handed over {@code bytes}; fails after 10 s. */
  private void awaitSent(long bytes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sent.get() < bytes && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(sent.get()).isEqualTo(bytes);
  }

  @Test
  void damagedFile_isSentUpToItsLast64KiB_andThenAbandoned() throws Exception {
    Path file = snapshot(true);
    long length = Files.size(file);
    RestoreCheck check = RestoreCheck.start(file, this::gated);
    check.awaitHead(); // the head is intact: the request may start
    Buffer sink = new Buffer();

    CompletableFuture<Void> writing = upload(file, check, sink);
    awaitSent(length - SnapshotUpload.HOLD);
    Thread.sleep(200);
    assertThat(writing).as("waiting for the check").isNotDone();
    assertThat(sent.get()).isEqualTo(length - SnapshotUpload.HOLD);

    release.countDown();
    assertThatThrownBy(() -> writing.get(10, TimeUnit.SECONDS))
        .cause()
        .cause()
        .isInstanceOf(RestoreCheck.Refused.class)
        .cause()
        .isInstanceOf(DamagedSnapshotException.class)
        .hasMessageContaining("state.bin has SHA-256 ");
    assertThat(sent.get()).as("the end was never sent").isEqualTo(length - SnapshotUpload.HOLD);
    assertThat(sink.size()).isEqualTo(length - SnapshotUpload.HOLD);
  }

  @Test
  void intactFile_isSentWholeOnceTheCheckPassed() throws Exception {
    Path file = snapshot(false);
    RestoreCheck check = RestoreCheck.start(file, this::gated);
    check.awaitHead();
    Buffer sink = new Buffer();

    CompletableFuture<Void> writing = upload(file, check, sink);
    awaitSent(Files.size(file) - SnapshotUpload.HOLD);
    release.countDown();
    writing.get(10, TimeUnit.SECONDS);

    assertThat(sink.readByteArray()).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void fileThatIsNoSnapshot_failsAtTheHead() throws Exception {
    byte[] noise = new byte[3 * 1024 * 1024];
    new Random(1).nextBytes(noise);
    Path file = Files.write(dir.resolve("noise.snap"), noise);

    RestoreCheck check = RestoreCheck.start(file, this::gated);

    assertThatThrownBy(check::awaitHead)
        .isInstanceOf(DamagedSnapshotException.class)
        .hasMessageContaining("it is not a gzip file");
  }

  @Test
  void stop_endsACheckThatIsStillReading() throws Exception {
    Path file = snapshot(false);
    RestoreCheck check = RestoreCheck.start(file, this::gated);
    check.awaitHead();

    check.stop();
    release.countDown();

    assertThatThrownBy(check::awaitWhole)
        .isInstanceOf(RestoreCheck.Refused.class)
        .hasMessageContaining("the restore ended before its check");
  }
}
