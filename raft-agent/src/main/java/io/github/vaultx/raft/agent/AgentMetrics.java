package io.github.vaultx.raft.agent;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Publishes the agent's figures to Micrometer; pass it to {@link
 * RaftSnapshotAgent.Builder#metrics(AgentMetrics)}. The meters carry the names of Vault
 * Enterprise's automated-snapshot telemetry, tagged {@code snapshot_config_name}: {@code
 * vault.autosnapshots.last.success.time} (gauge, Unix seconds), {@code
 * vault.autosnapshots.save.duration} (timer), {@code vault.autosnapshots.save.errors} (counter),
 * {@code vault.autosnapshots.rotate.duration} (timer) and {@code
 * vault.autosnapshots.percent.maxspace.used} (gauge).
 *
 * <p>Optional, as the client's metrics are: the only public type of the agent that mentions
 * Micrometer, loaded only by applications that call it, so an agent without metrics needs no
 * Micrometer jar ({@code micrometer-core}, and {@code micrometer-registry-prometheus} for {@link
 * #prometheus}, are optional dependencies).
 */
public final class AgentMetrics {
  private final MeterRegistry registry;
  private final @Nullable Supplier<String> scrape;

  private AgentMetrics(MeterRegistry registry, @Nullable Supplier<String> scrape) {
    this.registry = registry;
    this.scrape = scrape;
  }

  /**
   * Publishes to {@code registry}.
   *
   * @param registry any registry, for example an application's
   * @return the metrics setting
   * @throws IllegalArgumentException if {@code registry} is null
   */
  public static AgentMetrics of(MeterRegistry registry) {
    if (registry == null) {
      throw new IllegalArgumentException("registry must not be null");
    }
    return new AgentMetrics(registry, null);
  }

  /**
   * Publishes to a Prometheus registry and serves it as {@code GET /metrics} on the agent's status
   * port, if it has one (no token: the figures hold no secret).
   *
   * @param registry the Prometheus registry
   * @return the metrics setting
   * @throws IllegalArgumentException if {@code registry} is null
   */
  public static AgentMetrics prometheus(PrometheusMeterRegistry registry) {
    if (registry == null) {
      throw new IllegalArgumentException("registry must not be null");
    }
    return new AgentMetrics(registry, registry::scrape);
  }

  Recorder recorder(Iterable<String> names) {
    return new MicrometerRecorder(registry, names);
  }

  @Nullable Supplier<String> scrape() {
    return scrape;
  }

  @Override
  public String toString() {
    return "AgentMetrics[" + registry.getClass().getSimpleName() + "]";
  }
}
