package io.github.vaultx.raft.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Settings for tests: every value of the builder plus the hooks that replace time, as mutable
 * fields. Production code has no such type; the builder hands {@link ClientSettings} over
 * read-only.
 */
public final class ClientOptions {
  public @Nullable List<String> addresses;
  public @Nullable String token;
  public @Nullable String namespace;
  public @Nullable Path caCert;
  public @Nullable Path caPath;
  public @Nullable Path clientCert;
  public @Nullable Path clientKey;
  public @Nullable Boolean skipVerify;
  public @Nullable String tlsServerName;
  public @Nullable Duration timeout;
  public @Nullable Duration connectTimeout;
  public @Nullable Duration snapshotIdleTimeout;
  public @Nullable Integer maxRetries;
  public @Nullable Duration retryBudget;
  public @Nullable Boolean disableRedirects;
  public @Nullable Map<String, String> environment;

  /** A Micrometer {@code MeterRegistry}, typed as Object so Micrometer stays optional. */
  public @Nullable Object meterRegistry;

  /** The async client's requests in flight at once. */
  public @Nullable Integer maxConcurrentRequests;

  /** A {@code MicrometerObservations}, typed as Object so Micrometer stays optional. */
  public @Nullable Object observations;

  /** Waits between retries; tests record instead of sleeping. */
  public Sleeper sleeper = Sleeper.THREAD;

  /** The first retry's wait before jitter; doubles per retry. */
  public Duration initialBackoff = Duration.ofMillis(500);

  /** The longest wait between retries, also the cap on {@code Retry-After}. */
  public Duration maxBackoff = Duration.ofSeconds(30);

  /** How many recent calls per node the circuit breaker judges. */
  public int breakerWindow = 10;

  /** How long an open circuit stays open before a trial call. */
  public Duration breakerOpenDuration = Duration.ofSeconds(5);

  /** The settings these values make. */
  public ClientSettings settings() {
    return new ClientSettings(
        addresses,
        token,
        namespace,
        caCert,
        caPath,
        clientCert,
        clientKey,
        skipVerify,
        tlsServerName,
        timeout,
        connectTimeout,
        snapshotIdleTimeout,
        maxRetries,
        retryBudget,
        disableRedirects,
        environment,
        meterRegistry,
        maxConcurrentRequests,
        observations,
        sleeper,
        initialBackoff,
        maxBackoff,
        breakerWindow,
        breakerOpenDuration);
  }

  @Override
  public String toString() {
    return "ClientOptions";
  }
}
