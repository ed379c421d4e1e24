package io.github.vaultx.raft.examples;

import io.github.vaultx.raft.VaultRaftClient;

/** Remove Raft Node: removes a server from the Raft configuration by its node id. */
public final class RemoveRaftNode {
  private RemoveRaftNode() {}

  /** Removes {@code nodeId} and prints what is left. */
  public static void run(VaultRaftClient client, String nodeId) {
    client.removeRaftNode(nodeId);
    System.out.println(
        "removeRaftNode("
            + nodeId
            + ") -> done; "
            + client.readRaftConfig().servers().size()
            + " servers left");
  }

  /** Entry point: the first argument is the node id to remove. */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: RemoveRaftNode <server-id>");
      System.exit(2);
    }
    try (VaultRaftClient client = VaultRaftClient.fromEnvironment()) {
      run(client, args[0]);
    }
  }
}
