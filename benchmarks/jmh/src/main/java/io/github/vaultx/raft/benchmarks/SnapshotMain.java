package io.github.vaultx.raft.benchmarks;

import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.VaultRaftClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code SnapshotMain save FILE} or {@code restore FILE} through the facade, configured from the
 * environment; prints one line of figures: bytes, seconds, MB/s and peak Java heap.
 */
public final class SnapshotMain {
  private SnapshotMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: SnapshotMain save|restore FILE");
      System.exit(2);
    }
    Path file = Path.of(args[1]);
    long start = System.nanoTime();
    long bytes;
    try (VaultRaftClient client = VaultRaftClient.fromEnvironment()) {
      if (args[0].equals("save")) {
        SnapshotInfo info = client.takeRaftSnapshot(file);
        bytes = info.sizeBytes();
      } else {
        client.restoreRaftSnapshot(file);
        bytes = Files.size(file);
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf(
        Locale.ROOT,
        "bytes=%d seconds=%.3f mbps=%.1f peak_heap_mb=%.1f max_heap_mb=%.1f%n",
        bytes,
        elapsed.toNanos() / 1e9,
        bytes / 1e6 / (elapsed.toNanos() / 1e9),
        peakHeap() / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6);
  }

  /** The sum of the heap pools' peaks: an upper bound of the most heap in use at once. */
  static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
