package io.github.vaultx.raft;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Raft configuration: which servers form the cluster.
 *
 * @param index the Raft index of this configuration
 * @param servers the servers, in Vault's order
 */
public record RaftConfiguration(long index, List<RaftServer> servers) {

  /**
   * Copies {@code servers}.
   *
   * @param index the Raft index of this configuration
   * @param servers the servers, in Vault's order
   */
  public RaftConfiguration {
    servers = List.copyOf(servers);
  }

  /**
   * Returns the server that is the leader.
   *
   * @return the leader, or {@code null} while there is none
   */
  public @Nullable RaftServer leader() {
    return servers.stream().filter(RaftServer::leader).findFirst().orElse(null);
  }
}
