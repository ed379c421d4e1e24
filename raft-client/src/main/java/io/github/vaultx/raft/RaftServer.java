package io.github.vaultx.raft;

import java.util.Objects;

/**
 * One server of the Raft configuration.
 *
 * @param nodeId the Raft node id
 * @param address the cluster address ({@code host:port}) of the server
 * @param leader whether the server is the current leader
 * @param voter whether the server votes in elections
 * @param protocolVersion the Raft protocol version the server speaks
 */
public record RaftServer(
    String nodeId, String address, boolean leader, boolean voter, String protocolVersion) {

  /**
   * Checks that no component is null.
   *
   * @param nodeId the Raft node id
   * @param address the cluster address ({@code host:port}) of the server
   * @param leader whether the server is the current leader
   * @param voter whether the server votes in elections
   * @param protocolVersion the Raft protocol version the server speaks
   */
  public RaftServer {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
  }
}
