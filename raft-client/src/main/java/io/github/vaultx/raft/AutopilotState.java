package io.github.vaultx.raft;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The health of the Raft cluster as autopilot sees it.
 *
 * @param healthy whether every server is healthy
 * @param failureTolerance how many voters may fail without losing quorum
 * @param leader the node id of the leader, or {@code null} while there is none
 * @param voters the node ids of the voters
 * @param nonVoters the node ids of the non-voters
 * @param servers every server, by node id, in Vault's order
 */
public record AutopilotState(
    boolean healthy,
    int failureTolerance,
    @Nullable String leader,
    List<String> voters,
    List<String> nonVoters,
    Map<String, AutopilotServer> servers) {

  /**
   * Copies the collections.
   *
   * @param healthy whether every server is healthy
   * @param failureTolerance how many voters may fail without losing quorum
   * @param leader the node id of the leader, or {@code null} while there is none
   * @param voters the node ids of the voters
   * @param nonVoters the node ids of the non-voters
   * @param servers every server, by node id, in Vault's order
   */
  public AutopilotState {
    voters = List.copyOf(voters);
    nonVoters = List.copyOf(nonVoters);
    servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers));
  }
}
