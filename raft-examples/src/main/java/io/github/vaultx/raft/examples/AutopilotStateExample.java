package io.github.vaultx.raft.examples;

import io.github.vaultx.raft.AutopilotConfig;
import io.github.vaultx.raft.AutopilotServer;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.VaultDurations;
import io.github.vaultx.raft.VaultRaftClient;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Autopilot state: cluster health, failure tolerance and each server as autopilot sees it. */
public final class AutopilotStateExample {
  private AutopilotStateExample() {}

  /** Reads and prints the autopilot state and configuration. */
  public static AutopilotState run(VaultRaftClient client) {
    AutopilotState state = client.readRaftAutopilotState();
    System.out.printf(
        "readRaftAutopilotState() -> healthy=%s, failure tolerance %d, leader %s%n",
        state.healthy(), state.failureTolerance(), state.leader());
    for (AutopilotServer server : state.servers().values()) {
      System.out.printf(
          "  %-10s %-18s %-9s healthy=%-5s last contact %d ms%n",
          server.nodeId(),
          server.address(),
          server.status(),
          server.healthy(),
          server.lastContact().toMillis());
    }
    AutopilotConfig config = client.readRaftAutopilotConfig();
    // Durations as Vault prints them (10s, 24h0m0s), not as Duration.toString() does (PT10S).
    System.out.printf(
        "readRaftAutopilotConfig() -> cleanup dead servers %s, last contact threshold %s,"
            + " dead server last contact threshold %s, max trailing logs %s, min quorum %s,"
            + " server stabilization time %s%n",
        config.cleanupDeadServers(),
        vault(config.lastContactThreshold()),
        vault(config.deadServerLastContactThreshold()),
        config.maxTrailingLogs(),
        config.minQuorum(),
        vault(config.serverStabilizationTime()));
    return state;
  }

  private static String vault(@Nullable Duration duration) {
    return duration == null ? "-" : VaultDurations.format(duration);
  }

  /** Entry point; reads {@code VAULT_ADDR} and {@code VAULT_TOKEN}. */
  public static void main(String[] args) {
    try (VaultRaftClient client = VaultRaftClient.fromEnvironment()) {
      run(client);
    }
  }
}
