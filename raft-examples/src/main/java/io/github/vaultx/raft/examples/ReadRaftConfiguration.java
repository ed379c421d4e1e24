package io.github.vaultx.raft.examples;

import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.RaftServer;
import io.github.vaultx.raft.VaultRaftClient;

/** Read Raft Configuration: prints the servers of the cluster and which one leads. */
public final class ReadRaftConfiguration {
  private ReadRaftConfiguration() {}

  /** Reads and prints the Raft configuration. */
  public static RaftConfiguration run(VaultRaftClient client) {
    RaftConfiguration config = client.readRaftConfig();
    System.out.println(
        "readRaftConfig() -> " + config.servers().size() + " servers, index " + config.index());
    for (RaftServer server : config.servers()) {
      System.out.printf(
          "  %-10s %-18s %-8s %s%n",
          server.nodeId(),
          server.address(),
          server.leader() ? "leader" : "follower",
          server.voter() ? "voter" : "non-voter");
    }
    return config;
  }

  /** Entry point; reads {@code VAULT_ADDR} and {@code VAULT_TOKEN}. */
  public static void main(String[] args) {
    try (VaultRaftClient client = VaultRaftClient.fromEnvironment()) {
      run(client);
    }
  }
}
