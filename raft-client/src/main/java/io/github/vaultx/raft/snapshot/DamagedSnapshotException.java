package io.github.vaultx.raft.snapshot;

import io.github.vaultx.raft.RestoreOption;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultRaftException;
import java.nio.file.Path;
import java.util.List;

/**
 * A snapshot file failed the local check: it is not a complete gzipped tar, or its {@code
 * meta.json}, {@code state.bin}, {@code SHA256SUMS} or {@code SHA256SUMS.sealed} is missing,
 * malformed or does not match its recorded SHA-256. Thrown by {@link RaftSnapshots} and by {@link
 * VaultRaftClient#restoreRaftSnapshot(Path, RestoreOption...)} and {@link
 * VaultRaftClient#forceRestoreRaftSnapshot(Path, RestoreOption...)}, which check the file while
 * they send it and stop before its end: the server never gets a damaged file whole.
 */
public class DamagedSnapshotException extends VaultRaftException {
  private static final long serialVersionUID = 1L;

  /** The problems found, each a complete sentence fragment naming the part of the snapshot. */
  private final List<String> problems;

  /**
   * Creates an exception.
   *
   * @param file the snapshot file, as the caller named it
   * @param problems what is wrong, at least one
   */
  DamagedSnapshotException(String file, List<String> problems) {
    super("snapshot " + file + " is damaged: " + String.join("; ", problems), null);
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns what is wrong with the file, in the order found.
   *
   * @return the problems, never empty
   */
  public List<String> problems() {
    return problems;
  }
}
