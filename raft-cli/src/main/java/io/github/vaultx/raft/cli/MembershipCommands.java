package io.github.vaultx.raft.cli;

import io.github.vaultx.raft.VaultRaftClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code promote}, {@code demote} (OpenBao) and {@code bootstrap}. */
final class MembershipCommands {
  private MembershipCommands() {}

  /** {@code promote NODE_ID}: a non-voter becomes a voter (OpenBao 2.2+). */
  @Command(
      name = "promote",
      description = "Make a non-voting server a voter (OpenBao 2.2+; Vault does not serve it).")
  static final class Promote extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NODE_ID", description = "Node id of the server.")
    String nodeId = "";

    @Override
    void run(VaultRaftClient client) {
      client.promoteRaftNode(nodeId);
      printOutcome("promoted", nodeId, "Server promoted; autopilot applies it within seconds.");
    }
  }

  /** {@code demote NODE_ID}: a voter becomes a non-voter (OpenBao 2.2+). */
  @Command(
      name = "demote",
      description = "Make a voting server a non-voter (OpenBao 2.2+; Vault does not serve it).")
  static final class Demote extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NODE_ID", description = "Node id of the server.")
    String nodeId = "";

    @Override
    void run(VaultRaftClient client) {
      client.demoteRaftNode(nodeId);
      printOutcome("demoted", nodeId, "Server demoted; autopilot applies it within seconds.");
    }
  }

  /** {@code bootstrap}: the addressed node starts a Raft cluster of its own (no token). */
  @Command(
      name = "bootstrap",
      description = {
        "Start a new Raft cluster on the -address node, which uses Raft as ha_storage and is",
        "unsealed. Sent without a token, never to another address."
      })
  static final class Bootstrap extends ClientCommand {
    @Override
    void run(VaultRaftClient client) {
      client.bootstrapRaftCluster();
      printOutcome("bootstrapped", true, "Raft cluster bootstrapped.");
    }
  }
}
