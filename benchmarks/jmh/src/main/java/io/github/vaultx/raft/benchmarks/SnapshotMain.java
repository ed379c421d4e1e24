package io.github.vaultx.raft.benchmarks;

import io.github.vaultx.raft.AutopilotServer;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.RestoreOption;
import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.snapshot.RaftSnapshots;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code SnapshotMain save FILE [N]} or {@code restore FILE [N]} through the facade, configured
 * from the environment; prints one line of figures: bytes, seconds, MB/s and peak Java heap. With
 * {@code N > 1} the call is repeated with the same client and {@code warm_seconds} is the fastest
 * of the later ones: the rate of a JVM whose JIT has compiled the copy and the SHA-256 (a cold JVM
 * runs SHA-256 without its CPU intrinsic until C2 compiles it). Between two restores the program
 * waits, untimed, until the active node answers again. A repeated restore also times {@link
 * RaftSnapshots#verify(Path)} alone ({@code verify_seconds}): the local check every restore makes
 * while it sends the file; with {@code N > 2} the last restore skips that check ({@link
 * RestoreOption#SKIP_LOCAL_VERIFICATION}, {@code unverified_seconds}), so that what the check adds
 * to a restore is the difference.
 */
public final class SnapshotMain {
  private SnapshotMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2 && args.length != 3) {
      System.err.println("usage: SnapshotMain save|restore FILE [N]");
      System.exit(2);
    }
    Path file = Path.of(args[1]);
    long start = System.nanoTime();
    int repeat = args.length == 3 ? Integer.parseInt(args[2]) : 1;
    long bytes;
    Duration elapsed;
    double warm = Double.NaN;
    double verify = Double.NaN;
    double unverified = Double.NaN;
    try (VaultRaftClient client = VaultRaftClient.fromEnvironment()) {
      if (args[0].equals("save")) {
        SnapshotInfo info = client.takeRaftSnapshot(file);
        bytes = info.sizeBytes();
        elapsed = Duration.ofNanos(System.nanoTime() - start);
        for (int i = 1; i < repeat; i++) {
          settle(file);
          long t = System.nanoTime();
          client.takeRaftSnapshot(file);
          double seconds = (System.nanoTime() - t) / 1e9;
          warm = Double.isNaN(warm) ? seconds : Math.min(warm, seconds);
        }
      } else {
        client.restoreRaftSnapshot(file);
        bytes = Files.size(file);
        elapsed = Duration.ofNanos(System.nanoTime() - start);
        for (int i = 1; i < repeat; i++) {
          awaitCaughtUp(client);
          boolean last = i == repeat - 1 && repeat > 2;
          long t = System.nanoTime();
          if (last) {
            client.restoreRaftSnapshot(file, RestoreOption.SKIP_LOCAL_VERIFICATION);
          } else {
            client.restoreRaftSnapshot(file);
          }
          double seconds = (System.nanoTime() - t) / 1e9;
          if (last) {
            unverified = seconds;
          } else {
            warm = Double.isNaN(warm) ? seconds : Math.min(warm, seconds);
          }
        }
        if (repeat > 1) {
          long t = System.nanoTime();
          RaftSnapshots.verify(file);
          verify = (System.nanoTime() - t) / 1e9;
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "bytes=%d seconds=%.3f mbps=%.1f peak_heap_mb=%.1f max_heap_mb=%.1f%s%s%s%n",
        bytes,
        elapsed.toNanos() / 1e9,
        bytes / 1e6 / (elapsed.toNanos() / 1e9),
        peakHeap() / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6,
        Double.isNaN(warm)
            ? ""
            : String.format(
                Locale.ROOT, " warm_seconds=%.3f warm_mbps=%.1f", warm, bytes / 1e6 / warm),
        Double.isNaN(verify) ? "" : String.format(Locale.ROOT, " verify_seconds=%.3f", verify),
        Double.isNaN(unverified)
            ? ""
            : String.format(Locale.ROOT, " unverified_seconds=%.3f", unverified));
  }

  /**
   * Writes the last save's pages out, untimed, so that the next save is not throttled by them (as
   * benchmarks/big_snapshot.py syncs before every timed transfer).
   */
  static void settle(Path file) throws java.io.IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /**
   * Waits until the cluster has taken the restore in whole: autopilot calls every server healthy,
   * with every server at one last index, for ten seconds. Not part of any timed figure. The active
   * node answers again before the followers have installed the snapshot it sends them; a second big
   * restore before they finished lost the leader on both servers ("leadership lost while committing
   * log", benchmarks/big_snapshot.py waits the same way).
   */
  static void awaitCaughtUp(VaultRaftClient client) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    long since = 0;
    while (true) {
      boolean ok;
      try {
        AutopilotState state = client.readRaftAutopilotState();
        ok =
            state.healthy()
                && state.servers().values().stream().allMatch(AutopilotServer::healthy)
                && state.servers().values().stream()
                        .mapToLong(AutopilotServer::lastIndex)
                        .distinct()
                        .count()
                    == 1;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        ok = false;
      }
      long now = System.nanoTime();
      since = ok ? (since == 0 ? now : since) : 0;
      if (since != 0 && now - since >= Duration.ofSeconds(10).toNanos()) {
        return;
      }
      if (now > deadline) {
        throw new IllegalStateException("the followers did not catch up within 10 minutes");
      }
      Thread.sleep(500);
    }
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
