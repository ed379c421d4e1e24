package io.github.vaultx.raft.cli;

import io.github.vaultx.raft.LoadedSnapshot;
import io.github.vaultx.raft.VaultRaftClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snapshot load|loaded|unload|read|recover}: Vault Enterprise's loaded snapshots and the
 * recovery of single paths from them.
 */
final class LoadedSnapshotCommands {
  private LoadedSnapshotCommands() {}

  /** {@code snapshot load FILE} or {@code snapshot load -config=NAME URL}. */
  @Command(
      name = "load",
      description = {
        "Load a snapshot for recovery without restoring it (Vault Enterprise): FILE after",
        "checking it locally, or with -config the snapshot at URL that the automated snapshot",
        "configuration NAME wrote to cloud storage."
      })
  static final class Load extends ClientCommand {
    @Option(
        names = {"-config", "--config"},
        paramLabel = "NAME",
        description = "Load URL from this automated snapshot configuration's storage.")
    @Nullable String config;

    @Parameters(index = "0", paramLabel = "FILE_OR_URL", description = "The snapshot.")
    String source = "";

    @Override
    void run(VaultRaftClient client) {
      LoadedSnapshot loaded;
      if (config != null) {
        loaded = client.loadRaftAutoSnapshot(config, source);
      } else {
        Path file = Path.of(source);
        AtomicLong sent = new AtomicLong();
        try (Progress progress =
            Progress.start(err(), runtime().interactive(), "Loading " + file, sent::get)) {
          loaded = client.loadRaftSnapshot(file, sent::set);
          progress.finish("Loaded " + file, sent.get());
        }
      }
      print(this, loaded);
    }
  }

  /** {@code snapshot loaded [ID]}: the loaded snapshots, or one of them. */
  @Command(
      name = "loaded",
      description = "List the loaded snapshots, or show the state of the one with id ID.")
  static final class Loaded extends ClientCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "A snapshot id.")
    @Nullable String id;

    @Override
    void run(VaultRaftClient client) {
      if (id != null) {
        print(this, client.readRaftLoadedSnapshot(id));
        return;
      }
      List<String> ids = client.listRaftLoadedSnapshots();
      if (json()) {
        printJson(ids);
        return;
      }
      Table table = new Table("Snapshot ID");
      ids.forEach(table::row);
      out().print(table.render());
    }
  }

  /** {@code snapshot unload [-force] ID}. */
  @Command(name = "unload", description = "Unload a loaded snapshot (Vault Enterprise).")
  static final class Unload extends ClientCommand {
    @Option(
        names = {"-force", "--force"},
        description = "Unload a snapshot that is stuck, for example while loading (Vault 1.21+).")
    boolean force;

    @Parameters(index = "0", paramLabel = "ID", description = "The snapshot id.")
    String id = "";

    @Override
    void run(VaultRaftClient client) {
      client.unloadRaftSnapshot(id, force);
      if (json()) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unloaded", id);
        data.put("forced", force);
        printJson(data);
      } else {
        out().println("Snapshot " + id + " unloaded.");
      }
    }
  }

  /** {@code snapshot read ID PATH}: a path as it is in a loaded snapshot. */
  @Command(
      name = "read",
      description = {
        "Read PATH (for example secret/my-secret) as it is in the loaded snapshot ID, leaving",
        "the live data alone (Vault Enterprise). Values are secrets: they are printed."
      })
  static final class Read extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The loaded snapshot's id.")
    String id = "";

    @Parameters(index = "1", paramLabel = "PATH", description = "The path under /v1/.")
    String path = "";

    @Override
    void run(VaultRaftClient client) {
      Map<String, Object> data = client.readFromLoadedSnapshot(id, path);
      if (json()) {
        printJson(data);
        return;
      }
      Table table = new Table("Key", "Value");
      data.forEach(
          (key, value) -> table.row(key, value instanceof String s ? s : Json.write(value)));
      out().print(table.render());
    }
  }

  /** {@code snapshot recover ID PATH}: a path's data from a loaded snapshot back into use. */
  @Command(
      name = "recover",
      description = {
        "Write PATH's data from the loaded snapshot ID back into the live data, overwriting it",
        "(Vault Enterprise 1.21+, Vault's RECOVER method)."
      })
  static final class Recover extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The loaded snapshot's id.")
    String id = "";

    @Parameters(index = "1", paramLabel = "PATH", description = "The path under /v1/.")
    String path = "";

    @Override
    void run(VaultRaftClient client) {
      client.recoverFromLoadedSnapshot(id, path);
      if (json()) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("recovered", path);
        data.put("snapshot_id", id);
        printJson(data);
      } else {
        out().println("Recovered " + path + " from snapshot " + id + ".");
      }
    }
  }

  private static void print(ClientCommand command, LoadedSnapshot loaded) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("snapshot_id", loaded.snapshotId());
    data.put("status", loaded.status());
    data.put("cluster_id", loaded.clusterId());
    data.put("error", loaded.error());
    data.put("created_at", loaded.createdAt() == null ? null : loaded.createdAt().toString());
    data.put("expires_at", loaded.expiresAt() == null ? null : loaded.expiresAt().toString());
    if (command.json()) {
      command.printJson(data);
      return;
    }
    Table table = new Table("Key", "Value");
    data.forEach((key, value) -> table.row(key, value == null ? "" : value));
    command.out().print(table.render());
  }
}
