package io.github.vaultx.raft.contract;

import static org.awaitility.Awaitility.await;

import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.ServerFlavour;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A freshly started 3-node {@link LocalRaftCluster}, plus extra nodes on demand: an uninitialised
 * spare for the join, and a fourth member for remove-peer, so the three core nodes are never
 * removed and the cluster keeps its quorum whatever the order of the interactions.
 */
final class LocalClusterServer implements ServerUnderTest {
  private final LocalRaftCluster cluster;
  private final boolean enterprise;

  /** The uninitialised node the join interaction targets; 0 when there is none. */
  private int spare;

  /** A fourth member that may be removed; 0 when there is none. */
  private int extraMember;

  private int sealed;

  private LocalClusterServer(LocalRaftCluster cluster, boolean enterprise) {
    this.cluster = cluster;
    this.enterprise = enterprise;
  }

  static ServerUnderTest start(Map<String, String> env) {
    return new LocalClusterServer(
        LocalRaftCluster.builder().nodes(3).start(),
        "true".equalsIgnoreCase(env.get(ServerUnderTest.ENTERPRISE)));
  }

  @Override
  public String description() {
    return "a local " + cluster.serverBinary().flavour().key() + " cluster of 3 nodes";
  }

  @Override
  public ServerFlavour flavour() {
    return cluster.serverBinary().flavour();
  }

  @Override
  public boolean enterprise() {
    return enterprise;
  }

  @Override
  public URI active() {
    return URI.create(cluster.leaderAddress());
  }

  @Override
  public String token() {
    return cluster.rootToken();
  }

  @Override
  public Optional<String> cannotProvide(String state) {
    return Optional.empty();
  }

  @Override
  public URI standby() {
    return URI.create(cluster.address(cluster.followerIndex()));
  }

  @Override
  public URI sealable() {
    sealed = cluster.followerIndex();
    return URI.create(cluster.address(sealed));
  }

  @Override
  public void seal() {
    cluster.seal(sealed);
  }

  @Override
  public void unseal() {
    cluster.unseal(sealed);
  }

  @Override
  public URI spare() {
    if (spare == 0) {
      spare = cluster.addNode();
    }
    return URI.create(cluster.address(spare));
  }

  /**
   * After the join the spare waits for its unseal key; unsealing it finishes the join, and the node
   * then serves as the member remove-peer may take away. A spare that did not join (the
   * verification failed) stays the spare.
   */
  @Override
  public void resetSpare() {
    if (spare != 0 && cluster.health(spare) == 503) {
      cluster.unseal(spare);
      if (extraMember == 0) {
        extraMember = spare;
      }
      spare = 0;
    }
  }

  @Override
  public String removableFollower() {
    if (extraMember == 0) {
      int node = cluster.addNode();
      cluster
          .sys()
          .ok(
              "POST",
              URI.create(cluster.address(node)),
              "sys/storage/raft/join",
              null,
              Map.of("leader_api_addr", cluster.leaderAddress()));
      cluster.unseal(node);
      extraMember = node;
    }
    String id = cluster.nodeId(extraMember);
    await(id + " in the Raft configuration")
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                cluster
                    .sys()
                    .ok("GET", active(), "sys/storage/raft/configuration", token(), null)
                    .contains("\"" + id + "\""));
    return id;
  }

  /** The removed node is gone for good: stop it, so it does not keep asking to rejoin. */
  @Override
  public void restoreFollower(String nodeId) {
    if (extraMember != 0 && cluster.nodeId(extraMember).equals(nodeId)) {
      cluster.stop(extraMember);
      extraMember = 0;
    }
  }

  @Override
  public void close() {
    cluster.close();
  }
}
