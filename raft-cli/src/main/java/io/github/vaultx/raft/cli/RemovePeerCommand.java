package io.github.vaultx.raft.cli;

import io.github.vaultx.raft.DrOperationToken;
import io.github.vaultx.raft.VaultRaftClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code remove-peer}: removes a server from the Raft configuration. */
@Command(name = "remove-peer", description = "Remove a server from the Raft cluster.")
final class RemovePeerCommand extends ClientCommand {
  @Mixin DrTokenOption drToken = new DrTokenOption();

  @Parameters(index = "0", paramLabel = "NODE_ID", description = "Node id of the server.")
  String nodeId = "";

  @Override
  void run(VaultRaftClient client) {
    DrOperationToken dr = drToken.token();
    if (dr == null) {
      client.removeRaftNode(nodeId);
    } else {
      client.removeRaftNode(nodeId, dr);
    }
    printOutcome("removed", nodeId, "Peer removed successfully!");
  }
}
