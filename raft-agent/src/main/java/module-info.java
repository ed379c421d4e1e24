/**
 * The vaultx-raft snapshot agent: Vault Enterprise's automated snapshots for every server, built on
 * the public API of {@code io.github.vaultx.raft}. See {@link
 * io.github.vaultx.raft.agent.RaftSnapshotAgent}.
 */
module io.github.vaultx.raft.agent {
  requires transitive io.github.vaultx.raft;
  requires transitive org.jspecify;
  requires com.squareup.moshi;
  requires okio;
  requires org.slf4j;
  requires jdk.httpserver;

  // Metrics are optional (as the client's are, ADR 9): only AgentMetrics names Micrometer.
  requires static micrometer.core;
  requires static micrometer.registry.prometheus;

  exports io.github.vaultx.raft.agent;
}
