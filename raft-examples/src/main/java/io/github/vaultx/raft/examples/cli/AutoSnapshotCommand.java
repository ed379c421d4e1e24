package io.github.vaultx.raft.examples.cli;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.VaultRaftClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  /** Parameters whose values are secrets: never printed. */
  static final Set<String> SECRETS =
      Set.of(
          "aws_secret_access_key",
          "aws_session_token",
          "google_service_account_key",
          "azure_account_key");

  /** Parameters Vault takes as booleans; {@code key=value} gives strings. */
  private static final Set<String> BOOLEANS =
      Set.of(
          "autoload_enabled",
          "aws_s3_disable_tls",
          "aws_s3_force_path_style",
          "aws_s3_enable_kms",
          "aws_s3_server_side_encryption",
          "google_disable_tls");

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
      Map<String, Object> parameters = new LinkedHashMap<>();
      client
          .readRaftAutoSnapshotConfig(name)
          .toVaultParameters()
          .forEach((key, value) -> parameters.put(key, SECRETS.contains(key) ? "****" : value));
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
      if (json()) {
        printJson(Map.of("written", name));
      } else {
        out().println("Success! Data written to: sys/storage/raft/snapshot-auto/config/" + name);
      }
    }

    static AutoSnapshotConfig config(List<String> pairs) {
      Map<String, Object> parameters = new LinkedHashMap<>();
      for (String pair : pairs) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("parameters must be key=value, got \"" + pair + "\"");
        }
        String key = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1);
        if (BOOLEANS.contains(key)) {
          if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false");
          }
          parameters.put(key, Boolean.valueOf(value));
        } else {
          parameters.put(key, value);
        }
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
      if (json()) {
        printJson(Map.of("deleted", name));
      } else {
        out()
            .println(
                "Success! Data deleted (if it existed) at: sys/storage/raft/snapshot-auto/config/"
                    + name);
      }
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
