package io.github.vaultx.raft.internal.access;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every setting of the client and its default, in one place: the public builder writes these fields
 * (after checking the value), tests write them directly, and the implementation resolves them
 * against the environment when the client is built. A field that is null is read from the {@code
 * vault} CLI's environment variable, and failing that takes the default below. Adding a setting is
 * a field here and a builder method. Not thread-safe; the client gets a {@link #copy()}.
 */
public final class ClientSettings implements Cloneable {
  /** {@code VAULT_ADDR}'s default, as the vault CLI's. */
  public static final String DEFAULT_ADDRESS = "https://127.0.0.1:8200";

  /** {@code VAULT_CLIENT_TIMEOUT}'s default, as the vault CLI's. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** The longest default connect timeout; shorter when the timeout is. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** {@code VAULT_MAX_RETRIES}'s default, as the vault CLI's. */
  public static final int DEFAULT_MAX_RETRIES = 2;

  /**
   * {@code VAULTX_RETRY_BUDGET}'s default: longer than the slowest leader election measured after
   * kill -9 of the active node (docs/reliability.md).
   */
  public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(15);

  /** The node addresses in failover order; null: {@code VAULT_ADDR}, {@code VAULTX_ADDRESSES}. */
  public @Nullable List<String> addresses;

  /** The token; null: {@code VAULT_TOKEN}, then {@code ~/.vault-token}. */
  public @Nullable String token;

  /** The namespace; null: {@code VAULT_NAMESPACE}. */
  public @Nullable String namespace;

  /** The CA certificate file; null: {@code VAULT_CACERT}. */
  public @Nullable Path caCert;

  /** The CA directory; null: {@code VAULT_CAPATH}. */
  public @Nullable Path caPath;

  /** The client certificate file; null: {@code VAULT_CLIENT_CERT}. */
  public @Nullable Path clientCert;

  /** The client key file; null: {@code VAULT_CLIENT_KEY}. */
  public @Nullable Path clientKey;

  /** Whether to skip TLS verification; null: {@code VAULT_SKIP_VERIFY}, default false. */
  public @Nullable Boolean skipVerify;

  /** The TLS server name; null: {@code VAULT_TLS_SERVER_NAME}. */
  public @Nullable String tlsServerName;

  /**
   * The whole-call timeout; null: {@code VAULT_CLIENT_TIMEOUT}, default {@link #DEFAULT_TIMEOUT}.
   */
  public @Nullable Duration timeout;

  /** The connect timeout; null: the timeout, at most {@link #DEFAULT_CONNECT_TIMEOUT}. */
  public @Nullable Duration connectTimeout;

  /** The snapshot idle timeout; null: the timeout. */
  public @Nullable Duration snapshotIdleTimeout;

  /** Retries after the first attempt; null: {@code VAULT_MAX_RETRIES}, default 2. */
  public @Nullable Integer maxRetries;

  /** How long a call safe to repeat goes on retrying; null: {@code VAULTX_RETRY_BUDGET}, 15s. */
  public @Nullable Duration retryBudget;

  /** Whether to refuse redirects; null: {@code VAULT_DISABLE_REDIRECTS}, default false. */
  public @Nullable Boolean disableRedirects;

  /** The environment to read instead of the process environment; null: the process's. */
  public @Nullable Map<String, String> environment;

  /** A Micrometer {@code MeterRegistry}, typed as Object so Micrometer stays optional; or null. */
  public @Nullable Object meterRegistry;

  /**
   * A {@code MicrometerObservations}, typed as Object so Micrometer stays optional; or null: no
   * observations.
   */
  public @Nullable Object observations;

  /** The async client's requests in flight at once. */
  public int maxConcurrentRequests = 64;

  /** Waits between retries and clocks the retry budget; tests record instead of sleeping. */
  public Sleeper sleeper = Sleeper.THREAD;

  /** The first retry's wait before jitter; doubles per retry. */
  public Duration initialBackoff = Duration.ofMillis(500);

  /** The longest wait between retries, also the cap on {@code Retry-After}. */
  public Duration maxBackoff = Duration.ofSeconds(30);

  /** How many recent calls per node the circuit breaker judges. */
  public int breakerWindow = 10;

  /**
   * How long an open circuit stays open before a trial call: a third of the default retry budget,
   * so that a read waiting for a breaker gets its trial call (ADR 5).
   */
  public Duration breakerOpenDuration = Duration.ofSeconds(5);

  /**
   * Returns a copy, so that changing these settings later does not change a client built from them.
   * The fields hold immutable values, so a shallow copy is a full one.
   *
   * @return the copy
   */
  public ClientSettings copy() {
    try {
      return (ClientSettings) super.clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public String toString() {
    return "ClientSettings";
  }
}
