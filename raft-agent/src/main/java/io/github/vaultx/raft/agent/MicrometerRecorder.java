package io.github.vaultx.raft.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's meters, under the names of Vault Enterprise's automated-snapshot telemetry so that
 * dashboards and alerts written for it work unchanged, tagged {@code snapshot_config_name}. The
 * only class of the agent that names Micrometer's meters; loaded only when metrics are asked for.
 */
final class MicrometerRecorder implements Recorder {
  private static final String TAG = "snapshot_config_name";

  /** One configuration's meters, all registered up front so an alert sees them at 0. */
  private static final class Meters {
    final AtomicLong lastSuccess = new AtomicLong();
    final AtomicLong percentUsedBits = new AtomicLong(Double.doubleToLongBits(0));
    final Timer save;
    final Timer rotate;
    final Counter errors;

    Meters(MeterRegistry registry, String name) {
      Gauge.builder("vault.autosnapshots.last.success.time", lastSuccess, AtomicLong::doubleValue)
          .description("Unix time of the last snapshot stored, 0 before the first")
          .tag(TAG, name)
          .register(registry);
      Gauge.builder(
              "vault.autosnapshots.percent.maxspace.used",
              percentUsedBits,
              bits -> Double.longBitsToDouble(bits.get()))
          .description("The share of local_max_space the stored snapshots take, in percent")
          .tag(TAG, name)
          .register(registry);
      save =
          Timer.builder("vault.autosnapshots.save.duration")
              .description("How long a snapshot took, from its start until it was stored")
              .tag(TAG, name)
              .register(registry);
      rotate =
          Timer.builder("vault.autosnapshots.rotate.duration")
              .description("How long retention took after a snapshot was stored")
              .tag(TAG, name)
              .register(registry);
      errors =
          Counter.builder("vault.autosnapshots.save.errors")
              .description("Snapshots that failed")
              .tag(TAG, name)
              .register(registry);
    }
  }

  private final Map<String, Meters> meters = new HashMap<>();

  MicrometerRecorder(MeterRegistry registry, Iterable<String> names) {
    for (String name : names) {
      meters.put(name, new Meters(registry, name));
    }
  }

  private Meters of(String name) {
    return Objects.requireNonNull(meters.get(name), "meters for every configuration");
  }

  @Override
  public void saved(String name, Duration took, long successEpochSecond) {
    Meters m = of(name);
    m.save.record(took);
    m.lastSuccess.set(successEpochSecond);
  }

  @Override
  public void failed(String name) {
    of(name).errors.increment();
  }

  @Override
  public void rotated(String name, Duration took) {
    of(name).rotate.record(took);
  }

  @Override
  public void spaceUsed(String name, double percent) {
    of(name).percentUsedBits.set(Double.doubleToLongBits(percent));
  }
}
