package io.github.vaultx.raft.benchmarks;

import io.github.vaultx.raft.VaultRaftClient;
import java.util.Locale;

/**
 * Prints the time from the launch of the JVM to the first answered {@code readRaftConfig}; the
 * launcher passes its clock in {@code BENCH_LAUNCH_MS} (epoch milliseconds) just before it starts
 * the process.
 */
public final class StartupMain {
  private StartupMain() {}

  public static void main(String[] args) {
    try (VaultRaftClient client = VaultRaftClient.fromEnvironment()) {
      client.readRaftConfig();
    }
    long launched = Long.parseLong(System.getenv("BENCH_LAUNCH_MS"));
    System.out.printf(Locale.ROOT, "first_answer_ms=%d%n", System.currentTimeMillis() - launched);
  }
}
