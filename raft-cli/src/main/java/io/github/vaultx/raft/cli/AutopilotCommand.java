package io.github.vaultx.raft.cli;

import io.github.vaultx.raft.AutopilotConfig;
import io.github.vaultx.raft.AutopilotServer;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.DrOperationToken;
import io.github.vaultx.raft.VaultDurations;
import io.github.vaultx.raft.VaultRaftClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code autopilot state|get-config|set-config}. */
@Command(
    name = "autopilot",
    description = "Show autopilot's view of the cluster and change its configuration.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      AutopilotCommand.State.class,
      AutopilotCommand.GetConfig.class,
      AutopilotCommand.SetConfig.class
    })
final class AutopilotCommand extends GroupCommand {

  /** {@code autopilot state}. */
  @Command(name = "state", description = "Show the health of the cluster and of each server.")
  static final class State extends ClientCommand {
    @Mixin DrTokenOption drToken = new DrTokenOption();

    @Override
    void run(VaultRaftClient client) {
      DrOperationToken dr = drToken.token();
      AutopilotState state =
          dr == null ? client.readRaftAutopilotState() : client.readRaftAutopilotState(dr);
      if (json()) {
        printJson(json(state));
        return;
      }
      out()
          .print(
              new Table("Key", "Value")
                  .row("Healthy", state.healthy())
                  .row("Failure Tolerance", state.failureTolerance())
                  .row("Leader", leader(state))
                  .row("Voters", String.join(", ", state.voters()))
                  .row("Non Voters", String.join(", ", state.nonVoters()))
                  .render());
      out().println();
      Table servers =
          new Table(
              "Node",
              "Address",
              "State",
              "Voter",
              "Healthy",
              "Last Contact",
              "Last Index",
              "Node Status");
      for (AutopilotServer server : state.servers().values()) {
        servers.row(
            server.nodeId(),
            server.address(),
            server.status(),
            state.voters().contains(server.nodeId()),
            server.healthy(),
            VaultDurations.format(server.lastContact()),
            server.lastIndex(),
            server.nodeStatus());
      }
      out().print(servers.render());
    }

    private static Map<String, Object> json(AutopilotState state) {
      Map<String, Object> servers = new LinkedHashMap<>();
      for (AutopilotServer server : state.servers().values()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", server.nodeId());
        json.put("name", server.name());
        json.put("address", server.address());
        json.put("node_status", server.nodeStatus());
        json.put("last_contact", VaultDurations.format(server.lastContact()));
        json.put("last_term", server.lastTerm());
        json.put("last_index", server.lastIndex());
        json.put("healthy", server.healthy());
        json.put("stable_since", server.stableSince());
        json.put("status", server.status());
        json.put("version", server.version());
        json.put("node_type", server.nodeType());
        servers.put(server.nodeId(), json);
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("healthy", state.healthy());
      data.put("failure_tolerance", state.failureTolerance());
      data.put("leader", leader(state));
      data.put("voters", state.voters());
      data.put("non_voters", state.nonVoters());
      data.put("servers", servers);
      return data;
    }
  }

  /** {@code autopilot get-config}. */
  @Command(name = "get-config", description = "Show the autopilot configuration.")
  static final class GetConfig extends ClientCommand {
    @Mixin DrTokenOption drToken = new DrTokenOption();

    @Override
    void run(VaultRaftClient client) {
      DrOperationToken dr = drToken.token();
      AutopilotConfig config =
          dr == null ? client.readRaftAutopilotConfig() : client.readRaftAutopilotConfig(dr);
      if (json()) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cleanup_dead_servers", config.cleanupDeadServers());
        data.put("last_contact_threshold", duration(config.lastContactThreshold()));
        data.put(
            "dead_server_last_contact_threshold",
            duration(config.deadServerLastContactThreshold()));
        data.put("max_trailing_logs", config.maxTrailingLogs());
        data.put("min_quorum", config.minQuorum());
        data.put("server_stabilization_time", duration(config.serverStabilizationTime()));
        data.put("disable_upgrade_migration", config.disableUpgradeMigration());
        printJson(data);
        return;
      }
      out()
          .print(
              new Table("Key", "Value")
                  .row("Cleanup Dead Servers", show(config.cleanupDeadServers()))
                  .row("Last Contact Threshold", show(duration(config.lastContactThreshold())))
                  .row(
                      "Dead Server Last Contact Threshold",
                      show(duration(config.deadServerLastContactThreshold())))
                  .row(
                      "Server Stabilization Time", show(duration(config.serverStabilizationTime())))
                  .row("Min Quorum", show(config.minQuorum()))
                  .row("Max Trailing Logs", show(config.maxTrailingLogs()))
                  .row("Disable Upgrade Migration", show(config.disableUpgradeMigration()))
                  .render());
    }

