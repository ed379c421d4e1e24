package io.github.vaultx.raft;

import io.github.vaultx.raft.internal.access.Checks;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes a client's metrics to a Micrometer {@link MeterRegistry}; pass it to {@link
 * VaultRaftClientBuilder#metrics(MicrometerMetrics)}.
 *
 * <p>Metrics are optional: this is the only public type that mentions Micrometer, and it is loaded
 * only by applications that call it, so a client without metrics needs neither {@code
 * micrometer-core} nor {@code resilience4j-micrometer} on the classpath (both are optional
 * dependencies; add them to use this class).
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Tags</th><th>What</th></tr>
 *   <tr><td>{@code vaultx.raft.requests} (timer)</td>
 *       <td>{@code operation} (the method name), {@code outcome} ({@code success} or
 *       {@code error}), {@code status} (Vault's HTTP status, {@code none} without an answer),
 *       {@code exception} (the simple name of the exception thrown, {@code none})</td>
 *       <td>each public call as the caller sees it: retries, failover and a snapshot's whole
 *       transfer included</td></tr>
 *   <tr><td>{@code resilience4j.retry.calls}</td>
 *       <td>{@code name} ({@code vaultx-raft-read}, {@code vaultx-raft-idempotent-write},
 *       {@code vaultx-raft-once}), {@code kind}</td>
 *       <td>Resilience4j's retry counts</td></tr>
 *   <tr><td>{@code resilience4j.circuitbreaker.*}</td>
 *       <td>{@code name} (the node's {@code host:port}), {@code state}, {@code kind}</td>
 *       <td>Resilience4j's circuit breaker state, calls and failure rate, per node</td></tr>
 * </table>
 *
 * <p>The Resilience4j meters of a client are removed when it is closed. One client per registry is
 * expected: two clients for the same node and registry share meter names.
 */
public final class MicrometerMetrics {
  private final MeterRegistry registry;

  private MicrometerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Publishes to {@code registry}.
   *
   * @param registry the registry, for example Spring Boot's or a {@code SimpleMeterRegistry}
   * @return the metrics setting
   * @throws IllegalArgumentException if {@code registry} is null
   */
  public static MicrometerMetrics of(MeterRegistry registry) {
    return new MicrometerMetrics(Checks.notNull(registry, "registry"));
  }

  /** Typed as Object so the builder's code never names a Micrometer type. */
  Object registry() {
    return registry;
  }

  @Override
  public String toString() {
    return "MicrometerMetrics[" + registry.getClass().getSimpleName() + "]";
  }
}
