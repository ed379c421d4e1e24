package io.github.vaultx.raft.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the harness waits for: a node listening, a node's health, a leader, healthy voters. */
final class ClusterWaits {
  private static final int LOG_TAIL_LINES = 40;

  private final List<ClusterNode> nodes;
  private final SysApi sys;
  private final Duration stepTimeout;

  ClusterWaits(List<ClusterNode> nodes, SysApi sys, Duration stepTimeout) {
    this.nodes = nodes;
    this.sys = sys;
    this.stepTimeout = stepTimeout;
  }

  int health(ClusterNode node) {
    return sys.health(node.uri());
  }

  /** Until the node answers at all; a node that exits ends the wait with its log. */
  void listening(ClusterNode node) {
    Waits.until(
        node.nodeId + " listening on " + node.apiAddress(),
        stepTimeout,
        () -> {
          if (!node.alive()) {
            throw new IllegalStateException(
                node.nodeId + " exited; log:\n" + node.logTail(LOG_TAIL_LINES));
          }
          return health(node) != -1 ? Boolean.TRUE : null;
        });
  }

  /** Until the node's {@code sys/health} answers one of {@code wanted}. */
  void health(ClusterNode node, int... wanted) {
    int[] last = {-1};
    try {
      Waits.until(
          node.nodeId + " health " + Arrays.toString(wanted),
          stepTimeout,
          () -> {
            last[0] = health(node);
            return Arrays.stream(wanted).anyMatch(w -> w == last[0]) ? Boolean.TRUE : null;
          });
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + " (last status " + last[0] + ")", e);
    }
  }

  /** Until some running node answers {@code sys/health} with {@code status}; its number. */
  int anyNode(String what, int status, Duration timeout) {
    return Waits.until(
        what,
        timeout,
        () ->
            nodes.stream()
                .filter(n -> n.alive() && health(n) == status)
                .map(n -> n.index)
                .findFirst()
                .orElse(null));
  }

  /** Until autopilot reports the cluster healthy with exactly {@code count} healthy voters. */
  void healthyVoters(int count, Duration timeout, String token) {
    String[] last = {"(no answer)"};
    try {
      Waits.until(
          count + " healthy voters",
          timeout,
          () -> {
            SysApi.Response state = autopilotState(token);
            last[0] = state.status() + " " + state.body();
            return state.status() == 200 && healthy(state.data(), count) ? Boolean.TRUE : null;
          });
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + "; last autopilot state: " + last[0], e);
    }
  }

  private static boolean healthy(Map<?, ?> state, int count) {
    List<?> voters = SysApi.list(state.get("voters"));
    Map<?, ?> servers = SysApi.object(state.get("servers"));
    return Boolean.TRUE.equals(state.get("healthy"))
        && voters.size() == count
        && voters.stream()
            .allMatch(v -> Boolean.TRUE.equals(SysApi.object(servers.get(v)).get("healthy")));
  }

  private SysApi.Response autopilotState(String token) {
    for (ClusterNode node : nodes) {
      if (node.alive()) {
        SysApi.Response state =
            sys.send("GET", node.uri(), "sys/storage/raft/autopilot/state", token, null);
        if (state.status() == 200) {
          return state;
        }
      }
    }
    return new SysApi.Response(-1, "no node answered");
  }

  /** The health of every node, -1 for a stopped one. */
  Map<String, Integer> healthByNode() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (ClusterNode node : nodes) {
      out.put(node.nodeId, node.alive() ? health(node) : -1);
    }
    return out;
  }
}
