package io.github.vaultx.raft.cli;

import io.github.vaultx.raft.DrOperationToken;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.RaftServer;
import io.github.vaultx.raft.VaultRaftClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code list-peers}: the servers of the Raft configuration. */
@Command(name = "list-peers", description = "List the servers of the Raft cluster.")
final class ListPeersCommand extends ClientCommand {
  @Mixin DrTokenOption drToken = new DrTokenOption();

  @Override
  void run(VaultRaftClient client) {
    DrOperationToken dr = drToken.token();
    RaftConfiguration config = dr == null ? client.readRaftConfig() : client.readRaftConfig(dr);
    if (json()) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("index", config.index());
      data.put("servers", config.servers().stream().map(ListPeersCommand::server).toList());
      printJson(Map.of("config", data));
      return;
    }
    Table table = new Table("Node", "Address", "State", "Voter");
    for (RaftServer server : config.servers()) {
      table.row(
          server.nodeId(),
          server.address(),
          server.leader() ? "leader" : "follower",
          server.voter());
    }
    out().print(table.render());
  }

  private static Map<String, Object> server(RaftServer server) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("node_id", server.nodeId());
    json.put("address", server.address());
    json.put("leader", server.leader());
    json.put("voter", server.voter());
    json.put("protocol_version", server.protocolVersion());
    return json;
  }
}
