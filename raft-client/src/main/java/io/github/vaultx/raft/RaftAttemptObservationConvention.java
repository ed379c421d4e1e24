package io.github.vaultx.raft;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the observation of one HTTP attempt of a client call and chooses its key values; {@link
 * DefaultRaftAttemptObservationConvention} is the default. Implement it (or extend the default) and
 * pass it to {@link MicrometerObservations#withAttemptConvention}, or register it on the {@code
 * ObservationRegistry} as a {@code GlobalObservationConvention<RaftAttemptContext>}, which applies
 * when the client was given none.
 */
public interface RaftAttemptObservationConvention
    extends ObservationConvention<RaftAttemptContext> {
  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof RaftAttemptContext;
  }
}
