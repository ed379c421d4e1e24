/**
 * The vaultx-raft client for HashiCorp Vault's Raft storage API: {@link
 * io.github.vaultx.raft.VaultRaftClient}. Only {@code io.github.vaultx.raft} is exported; the
 * implementation in {@code io.github.vaultx.raft.internal} is not (docs/adr/0010).
 */
module io.github.vaultx.raft {
  // The public API carries JSpecify's nullness annotations, so users see them too.
  requires transitive org.jspecify;

  requires io.github.vaultx.raft.internal.generated;
  requires retrofit2;
  requires retrofit2.converter.moshi;
  requires com.squareup.moshi;
  requires okhttp3;
  requires okio;
  requires io.github.resilience4j.core;
  requires io.github.resilience4j.retry;
  requires io.github.resilience4j.circuitbreaker;
  requires org.slf4j;

  // Metrics are optional: MicrometerMetrics.of(MeterRegistry) is public, so an application that
  // puts micrometer.core on its module path reads it through this module; one that does not needs
  // neither jar.
  requires static transitive micrometer.core;
  requires static io.github.resilience4j.micrometer;

  exports io.github.vaultx.raft;
}
