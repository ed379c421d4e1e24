/**
 * The vaultx-raft client for HashiCorp Vault's Raft storage API: {@link
 * io.github.vaultx.raft.VaultRaftClient}, and the offline snapshot format in {@code
 * io.github.vaultx.raft.snapshot}. Only those two packages are exported; the implementation in
 * {@code io.github.vaultx.raft.internal} is not (docs/adr/0010).
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
  // Not used here, but OkHttp, Okio and Moshi are Kotlin, and as automatic modules they cannot
  // require it themselves: without this a user's module path leaves kotlin.stdlib unresolved and
  // the first call fails with NoClassDefFoundError: kotlin/jvm/internal/Intrinsics.
  requires kotlin.stdlib;

  // Metrics are optional (ADR 9): an application that calls MicrometerMetrics.of(MeterRegistry)
  // requires micrometer.core itself; one that does not needs neither jar. Not "transitive": javac
  // would then demand micrometer.core when compiling every user's module.
  requires static micrometer.core;
  requires static io.github.resilience4j.micrometer;
  // Observations likewise: only MicrometerObservations.of(ObservationRegistry) needs them.
  requires static micrometer.observation;
  requires static micrometer.commons;

  exports io.github.vaultx.raft;
  exports io.github.vaultx.raft.snapshot;
}
