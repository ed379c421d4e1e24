package io.github.vaultx.raft.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values set on the public builder, read-only (null: read the environment); {@link
 * ClientConfig#resolve(ClientSettings)} turns them into the configuration. The timing hooks have
 * defaults that only tests replace. Internal: not API.
 */
public interface ClientSettings {
  /** The node addresses, or null. */
  @Nullable List<String> addresses();

  /** The token, or null. */
  @Nullable String token();

  /** The namespace, or null. */
  @Nullable String namespace();

  /** The CA certificate file, or null. */
  @Nullable Path caCert();

  /** The CA directory, or null. */
  @Nullable Path caPath();

  /** The client certificate file, or null. */
  @Nullable Path clientCert();

  /** The client key file, or null. */
  @Nullable Path clientKey();

  /** Whether to skip TLS verification, or null. */
  @Nullable Boolean skipVerify();

  /** The TLS server name, or null. */
  @Nullable String tlsServerName();

  /** The whole-call timeout, or null. */
  @Nullable Duration timeout();

  /** The connect timeout, or null. */
  @Nullable Duration connectTimeout();

  /** The snapshot idle timeout, or null. */
  @Nullable Duration snapshotIdleTimeout();

  /** The retries after the first attempt, or null. */
  @Nullable Integer maxRetries();

  /** Whether to refuse redirects, or null. */
  @Nullable Boolean disableRedirects();

  /** The environment to read instead of the process environment, or null. */
  @Nullable Map<String, String> environment();

  /** A Micrometer {@code MeterRegistry}, typed as Object so Micrometer stays optional; or null. */
  @Nullable Object meterRegistry();

  /** Waits between retries. */
  default Sleeper sleeper() {
    return Sleeper.THREAD;
  }

  /** The first retry's wait before jitter; doubles per retry. */
  default Duration initialBackoff() {
    return Duration.ofMillis(500);
  }

  /** The longest wait between retries, also the cap on {@code Retry-After}. */
  default Duration maxBackoff() {
    return Duration.ofSeconds(30);
  }

  /** How many recent calls per node the circuit breaker judges. */
  default int breakerWindow() {
    return 10;
  }

  /** How long an open circuit stays open before a trial call. */
  default Duration breakerOpenDuration() {
    return Duration.ofSeconds(30);
  }
}
