package io.github.vaultx.raft.internal;

import java.time.Duration;

/** Waits between retries; replaced in tests so backoff takes no time. */
@FunctionalInterface
interface Sleeper {
  /** Sleeps on the calling thread. */
  Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

  /**
   * Waits for {@code duration}.
   *
   * @param duration how long
   * @throws InterruptedException if the thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;
}
