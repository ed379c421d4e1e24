package io.github.vaultx.raft.cli;

import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.VaultDurations;
import io.github.vaultx.raft.VaultRaftClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code snapshot save|restore|inspect|load|loaded|unload|read|recover}. */
@Command(
    name = "snapshot",
    description =
        "Save, restore or inspect a snapshot of the Raft storage; load one for recovery and read"
            + " or recover single paths from it (Vault Enterprise); run the snapshot agent.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      SnapshotCommand.Save.class,
      SnapshotCommand.Restore.class,
      SnapshotInspectCommand.class,
      LoadedSnapshotCommands.Load.class,
      LoadedSnapshotCommands.Loaded.class,
      LoadedSnapshotCommands.Unload.class,
      LoadedSnapshotCommands.Read.class,
      LoadedSnapshotCommands.Recover.class,
      AgentCommand.class
    })
final class SnapshotCommand extends GroupCommand {

  /** {@code snapshot save FILE}: a verified, atomic download. */
  @Command(
      name = "save",
      description = {
        "Save a snapshot to FILE. FILE appears only once the whole snapshot arrived and its",
        "SHA256SUMS.sealed was found; a failed save leaves an existing FILE untouched."
      })
  static final class Save extends ClientCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the snapshot.")
    Path file = Path.of("");

    @Override
    void run(VaultRaftClient client) {
      SnapshotInfo info;
      AtomicLong received = new AtomicLong();
      try (Progress progress =
          Progress.start(err(), runtime().interactive(), "Saving snapshot", received::get)) {
        info = client.takeRaftSnapshot(file, received::set);
        progress.finish("Saved " + file, info.sizeBytes());
      }
      if (json()) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("file", file.toString());
        data.put("size_bytes", info.sizeBytes());
        data.put("sha256", info.sha256());
        data.put("elapsed", VaultDurations.format(info.elapsed()));
        printJson(data);
      }
    }
  }

  /** {@code snapshot restore [-force] FILE}. */
  @Command(
      name = "restore",
      description = {
        "Restore a snapshot from FILE. Vault applies it shortly after answering.",
        "Use -force for a snapshot taken by a cluster with other unseal keys."
      })
  static final class Restore extends ClientCommand {
    @Option(
        names = {"-force", "--force"},
        description = "Restore even if the snapshot's unseal keys differ from this cluster's.")
    boolean force;

    @Parameters(index = "0", paramLabel = "FILE", description = "The snapshot to restore.")
    Path file = Path.of("");

    @Override
    void run(VaultRaftClient client) {
      long size = sizeOf(file);
      AtomicLong sent = new AtomicLong();
      try (Progress progress =
          Progress.start(
              err(),
              runtime().interactive(),
              "Restoring " + file + " (" + Progress.size(size) + ")",
              sent::get)) {
        if (force) {
          client.forceRestoreRaftSnapshot(file, sent::set);
        } else {
          client.restoreRaftSnapshot(file, sent::set);
        }
        progress.finish("Restored " + file, size);
      }
      if (json()) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("file", file.toString());
        data.put("size_bytes", size);
        data.put("forced", force);
        printJson(data);
      }
    }

    private static long sizeOf(Path file) {
      try {
        return Files.size(file);
      } catch (IOException e) {
        return 0; // the client names the missing or unreadable file
      }
    }
  }
}
