package io.github.vaultx.it.classpath;

import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.RaftServer;
import io.github.vaultx.raft.VaultRaftClient;

/** Reads the Raft configuration of the cluster at VAULT_ADDR, as a class path application. */
public final class ReadRaftConfig {
  private ReadRaftConfig() {}

  public static void main(String[] args) {
    System.out.println("client module named: " + VaultRaftClient.class.getModule().isNamed());
    try (VaultRaftClient client = VaultRaftClient.fromEnvironment()) {
      RaftConfiguration config = client.readRaftConfig();
      for (RaftServer server : config.servers()) {
        System.out.println(
            "server " + server.nodeId() + " " + server.address() + " leader=" + server.leader());
      }
    }
  }
}
