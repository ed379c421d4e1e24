package io.github.vaultx.raft.agent;

import java.time.Duration;
import java.time.Instant;

/**
 * When a configuration's snapshots start: on a fixed grid of one interval from the first start,
 * measured start to start, so a slow snapshot does not push every later one back (Vault Enterprise
 * drifts by the snapshot's duration, vault #10399). A snapshot that outlasts its slot skips the
 * slots it covered rather than starting several at once.
 */
final class Schedule {
  private Schedule() {}

  /**
   * The first slot after {@code now}.
   *
   * @param first the first snapshot's start, slot 0 of the grid
   * @param interval the time between two starts, positive
   * @param now the time a snapshot ended (or the agent started)
   * @return {@code first} if it lies after {@code now}, else the earliest {@code first + k *
   *     interval} after {@code now}
   */
  static Instant next(Instant first, Duration interval, Instant now) {
    if (now.isBefore(first)) {
      return first;
    }
    long slots = Duration.between(first, now).toNanos() / interval.toNanos() + 1;
    return first.plus(interval.multipliedBy(slots));
  }
}
