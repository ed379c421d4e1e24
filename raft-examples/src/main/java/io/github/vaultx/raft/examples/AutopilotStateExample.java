package io.github.vaultx.raft.examples;

import io.github.vaultx.raft.AutopilotServer;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.VaultRaftClient;

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
          "  %-10s %-18s %-9s healthy=%-5s last contact %s%n",
          server.id(), server.address(), server.status(), server.healthy(), server.lastContact());
    }
    System.out.println("readRaftAutopilotConfig() -> " + client.readRaftAutopilotConfig());
    return state;
  }

  /** Entry point; reads {@code VAULT_ADDR} and {@code VAULT_TOKEN}. */
  public static void main(String[] args) {
    try (VaultRaftClient client = VaultRaftClient.fromEnvironment()) {
      run(client);
    }
  }
}
