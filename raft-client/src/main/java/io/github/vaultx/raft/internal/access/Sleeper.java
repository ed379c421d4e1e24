package io.github.vaultx.raft.internal.access;

import io.github.vaultx.raft.VaultClientException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits between retries: the sync client on its caller's thread ({@link #sleep}), the async client
 * on a timer ({@link #after}); also the clock the retry budget reads ({@link #nanoTime}). Replaced
 * in tests so backoff takes no time and the budget runs on virtual time.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps on the calling thread, or schedules the wait on the client's timer. */
  Sleeper THREAD =
      new Sleeper() {
        @Override
        public void sleep(Duration duration) throws InterruptedException {
          Thread.sleep(duration.toMillis());
        }

        @Override
        public CompletableFuture<Void> after(Duration duration, ScheduledExecutorService timer) {
          CompletableFuture<Void> done = new CompletableFuture<>();
          var task =
              timer.schedule(() -> done.complete(null), duration.toNanos(), TimeUnit.NANOSECONDS);
          // A cancelled call drops its pending wait from the timer's queue.
          done.whenComplete((v, e) -> task.cancel(false));
          return done;
        }
      };

  /**
   * The clock a call's retry budget is measured on, as {@link System#nanoTime()}: this default. A
   * test's virtual clock advances it by what it was asked to sleep, so the budget's logic is tested
   * without waiting.
   *
   * @return the current value of a monotonic clock, in nanoseconds
   */
  default long nanoTime() {
    return System.nanoTime();
  }

  /**
   * Waits for {@code duration}.
   *
   * @param duration how long
   * @throws InterruptedException if the thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Completes after {@code duration} without holding a thread. This default, for tests' sleepers,
   * which never wait, calls {@link #sleep} at once; {@link #THREAD} schedules on {@code timer}.
   *
   * @param duration how long
   * @param timer the client's timer
   * @return completes when the wait is over
   */
  default CompletableFuture<Void> after(Duration duration, ScheduledExecutorService timer) {
    try {
      sleep(duration);
      return CompletableFuture.completedFuture(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(
          new VaultClientException("interrupted while waiting to retry", e));
    }
  }
}
