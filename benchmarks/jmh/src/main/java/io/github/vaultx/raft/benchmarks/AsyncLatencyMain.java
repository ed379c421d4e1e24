package io.github.vaultx.raft.benchmarks;

import io.github.vaultx.raft.VaultRaftAsyncClient;
import io.github.vaultx.raft.VaultRaftClient;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code AsyncLatencyMain IN_FLIGHT CALLS WARMUP}: {@code readRaftConfig} through the async client
 * with IN_FLIGHT futures outstanding at all times (each completion starts the next call), CALLS in
 * all after WARMUP unmeasured ones; prints p50, p99, calls per second and the JVM's peak thread
 * count. The client keeps its default {@code maxConcurrentRequests} (64): beyond that, calls queue
 * inside the client, as they would in an application.
 */
public final class AsyncLatencyMain {
  private AsyncLatencyMain() {}

  public static void main(String[] args) throws Exception {
    int inFlight = Integer.parseInt(args[0]);
    int calls = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    try (VaultRaftAsyncClient client = VaultRaftClient.builder().buildAsync()) {
      run(client, inFlight, warmup);
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      threads.resetPeakThreadCount();
      long start = System.nanoTime();
      long[] latencies = run(client, inFlight, calls);
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(latencies);
      System.out.printf(
          Locale.ROOT,
          "concurrency=%d calls=%d p50_ms=%.3f p99_ms=%.3f calls_per_s=%.0f peak_threads=%d%n",
          inFlight,
          latencies.length,
          latencies[latencies.length / 2] / 1e6,
          latencies[(int) Math.ceil(latencies.length * 0.99) - 1] / 1e6,
          latencies.length / seconds,
          threads.getPeakThreadCount());
    }
  }

  private static long[] run(VaultRaftAsyncClient client, int inFlight, int calls)
      throws InterruptedException {
    long[] latencies = new long[calls];
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(calls);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable[] starter = new Runnable[1];
    starter[0] =
        () -> {
          int i = next.getAndIncrement();
          if (i >= calls) {
            return;
          }
          long begin = System.nanoTime();
          client
              .readRaftConfig()
              .whenComplete(
                  (config, error) -> {
                    latencies[i] = System.nanoTime() - begin;
                    if (error != null) {
                      failure.compareAndSet(null, error);
                    }
                    done.countDown();
                    starter[0].run();
                  });
        };
    for (int i = 0; i < Math.min(inFlight, calls); i++) {
      starter[0].run();
    }
    done.await();
    if (failure.get() != null) {
      throw new IllegalStateException("a call failed", failure.get());
    }
    return latencies;
  }
}
