package io.github.vaultx.raft.testing;

import static io.github.vaultx.raft.testing.ServerFlavour.HEALTH_ACTIVE;
import static io.github.vaultx.raft.testing.ServerFlavour.HEALTH_STANDBY;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Forms a Raft cluster of started, listening nodes: initialises and unseals node 1, joins the
 * others to it (no token) and unseals them, checks that a standby redirects, and waits until
 * autopilot reports every node as a healthy voter.
 */
final class ClusterFormation {
  private static final System.Logger LOG = System.getLogger(ClusterFormation.class.getName());

  private final SysApi sys;
  private final ClusterWaits waits;
  private final ServerFlavour flavour;
  private final @Nullable ClusterTls tls;
  private final Duration stepTimeout;

  ClusterFormation(
      SysApi sys,
      ClusterWaits waits,
      ServerFlavour flavour,
      @Nullable ClusterTls tls,
      Duration stepTimeout) {
    this.sys = sys;
    this.waits = waits;
    this.flavour = flavour;
    this.tls = tls;
    this.stepTimeout = stepTimeout;
  }

  /** Forms the cluster; node 1 first in {@code nodes}. */
  SysApi.InitKeys form(List<ClusterNode> nodes) {
    long t0 = System.nanoTime();
    ClusterNode first = nodes.get(0);
    SysApi.InitKeys keys = sys.init(first.uri());
    sys.unseal(first.uri(), keys.unsealKey());
    waits.health(first, HEALTH_ACTIVE);
    long active = System.nanoTime();

    if (nodes.size() > 1) {
      // Joiners start as non-voters; autopilot promotes them once stable (default 10s).
      sys.send(
              "POST",
              first.uri(),
              "sys/storage/raft/autopilot/configuration",
              keys.rootToken(),
              Map.of("server_stabilization_time", "1s"))
          .expect(200, 204);
      List<ClusterNode> joiners = nodes.subList(1, nodes.size());
      for (ClusterNode node : joiners) {
        sys.join(node.uri(), first.apiAddress(), tls);
        // A joiner answers the leader's challenge only once unsealed with the cluster's key.
        sys.unseal(node.uri(), keys.unsealKey());
      }
      joiners.forEach(node -> waits.health(node, HEALTH_STANDBY));
      verifyStandbyRedirects(nodes.get(1), keys.rootToken());
    }
    long unsealed = System.nanoTime();
    waits.healthyVoters(nodes.size(), stepTimeout, keys.rootToken());
    long done = System.nanoTime();
    LOG.log(
        Level.INFO,
        () ->
            String.format(
                "%d-node %s cluster formed in %d ms (node-1 active %d ms, all unsealed %d ms)",
                nodes.size(),
                flavour.key(),
                millis(t0, done),
                millis(t0, active),
                millis(t0, unsealed)));
    return keys;
  }

  /** A standby must redirect snapshot downloads, or the standby tests prove nothing. */
  private void verifyStandbyRedirects(ClusterNode standby, String token) {
    int status = sys.status(standby.uri(), "sys/storage/raft/snapshot", token);
    if (status != 307) {
      throw new IllegalStateException(
          "standby "
              + standby.nodeId
              + " answered "
              + status
              + " instead of 307 for sys/storage/raft/snapshot"
              + (flavour == ServerFlavour.OPENBAO ? ": is disable_standby_reads honoured?" : ""));
    }
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }
}
