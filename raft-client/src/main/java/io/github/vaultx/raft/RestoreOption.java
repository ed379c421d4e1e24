package io.github.vaultx.raft;

import io.github.vaultx.raft.snapshot.RaftSnapshots;
import java.nio.file.Path;

/**
 * Options for {@link VaultRaftClient#restoreRaftSnapshot(Path, RestoreOption...)} and {@link
 * VaultRaftClient#forceRestoreRaftSnapshot(Path, RestoreOption...)}.
 */
public enum RestoreOption {
  /**
   * Send the file without checking it locally first. By default a restore reads the whole file once
   * with {@link RaftSnapshots#verify(Path)} and refuses a damaged one before a byte is sent; use
   * this for a file the caller has just verified, to save that second read.
   */
  SKIP_LOCAL_VERIFICATION
}
