package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.RestoreOption;
import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.SnapshotProgressListener;
import io.github.vaultx.raft.internal.access.Checks;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Moves snapshots: downloads into a hidden partial file beside the target that becomes the target
 * by an atomic move only once verified complete (or into a caller's stream), and restores from
 * files that are checked while they are sent (ADR 16) and read from the file each time. The same
 * steps serve both clients; {@link Attempts#work()} says where the blocking copy runs
 * (docs/adr/0014).
 */
final class SnapshotTransfer {
  private final CallExecutor executor;
  private final TransportErrors transportErrors;

  SnapshotTransfer(CallExecutor executor, TransportErrors transportErrors) {
    this.executor = executor;
    this.transportErrors = transportErrors;
  }

  /** Downloads into {@code target}, timed with its transfer; checks its input at once. */
  CompletableFuture<SnapshotInfo> download(
      Path target, SnapshotProgressListener progress, Attempts attempts) {
    Path absolute = Checks.snapshotTarget(target);
    Checks.notNull(progress, "progress");
    // snapshotTarget checked that the parent exists: a null here is a bug.
    Path directory = Objects.requireNonNull(absolute.getParent(), "checked parent");
    long start = System.nanoTime();
    return executor.measured(
        Operation.TAKE_SNAPSHOT,
        observed ->
            copied(
                attempts,
                observed,
                response -> toFile(response, target, absolute, directory, progress, start)));
  }

  /** Downloads into a caller's stream, timed with its transfer; the stream stays open. */
  CompletableFuture<SnapshotInfo> download(OutputStream target, Attempts attempts) {
    Checks.notNull(target, "target");
    long start = System.nanoTime();
    return executor.measured(
        Operation.TAKE_SNAPSHOT,
        observed -> copied(attempts, observed, response -> toStream(response, target, start)));
  }

  /**
   * Restores from {@code source}, streamed from the file each time it is written, so a redirect can
   * send it again. Unless the options say the file was already verified, a {@link RestoreCheck}
   * verifies it on its own thread while it is sent: the request starts once the file's first MiB
   * passed (as blocking work), and the file's end waits until the whole file passed (ADR 16). A
   * file that cannot be read throws at once. Measured and observed from the check's start to
   * Vault's answer, which comes once the whole file was sent.
   */
  <R> CompletableFuture<R> restore(
      Path source,
      SnapshotProgressListener progress,
      RestoreOption[] options,
      Function<RequestBody, PreparedCall<?, R>> call,
      Attempts attempts) {
    SnapshotUpload upload = SnapshotUpload.of(source, progress);
    Checks.notNull(options, "options");
    if (skipsVerification(options)) {
      PreparedCall<?, R> prepared = call.apply(upload);
      return executor.measured(
          prepared.operation(), observed -> executor.attempted(prepared, attempts, observed));
    }
    RestoreCheck check = RestoreCheck.start(source);
    try {
      PreparedCall<?, R> prepared = call.apply(upload.checkedBy(check));
      return executor
          .measured(
              prepared.operation(),
              observed ->
                  CompletableFuture.runAsync(check::awaitHead, attempts.work())
                      .thenCompose(headPassed -> executor.attempted(prepared, attempts, observed)))
          .whenComplete((value, failure) -> check.stop());
    } catch (RuntimeException e) {
      check.stop();
      throw e;
    }
  }

  private static boolean skipsVerification(RestoreOption[] options) {
    for (RestoreOption option : options) {
      if (option == RestoreOption.SKIP_LOCAL_VERIFICATION) {
        return true;
      }
    }
    return false;
  }

  /**
   * Opens the snapshot (with retries) and hands the open answer to {@code copy} as blocking work.
   */
  private CompletableFuture<SnapshotInfo> copied(
      Attempts attempts,
      Observations.Call observed,
      Function<Response<ResponseBody>, SnapshotInfo> copy) {
    return executor
        .attempted(Calls.openSnapshot(), attempts, observed)
        .thenCompose(
            response -> {
              try {
                return CompletableFuture.supplyAsync(
                    () -> {
                      if (attempts.stopped()) {
                        response.raw().close();
                        throw new CancellationException("the snapshot download was cancelled");
                      }
                      return copy.apply(response);
                    },
                    attempts.work());
              } catch (RejectedExecutionException e) {
                // The client was closed between the answer and the copy.
                response.raw().close();
                throw e;
              }
            });
  }

  private SnapshotInfo toFile(
      Response<ResponseBody> response,
      Path target,
      Path absolute,
      Path directory,
      SnapshotProgressListener progress,
      long start) {
    Path temp = null;
    try (ResponseBody body = body(response)) {
      temp = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".partial");
      SnapshotPipeline.Result result;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024)) {
        result = copy(body, out, response, progress);
      }
      if (!result.complete()) {
        throw incomplete(response, result.bytes(), result.problem(), null);
      }
      try {
        Files.move(
            temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      return new SnapshotInfo(result.bytes(), result.sha256(), elapsed(start));
    } catch (IOException e) {
      throw ErrorMapper.snapshotNotWritten("beside " + target, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // Best effort: the name marks it as partial.
        }
      }
    }
  }

  private SnapshotInfo toStream(Response<ResponseBody> response, OutputStream target, long start) {
    try (ResponseBody body = body(response)) {
      SnapshotPipeline.Result result = copy(body, target, response, SnapshotProgressListener.NONE);
      if (!result.complete()) {
        throw incomplete(response, result.bytes(), result.problem(), null);
      }
      target.flush();
      return new SnapshotInfo(result.bytes(), result.sha256(), elapsed(start));
    } catch (IOException e) {
      throw ErrorMapper.snapshotNotWritten("to the stream", e);
    }
  }

  private static ResponseBody body(Response<ResponseBody> response) {
    ResponseBody body = response.body();
    if (body == null) {
      throw new WireMapper.MalformedResponse("the response has no body");
    }
    return body;
  }

  /** Copies the body; a broken connection becomes an incomplete snapshot. */
  private SnapshotPipeline.Result copy(
      ResponseBody body,
      OutputStream out,
      Response<ResponseBody> response,
      SnapshotProgressListener progress)
      throws IOException {
    // Over HTTP/1, OkHttp arms Okio's watchdog thread around every socket read (8 KiB at most):
    // for a 200 MB body, tens of thousands of wake-ups of another thread. The socket's own read
    // timeout, which OkHttp sets to the same idle timeout, still ends a stalled transfer. Over
    // HTTP/2 (TLS) that timeout is the stream's own and the socket has none: it stays.
    Protocol protocol = response.raw().protocol();
    if (protocol == Protocol.HTTP_1_1 || protocol == Protocol.HTTP_1_0) {
      body.source().timeout().clearTimeout();
    }
    CountingSource counted = new CountingSource(body);
    try {
      return SnapshotPipeline.copyAndVerify(counted.stream(), out, progress::bytesTransferred);
    } catch (IOException e) {
      if (counted.failed) {
        throw incomplete(response, counted.bytes, transportErrors.describeBrokenSnapshot(e), e);
      }
      throw e;
    }
  }

  /** Tells network failures (the body) from local ones (the destination). */
  private static final class CountingSource {
    private final ResponseBody body;
    long bytes;
    boolean failed;

    CountingSource(ResponseBody body) {
      this.body = body;
    }

    InputStream stream() {
      InputStream in = body.byteStream();
      return new FilterInputStream(in) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          try {
            int n = super.read(b, off, len);
            if (n > 0) {
              bytes += n;
            }
            return n;
          } catch (IOException e) {
            failed = true;
            throw e;
          }
        }

        @Override
        public int read() throws IOException {
          try {
            int n = super.read();
            if (n >= 0) {
              bytes++;
            }
            return n;
          } catch (IOException e) {
            failed = true;
            throw e;
          }
        }
      };
    }
  }

  private static RuntimeException incomplete(
      Response<ResponseBody> response, long bytes, String problem, @Nullable Throwable cause) {
    Request request = response.raw().request();
    return ErrorMapper.incompleteSnapshot(
        request.method(), request.url().encodedPath(), bytes, problem, cause);
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
