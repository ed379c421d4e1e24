package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.internal.access.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * How one public call's attempts are sent and spaced, the one difference between the two clients:
 * {@link #blocking} sends with {@code execute()} and sleeps on the caller's thread, so every stage
 * completes before it returns; {@link #callbacks} sends with {@code enqueue()}, waits on the
 * client's timer and can be stopped by the caller. {@link CallExecutor} runs the same retry,
 * failover, breaker and answer mapping on either.
 */
abstract class Attempts {
  /** The blocking form; holds no state, so one per client serves every call. */
  static Attempts blocking(Sleeper sleeper) {
    return new Blocking(sleeper);
  }

  /** A non-blocking form for one call. */
  static Attempts callbacks(Sleeper sleeper, ClientThreads threads) {
    return new Callbacks(sleeper, threads);
  }

  /** Sends one attempt; a transport failure completes the future exceptionally. */
  abstract <T> CompletableFuture<Response<T>> send(Call<T> call);

  /**
   * Sends a plain OkHttp request that is no attempt of the call (a probe); a transport failure
   * completes the future exceptionally.
   */
  abstract CompletableFuture<okhttp3.Response> sendPlain(okhttp3.Call call);

  /** Completes after the backoff. */
  abstract CompletableFuture<Void> pause(Duration wait);

  /** Where blocking work (a snapshot's copy, a wait for a restore's check) runs. */
  abstract Executor work();

  /** Whether the caller gave up: no further attempt is made and a failure is not the node's. */
  abstract boolean stopped();

  /** Gives up: cancels the attempt in flight, including a snapshot stream being copied. */
  abstract void stop();

  /** The cause of a failed stage, without the wrappers {@link CompletableFuture} adds. */
  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * The result of a blocking run, rethrowing its failure unwrapped: what the sync client returns or
   * throws.
   */
  static <R> R await(CompletableFuture<R> done) {
    try {
      return done.join();
    } catch (CompletionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }

  private static final class Blocking extends Attempts {
    private final Sleeper sleeper;

    Blocking(Sleeper sleeper) {
      this.sleeper = sleeper;
    }

    @Override
    <T> CompletableFuture<Response<T>> send(Call<T> call) {
      try {
        return CompletableFuture.completedFuture(call.execute());
      } catch (Exception e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    @Override
    CompletableFuture<okhttp3.Response> sendPlain(okhttp3.Call call) {
      try {
        return CompletableFuture.completedFuture(call.execute());
      } catch (IOException | RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    @Override
    CompletableFuture<Void> pause(Duration wait) {
      try {
        sleeper.sleep(wait);
        return CompletableFuture.completedFuture(null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return CompletableFuture.failedFuture(ErrorMapper.interruptedWhileWaiting(e));
      }
    }

    @Override
    Executor work() {
      return Runnable::run;
    }

    @Override
    boolean stopped() {
      return false;
    }

    @Override
    void stop() {}
  }

  private static final class Callbacks extends Attempts {
    private final Sleeper sleeper;
    private final ClientThreads threads;
    private volatile boolean stopped;
    private volatile @Nullable Call<?> current;
    private volatile @Nullable CompletableFuture<Void> waiting;

    Callbacks(Sleeper sleeper, ClientThreads threads) {
      this.sleeper = sleeper;
      this.threads = threads;
    }

    @Override
    <T> CompletableFuture<Response<T>> send(Call<T> call) {
      CompletableFuture<Response<T>> answer = new CompletableFuture<>();
      current = call;
      if (stopped) {
        call.cancel();
      }
      call.enqueue(
          new Callback<T>() {
            @Override
            public void onResponse(Call<T> c, Response<T> response) {
              answer.complete(response);
            }

            @Override
            public void onFailure(Call<T> c, Throwable t) {
              answer.completeExceptionally(t);
            }
          });
      return answer;
    }

    @Override
    CompletableFuture<okhttp3.Response> sendPlain(okhttp3.Call call) {
      CompletableFuture<okhttp3.Response> answer = new CompletableFuture<>();
      if (stopped) {
        call.cancel();
      }
      call.enqueue(
          new okhttp3.Callback() {
            @Override
            public void onResponse(okhttp3.Call c, okhttp3.Response response) {
              answer.complete(response);
            }

            @Override
            public void onFailure(okhttp3.Call c, IOException e) {
              answer.completeExceptionally(e);
            }
          });
      return answer;
    }

    @Override
    CompletableFuture<Void> pause(Duration wait) {
      ScheduledExecutorService timer = threads.timer();
      CompletableFuture<Void> pending = sleeper.after(wait, timer);
      waiting = pending;
      if (stopped) {
        pending.cancel(false);
      }
      return pending;
    }

    @Override
    Executor work() {
      return threads.snapshots();
    }

    @Override
    boolean stopped() {
      return stopped;
    }

    @Override
    void stop() {
      stopped = true;
      Call<?> call = current;
      if (call != null) {
        call.cancel();
      }
      CompletableFuture<Void> pending = waiting;
      if (pending != null) {
        pending.cancel(false);
      }
    }
  }
}
