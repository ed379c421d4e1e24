package io.github.vaultx.raft.agent;

import io.github.vaultx.raft.SnapshotProgressListener;
import java.nio.file.Path;
import java.util.List;

/**
 * Where one configuration's snapshots are kept ({@code storage_type}): a snapshot lands in a
 * staging file that no one could take for a stored snapshot, and becomes one only once it is
 * complete and verified.
 */
interface SnapshotStore extends AutoCloseable {

  /** Makes the store ready when the agent starts, for example creates a missing directory. */
  default void prepare() {}

  /**
   * Checks that a new snapshot may be written and returns a listener that ends the download when it
   * outgrows the room left.
   *
   * @throws SnapshotStoreException if there is no room
   */
  SnapshotProgressListener reserve();

  /** The file the download is written to, on the same file system as the stored snapshots. */
  Path staging(String fileName);

  /**
   * Stores the verified staging file as {@code fileName}, atomically, and removes the staging file.
   *
   * @return where it is stored, as the status reports it ({@code last_snapshot_url})
   * @throws SnapshotStoreException if it cannot be stored; nothing is left under {@code fileName}
   */
  String store(Path staging, String fileName);

  /**
   * Deletes the oldest stored snapshots of this configuration beyond {@code retain}.
   *
   * @return the names deleted, oldest first
   */
  List<String> prune(int retain);

  /** The share of the allowed space the stored snapshots take, in percent; NaN without a limit. */
  double percentOfMaxSpaceUsed();

  /** Removes what an agent that was killed left behind: staging files, unfinished uploads. */
  void removeLeftovers();

  /** Releases the store's connections, if it has any. */
  @Override
  default void close() {}
}
