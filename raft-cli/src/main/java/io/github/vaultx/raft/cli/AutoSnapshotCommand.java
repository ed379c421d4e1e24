package io.github.vaultx.raft.cli;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.VaultRaftClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code auto-snapshot list|read|write|delete|status} (Vault Enterprise). */
@Command(
    name = "auto-snapshot",
    description = "Manage automated snapshot configurations (Vault Enterprise; needs sudo).",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      AutoSnapshotCommand.ListConfigs.class,
      AutoSnapshotCommand.Read.class,
      AutoSnapshotCommand.Write.class,
      AutoSnapshotCommand.Delete.class,
      AutoSnapshotCommand.Status.class
    })
final class AutoSnapshotCommand extends GroupCommand {
  /** {@code auto-snapshot list}. */
  @Command(name = "list", description = "List the names of the configurations.")
  static final class ListConfigs extends ClientCommand {
    @Override
    void run(VaultRaftClient client) {
      List<String> names = client.listRaftAutoSnapshotConfigs();
      if (json()) {
        printJson(Map.of("keys", names));
        return;
      }
      if (names.isEmpty()) {
        out().println("No automated snapshot configurations.");
        return;
      }
      Table table = new Table("Keys");
      names.forEach(table::row);
      out().print(table.render());
    }
  }

  /** {@code auto-snapshot read NAME}. */
  @Command(name = "read", description = "Show a configuration (secrets masked).")
  static final class Read extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The configuration's name.")
    String name = "";

    @Override
    void run(VaultRaftClient client) {
      Map<String, Object> parameters =
          client.readRaftAutoSnapshotConfig(name).toRedactedVaultParameters();
      if (json()) {
        printJson(parameters);
        return;
      }
      Table table = new Table("Key", "Value");
      parameters.forEach(table::row);
      out().print(table.render());
    }
  }

  /** {@code auto-snapshot write NAME key=value...}, with the parameter names of Vault's API. */
  @Command(
      name = "write",
      description = {
        "Create or replace a configuration from key=value pairs named as in Vault's API,",
        "for example: write daily storage_type=local interval=24h path_prefix=/backups retain=5"
      })
  static final class Write extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The configuration's name.")
    String name = "";

    @Parameters(
        index = "1..*",
        arity = "1..*",
        paramLabel = "KEY=VALUE",
        description = "Parameters; storage_type, interval and path_prefix are required.")
    List<String> pairs = new ArrayList<>();

    @Override
    void run(VaultRaftClient client) {
      client.createOrUpdateRaftAutoSnapshotConfig(name, config(pairs));
      printOutcome(
          "written",
          name,
          "Success! Data written to: sys/storage/raft/snapshot-auto/config/" + name);
    }

    /** Vault's parameter map from the pairs; the client's codec types the values, as Vault does. */
    static AutoSnapshotConfig config(List<String> pairs) {
      Map<String, Object> parameters = new LinkedHashMap<>();
      for (String pair : pairs) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("parameters must be key=value, got \"" + pair + "\"");
        }
        parameters.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
      }
      return AutoSnapshotConfig.fromVaultParameters(parameters);
    }
  }

  /** {@code auto-snapshot delete NAME}. */
  @Command(name = "delete", description = "Delete a configuration.")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The configuration's name.")
    String name = "";

    @Override
    void run(VaultRaftClient client) {
      client.deleteRaftAutoSnapshotConfig(name);
      printOutcome(
          "deleted",
          name,
          "Success! Data deleted (if it existed) at: sys/storage/raft/snapshot-auto/config/"
              + name);
    }
  }

  /** {@code auto-snapshot status NAME}. */
  @Command(name = "status", description = "Show the state of a configuration's snapshots.")
  static final class Status extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The configuration's name.")
    String name = "";

    @Override
    void run(VaultRaftClient client) {
      AutoSnapshotStatus status = client.readRaftAutoSnapshotStatus(name);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("consecutive_errors", status.consecutiveErrors());
      data.put("last_snapshot_start", text(status.lastSnapshotStart()));
      data.put("last_snapshot_end", text(status.lastSnapshotEnd()));
      data.put("last_snapshot_error", text(status.lastSnapshotError()));
      data.put("last_snapshot_url", text(status.lastSnapshotUrl()));
      data.put("next_snapshot_start", text(status.nextSnapshotStart()));
      data.put("snapshot_start", text(status.snapshotStart()));
      data.put("snapshot_url", text(status.snapshotUrl()));
      if (json()) {
        printJson(data);
        return;
      }
      Table table = new Table("Key", "Value");
      data.forEach((key, value) -> table.row(key, value == null ? "n/a" : value));
      out().print(table.render());
    }

    private static @Nullable String text(@Nullable Object value) {
      return value == null ? null : value.toString();
    }
  }
}
