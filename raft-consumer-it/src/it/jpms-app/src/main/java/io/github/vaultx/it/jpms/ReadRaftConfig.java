package io.github.vaultx.it.jpms;

import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.RaftServer;
import io.github.vaultx.raft.VaultRaftClient;

/** Reads the Raft configuration of the cluster at VAULT_ADDR, as a JPMS module. */
public final class ReadRaftConfig {
  private ReadRaftConfig() {}

  public static void main(String[] args) {
    Module client = VaultRaftClient.class.getModule();
    System.out.println("own module: " + ReadRaftConfig.class.getModule().getName());
    System.out.println("client module: " + client.getName());
    System.out.println(
        "internal exported: " + client.isExported("io.github.vaultx.raft.internal"));
    try (VaultRaftClient raft = VaultRaftClient.fromEnvironment()) {
      RaftConfiguration config = raft.readRaftConfig();
      for (RaftServer server : config.servers()) {
        System.out.println(
            "server " + server.nodeId() + " " + server.address() + " leader=" + server.leader());
      }
    }
  }
}