    private static @Nullable String duration(@Nullable Duration value) {
      return value == null ? null : VaultDurations.format(value);
    }

    private static String show(@Nullable Object value) {
      return value == null ? "n/a" : value.toString();
    }
  }

  /** {@code autopilot set-config}: only the flags given are sent; Vault keeps the rest. */
  @Command(
      name = "set-config",
      description = "Change the autopilot configuration; settings not given are kept.")
  static final class SetConfig extends ClientCommand {
    @Mixin DrTokenOption drToken = new DrTokenOption();

    @Option(
        names = "-cleanup-dead-servers",
        arity = "0..1",
        fallbackValue = "true",
        paramLabel = "BOOL",
        description = "Remove dead servers automatically (needs -min-quorum >= 3).")
    @Nullable Boolean cleanupDeadServers;

    @Option(
        names = "-last-contact-threshold",
        paramLabel = "DURATION",
        description = "How long without contact before a server is unhealthy, e.g. 10s.")
    @Nullable String lastContactThreshold;

    @Option(
        names = "-dead-server-last-contact-threshold",
        paramLabel = "DURATION",
        description = "How long without contact before a server is dead (at least 1m).")
    @Nullable String deadServerLastContactThreshold;

    @Option(
        names = "-max-trailing-logs",
        paramLabel = "N",
        description = "How many log entries a server may lag before it is unhealthy.")
    @Nullable Long maxTrailingLogs;

    @Option(
        names = "-min-quorum",
        paramLabel = "N",
        description = "The fewest voters dead-server cleanup may leave.")
    @Nullable Integer minQuorum;

    @Option(
        names = "-server-stabilization-time",
        paramLabel = "DURATION",
        description = "How long a new server must be healthy before it may vote, e.g. 10s.")
    @Nullable String serverStabilizationTime;

    @Option(
        names = "-disable-upgrade-migration",
        arity = "0..1",
        fallbackValue = "true",
        paramLabel = "BOOL",
        description = "Turn off automated upgrades (Vault Enterprise).")
    @Nullable Boolean disableUpgradeMigration;

    @Override
    void run(VaultRaftClient client) {
      DrOperationToken dr = drToken.token();
      if (dr == null) {
        client.updateRaftAutopilotConfig(config());
      } else {
        client.updateRaftAutopilotConfig(config(), dr);
      }
      printOutcome("updated", true, "Autopilot configuration updated.");
    }

    /** The flags as a partial configuration; durations in Go's syntax, as the vault CLI takes. */
    AutopilotConfig config() {
      AutopilotConfig.Builder config = AutopilotConfig.builder();
      if (cleanupDeadServers != null) {
        config.cleanupDeadServers(cleanupDeadServers);
      }
      if (lastContactThreshold != null) {
        config.lastContactThreshold(
            VaultDurations.parse(lastContactThreshold, "-last-contact-threshold"));
      }
      if (deadServerLastContactThreshold != null) {
        config.deadServerLastContactThreshold(
            VaultDurations.parse(
                deadServerLastContactThreshold, "-dead-server-last-contact-threshold"));
      }
      if (maxTrailingLogs != null) {
        config.maxTrailingLogs(maxTrailingLogs);
      }
      if (minQuorum != null) {
        config.minQuorum(minQuorum);
      }
      if (serverStabilizationTime != null) {
        config.serverStabilizationTime(
            VaultDurations.parse(serverStabilizationTime, "-server-stabilization-time"));
      }
      if (disableUpgradeMigration != null) {
        config.disableUpgradeMigration(disableUpgradeMigration);
      }
      return config.build();
    }
  }

  /** Vault's own CLI shows no leader as an empty value. */
  static String leader(AutopilotState state) {
    return state.leader() == null ? "" : state.leader();
  }
}
