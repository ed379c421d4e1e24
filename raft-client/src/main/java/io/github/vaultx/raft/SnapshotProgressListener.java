package io.github.vaultx.raft;

/**
 * Told how far a snapshot transfer has got, for a progress display. Passed to {@link
 * VaultRaftClient#takeRaftSnapshot(java.nio.file.Path, SnapshotProgressListener)}, {@link
 * VaultRaftClient#restoreRaftSnapshot(java.nio.file.Path, SnapshotProgressListener,
 * RestoreOption...)} and {@link VaultRaftClient#forceRestoreRaftSnapshot(java.nio.file.Path,
 * SnapshotProgressListener, RestoreOption...)}.
 *
 * <p>It is called on the thread that moves the bytes, after each block of up to a few hundred
 * kilobytes: keep it short and do not block (store the figure, and draw it from another thread). A
 * {@link RuntimeException} it throws ends the transfer: a download leaves no file, an upload is not
 * completed.
 */
@FunctionalInterface
public interface SnapshotProgressListener {

  /** A listener that ignores every report. */
  SnapshotProgressListener NONE = bytes -> {};

  /**
   * Reports the bytes transferred so far. A download counts the bytes received and written to the
   * file; an upload counts the bytes handed to the connection. When a standby's redirect makes the
   * client send the file again, the count starts again from zero.
   *
   * @param totalBytes the bytes transferred since the transfer (or its latest attempt) began
   */
  void bytesTransferred(long totalBytes);
}
