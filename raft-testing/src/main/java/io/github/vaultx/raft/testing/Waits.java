package io.github.vaultx.raft.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The harness's one way of waiting: Awaitility, polling every 50 ms in the caller's thread. A probe
 * that throws ends the wait with its exception (a node that died does not get better).
 */
final class Waits {
  private static final Duration POLL = Duration.ofMillis(50);

  private Waits() {}

  /**
   * Polls until {@code probe} returns a value.
   *
   * @throws IllegalStateException naming {@code what} if it does not within {@code timeout}
   */
  static <T> T until(String what, Duration timeout, Callable<@Nullable T> probe) {
    try {
      T value =
          Awaitility.await(what)
              .atMost(timeout)
              .pollDelay(Duration.ZERO)
              .pollInterval(POLL)
              .pollInSameThread()
              .until(probe, Objects::nonNull);
      return Objects.requireNonNull(value, what);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException("timed out after " + timeout + " waiting for " + what, e);
    }
  }
}
