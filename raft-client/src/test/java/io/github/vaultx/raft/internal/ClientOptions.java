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
public final class ClientOptions implements ClientSettings {
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
  public @Nullable Boolean disableRedirects;
  public @Nullable Map<String, String> environment;

  /** A Micrometer {@code MeterRegistry}, typed as Object so Micrometer stays optional. */
  public @Nullable Object meterRegistry;

  /** Waits between retries; tests record instead of sleeping. */
  public Sleeper sleeper = Sleeper.THREAD;

  /** The first retry's wait before jitter; doubles per retry. */
  public Duration initialBackoff = Duration.ofMillis(500);

  /** The longest wait between retries, also the cap on {@code Retry-After}. */
  public Duration maxBackoff = Duration.ofSeconds(30);

  /** How many recent calls per node the circuit breaker judges. */
  public int breakerWindow = 10;

  /** How long an open circuit stays open before a trial call. */
  public Duration breakerOpenDuration = Duration.ofSeconds(30);

  @Override
  public @Nullable List<String> addresses() {
    return addresses;
  }

  @Override
  public @Nullable String token() {
    return token;
  }

  @Override
  public @Nullable String namespace() {
    return namespace;
  }

  @Override
  public @Nullable Path caCert() {
    return caCert;
  }

  @Override
  public @Nullable Path caPath() {
    return caPath;
  }

  @Override
  public @Nullable Path clientCert() {
    return clientCert;
  }

  @Override
  public @Nullable Path clientKey() {
    return clientKey;
  }

  @Override
  public @Nullable Boolean skipVerify() {
    return skipVerify;
  }

  @Override
  public @Nullable String tlsServerName() {
    return tlsServerName;
  }

  @Override
  public @Nullable Duration timeout() {
    return timeout;
  }

  @Override
  public @Nullable Duration connectTimeout() {
    return connectTimeout;
  }

  @Override
  public @Nullable Duration snapshotIdleTimeout() {
    return snapshotIdleTimeout;
  }

  @Override
  public @Nullable Integer maxRetries() {
    return maxRetries;
  }

  @Override
  public @Nullable Boolean disableRedirects() {
    return disableRedirects;
  }

  @Override
  public @Nullable Map<String, String> environment() {
    return environment;
  }

  @Override
  public @Nullable Object meterRegistry() {
    return meterRegistry;
  }

  @Override
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public Duration initialBackoff() {
    return initialBackoff;
  }

  @Override
  public Duration maxBackoff() {
    return maxBackoff;
  }

  @Override
  public int breakerWindow() {
    return breakerWindow;
  }

  @Override
  public Duration breakerOpenDuration() {
    return breakerOpenDuration;
  }

  @Override
  public String toString() {
    return "ClientOptions";
  }
}
