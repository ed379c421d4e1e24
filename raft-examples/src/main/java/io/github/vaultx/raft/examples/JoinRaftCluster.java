package io.github.vaultx.raft.examples;

import io.github.vaultx.raft.VaultRaftClient;

/**
 * Join Raft Cluster: asks the node at {@code VAULT_ADDR} to join the cluster led by the given node.
 *
 * <p>Run: {@code VAULT_ADDR=http://new-node:8200 java ... JoinRaftCluster http://leader:8200}. The
 * joining node must be uninitialised; no token is needed. Unseal it afterwards.
 */
public final class JoinRaftCluster {
  private JoinRaftCluster() {}

  /**
   * Joins the node behind {@code client} to the cluster at {@code leaderApiAddr}.
   *
   * @return whether the node accepted the join
   */
  public static boolean run(VaultRaftClient client, String leaderApiAddr) {
    boolean joined = client.joinRaftCluster(leaderApiAddr);
    System.out.println("joinRaftCluster(" + leaderApiAddr + ") -> joined=" + joined);
    return joined;
  }

  /** Entry point: the first argument is the leader's API address. */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: JoinRaftCluster <leader-api-addr>");
      System.exit(2);
    }
    try (VaultRaftClient client = VaultRaftClient.fromEnvironment()) {
      run(client, args[0]);
    }
  }
}
