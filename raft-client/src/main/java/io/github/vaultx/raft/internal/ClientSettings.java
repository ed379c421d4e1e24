package io.github.vaultx.raft.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values set on the public builder, immutable (null: read the environment), and the timing
 * hooks that only tests replace; {@link ClientConfig#resolve(ClientSettings)} turns them into the
 * configuration. Internal: not API.
 *
 * @param addresses the node addresses, or null
 * @param token the token, or null
 * @param namespace the namespace, or null
 * @param caCert the CA certificate file, or null
 * @param caPath the CA directory, or null
 * @param clientCert the client certificate file, or null
 * @param clientKey the client key file, or null
 * @param skipVerify whether to skip TLS verification, or null
 * @param tlsServerName the TLS server name, or null
 * @param timeout the whole-call timeout, or null
 * @param connectTimeout the connect timeout, or null
 * @param snapshotIdleTimeout the snapshot idle timeout, or null
 * @param maxRetries the retries after the first attempt, or null
 * @param retryBudget how long a call that is safe to repeat goes on retrying, or null
 * @param disableRedirects whether to refuse redirects, or null
 * @param environment the environment to read instead of the process environment, or null
 * @param meterRegistry a Micrometer MeterRegistry, typed as Object so Micrometer stays optional, or
 *     null
 * @param maxConcurrentRequests the async client's requests in flight at once, or null
 * @param observations a {@code MicrometerObservations}, typed as Object so Micrometer stays
 *     optional, or null
 * @param sleeper waits between retries
 * @param initialBackoff the first retry's wait before jitter; doubles per retry
 * @param maxBackoff the longest wait between retries, also the cap on Retry-After
 * @param breakerWindow how many recent calls per node the circuit breaker judges
 * @param breakerOpenDuration how long an open circuit stays open before a trial call
 */
public record ClientSettings(
    @Nullable List<String> addresses,
    @Nullable String token,
    @Nullable String namespace,
    @Nullable Path caCert,
    @Nullable Path caPath,
    @Nullable Path clientCert,
    @Nullable Path clientKey,
    @Nullable Boolean skipVerify,
    @Nullable String tlsServerName,
    @Nullable Duration timeout,
    @Nullable Duration connectTimeout,
    @Nullable Duration snapshotIdleTimeout,
    @Nullable Integer maxRetries,
    @Nullable Duration retryBudget,
    @Nullable Boolean disableRedirects,
    @Nullable Map<String, String> environment,
    @Nullable Object meterRegistry,
    @Nullable Integer maxConcurrentRequests,
    @Nullable Object observations,
    Sleeper sleeper,
    Duration initialBackoff,
    Duration maxBackoff,
    int breakerWindow,
    Duration breakerOpenDuration) {

  /**
   * The builder's values with the default timing hooks.
   *
   * @param addresses the node addresses, or null
   * @param token the token, or null
   * @param namespace the namespace, or null
   * @param caCert the CA certificate file, or null
   * @param caPath the CA directory, or null
   * @param clientCert the client certificate file, or null
   * @param clientKey the client key file, or null
   * @param skipVerify whether to skip TLS verification, or null
   * @param tlsServerName the TLS server name, or null
   * @param timeout the whole-call timeout, or null
   * @param connectTimeout the connect timeout, or null
   * @param snapshotIdleTimeout the snapshot idle timeout, or null
   * @param maxRetries the retries after the first attempt, or null
   * @param retryBudget how long a call that is safe to repeat goes on retrying, or null
   * @param disableRedirects whether to refuse redirects, or null
   * @param environment the environment to read instead of the process environment, or null
   * @param meterRegistry a Micrometer MeterRegistry, typed as Object so Micrometer stays optional,
   *     or null
   * @param maxConcurrentRequests the async client's requests in flight at once, or null
   * @param observations a {@code MicrometerObservations}, typed as Object so Micrometer stays
   *     optional, or null
   */
  public ClientSettings(
      @Nullable List<String> addresses,
      @Nullable String token,
      @Nullable String namespace,
      @Nullable Path caCert,
      @Nullable Path caPath,
      @Nullable Path clientCert,
      @Nullable Path clientKey,
      @Nullable Boolean skipVerify,
      @Nullable String tlsServerName,
      @Nullable Duration timeout,
      @Nullable Duration connectTimeout,
      @Nullable Duration snapshotIdleTimeout,
      @Nullable Integer maxRetries,
      @Nullable Duration retryBudget,
      @Nullable Boolean disableRedirects,
      @Nullable Map<String, String> environment,
      @Nullable Object meterRegistry,
      @Nullable Integer maxConcurrentRequests,
      @Nullable Object observations) {
    this(
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
        Sleeper.THREAD,
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        10,
        Duration.ofSeconds(5));
  }
}
