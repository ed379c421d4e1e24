package io.github.vaultx.raft;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names a client call's observation and chooses its key values; {@link
 * DefaultRaftCallObservationConvention} is the default. Implement it (or extend the default) and
 * pass it to {@link MicrometerObservations#withCallConvention}, or register it on the {@code
 * ObservationRegistry} as a {@code GlobalObservationConvention<RaftCallContext>}, which applies
 * when the client was given none.
 */
public interface RaftCallObservationConvention extends ObservationConvention<RaftCallContext> {
  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof RaftCallContext;
  }
}
