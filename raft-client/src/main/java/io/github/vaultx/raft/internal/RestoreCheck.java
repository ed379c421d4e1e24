package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.snapshot.RaftSnapshots;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The local check of a file being restored, run on its own thread while the file is sent (ADR 16).
 * The request starts only once the file's first {@link #HEAD} bytes passed (a file that is not a
 * snapshot at all, or a small one, is refused before any request), and {@link SnapshotUpload} holds
 * back the file's last bytes until the whole file passed: a damaged file never reaches the server
 * whole, so the server never applies it.
 */
final class RestoreCheck {
  /** How much of the file must pass before the request starts: a whole small snapshot. */
  static final long HEAD = 1024 * 1024;

  private final Path file;
  private final Opener opener;
  private final CompletableFuture<Void> head = new CompletableFuture<>();
  private final CompletableFuture<Void> whole = new CompletableFuture<>();
  private volatile boolean stopped;

  /** Opens the file for the check: {@link Files#newInputStream}, or a test's slower stream. */
  interface Opener {
    InputStream open(Path file) throws IOException;
  }

  private RestoreCheck(Path file, Opener opener) {
    this.file = file;
    this.opener = opener;
  }

  /** Starts checking {@code file} on a new daemon thread. */
  static RestoreCheck start(Path file) {
    return start(file, Files::newInputStream);
  }

  /** Starts checking {@code file}, read through {@code opener}, on a new daemon thread. */
  static RestoreCheck start(Path file, Opener opener) {
    RestoreCheck check = new RestoreCheck(file, opener);
    Thread thread = new Thread(check::run, "vaultx-raft-restore-verify");
    thread.setDaemon(true);
    thread.start();
    return check;
  }

  private void run() {
    try (InputStream raw = new Gate(opener.open(file))) {
      RaftSnapshots.verify(raw, file.toString());
      whole.complete(null);
    } catch (IOException e) {
      whole.completeExceptionally(
          new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e));
    } catch (RuntimeException | Error e) {
      whole.completeExceptionally(e);
    } finally {
      head.complete(null);
    }
  }

  /**
   * Waits until the file's first {@link #HEAD} bytes passed, or the whole file when it is smaller.
   *
   * @throws io.github.vaultx.raft.snapshot.DamagedSnapshotException if the check failed by then
   * @throws UncheckedIOException if the file could not be read
   */
  void awaitHead() {
    head.join();
    if (whole.isCompletedExceptionally()) {
      throw failure();
    }
  }

  /**
   * Waits until the whole file passed, on the thread that sends it.
   *
   * @throws Refused if it did not; the request is then abandoned before its end
   */
  void awaitWhole() throws Refused {
    try {
      whole.get();
    } catch (ExecutionException e) {
      throw new Refused(failure());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused(new UncheckedIOException(new InterruptedIOException("interrupted")));
    }
  }

  /** Throws at once, while the file is being sent, if the check already failed. */
  void throwIfFailed() throws Refused {
    if (whole.isCompletedExceptionally()) {
      throw new Refused(failure());
    }
  }

  /** Stops the check when the restore ended without it (an error answer, a cancelled call). */
  void stop() {
    stopped = true;
  }

  private RuntimeException failure() {
    try {
      whole.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        return cause;
      }
      throw e;
    }
    throw new IllegalStateException("the restore's check did not fail");
  }

  /**
   * Why a restore was abandoned while its file was being sent: the local check failed. An {@link
   * IOException}, as the request body must throw, that {@link CallExecutor} unwraps to its reason.
   */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    /** The check's failure: a DamagedSnapshotException, or an UncheckedIOException. */
    final RuntimeException reason;

    Refused(RuntimeException reason) {
      super(reason.getMessage(), reason);
      this.reason = reason;
    }
  }

  /** The file as the check reads it: marks the head passed, and stops when told to. */
  private final class Gate extends FilterInputStream {
    private long read;

    Gate(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (stopped) {
        throw new InterruptedIOException("the restore ended before its check");
      }
      // Asked for bytes past the head, the checker has read everything before them.
      if (read >= HEAD) {
        head.complete(null);
      }
      int n = super.read(b, off, len);
      if (n > 0) {
        read += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] scratch = new byte[(int) Math.min(n, 8192)];
      int skipped = read(scratch, 0, scratch.length);
      return Math.max(skipped, 0);
    }
  }
}
