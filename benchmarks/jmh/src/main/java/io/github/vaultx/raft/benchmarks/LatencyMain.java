package io.github.vaultx.raft.benchmarks;

import io.github.vaultx.raft.VaultRaftClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code LatencyMain CONCURRENCY CALLS WARMUP}: {@code readRaftConfig} from CONCURRENCY threads
 * sharing one client (as an application would), CALLS in all after WARMUP unmeasured ones; prints
 * p50, p99 and calls per second.
 */
public final class LatencyMain {
  private LatencyMain() {}

  public static void main(String[] args) throws Exception {
    int concurrency = Integer.parseInt(args[0]);
    int calls = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    try (VaultRaftClient client = VaultRaftClient.fromEnvironment()) {
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      try {
        run(pool, client, concurrency, warmup);
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        long start = System.nanoTime();
        long[] latencies = run(pool, client, concurrency, calls);
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(
            Locale.ROOT,
            "concurrency=%d calls=%d p50_ms=%.3f p99_ms=%.3f calls_per_s=%.0f peak_threads=%d%n",
            concurrency,
            latencies.length,
            latencies[latencies.length / 2] / 1e6,
            latencies[(int) Math.ceil(latencies.length * 0.99) - 1] / 1e6,
            latencies.length / seconds,
            threads.getPeakThreadCount());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static long[] run(
      ExecutorService pool, VaultRaftClient client, int concurrency, int calls) throws Exception {
    List<Future<long[]>> futures = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      int mine = calls / concurrency + (t < calls % concurrency ? 1 : 0);
      futures.add(
          pool.submit(
              () -> {
                long[] own = new long[mine];
                for (int i = 0; i < mine; i++) {
                  long begin = System.nanoTime();
                  client.readRaftConfig();
                  own[i] = System.nanoTime() - begin;
                }
                return own;
              }));
    }
    long[] all = new long[calls];
    int at = 0;
    for (Future<long[]> future : futures) {
      long[] own = future.get();
      System.arraycopy(own, 0, all, at, own.length);
      at += own.length;
    }
    return all;
  }
}
