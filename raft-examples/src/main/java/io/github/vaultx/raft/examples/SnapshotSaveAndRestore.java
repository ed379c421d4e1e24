package io.github.vaultx.raft.examples;

import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.VaultRaftClient;
import java.nio.file.Path;

/**
 * Snapshot save and restore: streams a verified snapshot to a file, then restores it.
 *
 * <p>The file appears only once the whole snapshot arrived and holds Vault's {@code
 * SHA256SUMS.sealed}; a failed save leaves nothing behind.
 */
public final class SnapshotSaveAndRestore {
  private SnapshotSaveAndRestore() {}

  /** Saves a snapshot to {@code file} and restores it. */
  public static SnapshotInfo run(VaultRaftClient client, Path file) {
    SnapshotInfo info = client.takeRaftSnapshot(file);
    System.out.printf(
        "takeRaftSnapshot(%s) -> %,d bytes in %d ms, sha256 %s%n",
        file, info.sizeBytes(), info.elapsed().toMillis(), info.sha256());
    client.restoreRaftSnapshot(file);
    System.out.println(
        "restoreRaftSnapshot(" + file + ") -> accepted (Vault applies it shortly after)");
    return info;
  }

  /** Entry point: the first argument is the snapshot file. */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: SnapshotSaveAndRestore <file>");
      System.exit(2);
    }
    try (VaultRaftClient client = VaultRaftClient.fromEnvironment()) {
      run(client, Path.of(args[0]));
    }
  }
}
