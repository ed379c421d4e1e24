package io.github.vaultx.raft.snapshot;

import java.util.Objects;

/**
 * One server of the Raft configuration recorded in a snapshot's {@code meta.json}. Unlike the live
 * {@link io.github.vaultx.raft.RaftServer} it knows no leader or protocol version, and it keeps
 * Raft's three suffrage values where the live configuration only says voter or not.
 *
 * @param nodeId the Raft node id
 * @param address the cluster address ({@code host:port})
 * @param suffrage {@code voter}, {@code nonvoter} or {@code staging} (Raft's suffrage values 0, 1
 *     and 2), or the number itself for a value Raft does not define
 */
public record SnapshotServer(String nodeId, String address, String suffrage) {

  /**
   * Checks that no component is null.
   *
   * @param nodeId the Raft node id
   * @param address the cluster address
   * @param suffrage the suffrage
   */
  public SnapshotServer {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(suffrage, "suffrage");
  }

  /**
   * Whether the server votes.
   *
   * @return true for a voter
   */
  public boolean voter() {
    return suffrage.equals("voter");
  }
}
