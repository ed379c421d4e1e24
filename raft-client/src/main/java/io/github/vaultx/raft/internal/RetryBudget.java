package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.internal.access.Sleeper;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How long one call may go on retrying. Every retried call gets its {@code maxRetries} retries; a
 * call that is safe to repeat ({@link Operation.RetryClass#READ}, {@link
 * Operation.RetryClass#IDEMPOTENT_WRITE}) goes on retrying after them until the retry budget,
 * counted from its first attempt, is spent, so that it rides out a leader election. The last wait
 * is cut to what is left of the budget. {@code maxRetries} 0 turns retrying off, a budget of zero
 * leaves the count alone; calls sent once never use the budget (ADR 5).
 */
final class RetryBudget {
  private final Sleeper clock;
  private final int maxRetries;
  private final long budgetNanos;
  private final long started;
  private int retries;

  private RetryBudget(Sleeper clock, int maxRetries, Duration budget) {
    this.clock = clock;
    this.maxRetries = maxRetries;
    this.budgetNanos = budget.toNanos();
    this.started = clock.nanoTime();
  }

  /** Starts the budget of one call of {@code operation}, now. */
  static RetryBudget start(ResolvedSettings config, Operation operation) {
    return new RetryBudget(config.sleeper, config.maxRetries, budgetOf(config, operation));
  }

  /** The time budget of {@code operation}'s calls: zero for calls that are sent once. */
  static Duration budgetOf(ResolvedSettings config, Operation operation) {
    return timed(config.maxRetries, config.retryBudget, operation.retryClass)
        ? config.retryBudget
        : Duration.ZERO;
  }

  /** Whether calls of this class retry on time after their count, not on the count alone. */
  static boolean timed(int maxRetries, Duration budget, Operation.RetryClass retryClass) {
    return maxRetries > 0 && !budget.isZero() && retryClass != Operation.RetryClass.ONCE;
  }

  /**
   * Takes one retry from the budget.
   *
   * @param wait the backoff before it
   * @return the wait to make before the retry, or null when the call must stop
   */
  @Nullable Duration next(Duration wait) {
    if (retries < maxRetries) {
      retries++;
      return wait;
    }
    long left = budgetNanos - (clock.nanoTime() - started);
    if (left <= 0) {
      return null;
    }
    retries++;
    return wait.toNanos() <= left ? wait : Duration.ofNanos(left);
  }

  /**
   * Whether the call's time budget is spent. Always false for a call without one (sent once, or
   * retrying on the count alone), whose failover is bounded by the number of nodes instead.
   */
  boolean spent() {
    return budgetNanos > 0 && clock.nanoTime() - started >= budgetNanos;
  }

  /** The retries taken so far. */
  int retries() {
    return retries;
  }
}
