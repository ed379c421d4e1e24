package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.internal.access.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Virtual time for retry tests: sleeping returns at once and moves the clock on by the wait, so a
 * call's retry budget is spent by its backoff alone, never by how fast the machine is.
 */
final class VirtualClock implements Sleeper {
  private final AtomicLong nanos = new AtomicLong();
  final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    nanos.addAndGet(duration.toNanos());
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  /** The virtual time since the clock was made. */
  Duration elapsed() {
    return Duration.ofNanos(nanos.get());
  }

  /** The sum of the waits. */
  Duration waited() {
    return waits.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
