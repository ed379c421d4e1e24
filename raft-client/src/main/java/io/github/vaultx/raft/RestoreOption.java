package io.github.vaultx.raft;

import io.github.vaultx.raft.snapshot.RaftSnapshots;
import java.nio.file.Path;

/**
 * Options for {@link VaultRaftClient#restoreRaftSnapshot(Path, RestoreOption...)} and {@link
 * VaultRaftClient#forceRestoreRaftSnapshot(Path, RestoreOption...)}.
 */
public enum RestoreOption {
  /**
   * Send the file without checking it locally. By default a restore checks the file as {@link
   * RaftSnapshots#verify(Path)} does while it sends it, and holds back its last bytes until the
   * check passed, so that a damaged file never reaches the server whole; use this for a file the
   * caller has just verified, to save that second read of the file.
   */
  SKIP_LOCAL_VERIFICATION
}
