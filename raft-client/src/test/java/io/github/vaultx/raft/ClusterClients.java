package io.github.vaultx.raft;

import io.github.vaultx.raft.testing.ClusterTls;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import java.util.Map;

/**
 * Clients of the library under test for a {@link LocalRaftCluster}, built only through the public
 * builder: the harness (module raft-testing) does not know the client, so that raft-client's own
 * tests can use it without a dependency cycle. None reads the process environment.
 */
public final class ClusterClients {
  private ClusterClients() {}

  /** A client for all nodes with the root token; close it. */
  public static VaultRaftClient client(LocalRaftCluster cluster) {
    return builder(cluster).addresses(cluster.addresses()).token(cluster.rootToken()).build();
  }

  /** A client for node {@code i} only, with the root token; close it. */
  public static VaultRaftClient clientFor(LocalRaftCluster cluster, int i) {
    return clientFor(cluster, i, cluster.rootToken());
  }

  /** A client for node {@code i} only, with the given token; close it. */
  public static VaultRaftClient clientFor(LocalRaftCluster cluster, int i, String token) {
    return builder(cluster).address(cluster.address(i)).token(token).build();
  }

  /** A builder with no environment that trusts the cluster's CA and presents its client cert. */
  public static VaultRaftClientBuilder builder(LocalRaftCluster cluster) {
    VaultRaftClientBuilder builder = VaultRaftClient.builder().environment(Map.of());
    cluster.tls().ifPresent(tls -> trust(builder, tls));
    return builder;
  }

  /** Trusts the cluster's CA and presents its client certificate, if it has one. */
  public static VaultRaftClientBuilder trust(VaultRaftClientBuilder builder, ClusterTls tls) {
    builder.caCert(tls.caFile());
    if (tls.requiresClientCertificate()) {
      builder.clientCertificate(tls.clientCertFile(), tls.clientKeyFile());
    }
    return builder;
  }

  /** A join request that trusts the leader's CA and presents the client certificate, if any. */
  public static RaftJoinRequest joinRequest(ClusterTls tls, String leaderApiAddr) {
    RaftJoinRequest.Builder join = RaftJoinRequest.builder(leaderApiAddr).leaderCaCert(tls.caPem());
    tls.clientCertPem().ifPresent(join::leaderClientCert);
    tls.clientKeyPem().ifPresent(join::leaderClientKey);
    return join.build();
  }
}
