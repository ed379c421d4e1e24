package io.github.vaultx.raft;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every observation context that stopped, in order, for tests that read them afterwards. */
final class StoppedObservations implements ObservationHandler<Observation.Context> {
  final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

  @Override
  public void onStop(Observation.Context context) {
    stopped.add(context);
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return true;
  }
}
