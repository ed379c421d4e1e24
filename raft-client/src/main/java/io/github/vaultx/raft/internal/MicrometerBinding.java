package io.github.vaultx.raft.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.vaultx.raft.VaultServerException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Publishes to Micrometer. The only class of the client that names Micrometer or
 * resilience4j-micrometer types: it is loaded only when a registry was configured.
 */
final class MicrometerBinding implements Metrics {
  static final String REQUESTS = "vaultx.raft.requests";

  private final MeterRegistry registry;
  private final RetryRegistry retries;
  private final CircuitBreakerRegistry breakers;

  private MicrometerBinding(
      MeterRegistry registry, RetryRegistry retries, CircuitBreakerRegistry breakers) {
    this.registry = registry;
    this.retries = retries;
    this.breakers = breakers;
  }

  /**
   * Binds the retry and breaker registries' meters and returns the request recorder. Returns the
   * interface type so that callers' bytecode never needs this class verified.
   */
  static Metrics bind(
      Object meterRegistry, RetryRegistry retries, CircuitBreakerRegistry breakers) {
    if (!(meterRegistry instanceof MeterRegistry)) {
      throw new IllegalArgumentException("metrics must wrap a Micrometer MeterRegistry");
    }
    MeterRegistry registry = (MeterRegistry) meterRegistry;
    TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
    return new MicrometerBinding(registry, retries, breakers);
  }

  @Override
  public void record(Operation operation, long nanos, @Nullable Throwable failure) {
    String status = "none";
    if (failure instanceof VaultServerException) {
      status = Integer.toString(((VaultServerException) failure).statusCode());
    } else if (failure == null) {
      status = "2xx";
    }
    Timer.builder(REQUESTS)
        .description("Calls of the Vault Raft API as the caller sees them, retries included")
        .tag("operation", operation.publicName)
        .tag("outcome", failure == null ? "success" : "error")
        .tag("status", status)
        .tag("exception", failure == null ? "none" : failure.getClass().getSimpleName())
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    // Removing the entries makes the tagged metrics remove their meters, which would otherwise
    // keep this client's retries and breakers reachable.
    retries.getAllRetries().forEach(retry -> retries.remove(retry.getName()));
    breakers.getAllCircuitBreakers().forEach(breaker -> breakers.remove(breaker.getName()));
  }
}
