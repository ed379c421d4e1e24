package io.github.vaultx.raft;

import io.github.vaultx.raft.internal.access.Checks;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Reports a client's calls to a Micrometer {@link ObservationRegistry}; pass it to {@link
 * VaultRaftClientBuilder#observations(MicrometerObservations)}.
 *
 * <p>Each public call of {@link VaultRaftClient} and {@link VaultRaftAsyncClient} is one
 * observation named {@value DefaultRaftCallObservationConvention#NAME} ({@link RaftCallContext}),
 * from the call until its result: retries, backoff, failover and a snapshot's whole transfer
 * included. Each HTTP attempt of it, every hop of a standby's redirect included, is a child
 * observation named {@value DefaultRaftAttemptObservationConvention#NAME} ({@link
 * RaftAttemptContext}) with OpenTelemetry's HTTP client attributes. The parent is passed
 * explicitly, so it is right on the async client's threads too; the call's own parent is the
 * observation current on the caller's thread when it calls. With Micrometer Tracing the call is a
 * span and its attempts client spans, whose trace context is propagated to Vault in the request
 * headers; with {@code DefaultMeterObservationHandler} each name is a timer.
 *
 * <p>The key values are the conventions' ({@link DefaultRaftCallObservationConvention}, {@link
 * DefaultRaftAttemptObservationConvention}); replace them with {@link #withCallConvention} and
 * {@link #withAttemptConvention}. No key carries the token, a header or a query value.
 *
 * <p>Observations are optional: this and the types it names are loaded only by applications that
 * use it, so a client without observations needs no {@code micrometer-observation} on the
 * classpath. Independent of {@link MicrometerMetrics}, whose {@code vaultx.raft.requests} timer
 * stays as it is.
 */
public final class MicrometerObservations {
  private final ObservationRegistry registry;
  private final @Nullable RaftCallObservationConvention callConvention;
  private final @Nullable RaftAttemptObservationConvention attemptConvention;

  private MicrometerObservations(
      ObservationRegistry registry,
      @Nullable RaftCallObservationConvention callConvention,
      @Nullable RaftAttemptObservationConvention attemptConvention) {
    this.registry = registry;
    this.callConvention = callConvention;
    this.attemptConvention = attemptConvention;
  }

  /**
   * Reports to {@code registry} with the default conventions (or the registry's global ones).
   *
   * @param registry the registry, for example Spring Boot's or a {@code TestObservationRegistry}
   * @return the observations setting
   * @throws IllegalArgumentException if {@code registry} is null
   */
  public static MicrometerObservations of(ObservationRegistry registry) {
    return new MicrometerObservations(Checks.notNull(registry, "registry"), null, null);
  }

  /**
   * These observations with {@code convention} naming the calls and choosing their key values.
   *
   * @param convention replaces {@link DefaultRaftCallObservationConvention}
   * @return a new setting; this one is unchanged
   * @throws IllegalArgumentException if {@code convention} is null
   */
  public MicrometerObservations withCallConvention(RaftCallObservationConvention convention) {
    return new MicrometerObservations(
        registry, Checks.notNull(convention, "convention"), attemptConvention);
  }

  /**
   * These observations with {@code convention} naming the HTTP attempts and choosing their key
   * values.
   *
   * @param convention replaces {@link DefaultRaftAttemptObservationConvention}
   * @return a new setting; this one is unchanged
   * @throws IllegalArgumentException if {@code convention} is null
   */
  public MicrometerObservations withAttemptConvention(RaftAttemptObservationConvention convention) {
    return new MicrometerObservations(
        registry, callConvention, Checks.notNull(convention, "convention"));
  }

  /**
   * The registry.
   *
   * @return the registry
   */
  public ObservationRegistry registry() {
    return registry;
  }

  /**
   * The call convention given, if any.
   *
   * @return the convention, or null for the default
   */
  public @Nullable RaftCallObservationConvention callConvention() {
    return callConvention;
  }

  /**
   * The attempt convention given, if any.
   *
   * @return the convention, or null for the default
   */
  public @Nullable RaftAttemptObservationConvention attemptConvention() {
    return attemptConvention;
  }

  @Override
  public String toString() {
    return "MicrometerObservations[" + registry.getClass().getSimpleName() + "]";
  }
}
