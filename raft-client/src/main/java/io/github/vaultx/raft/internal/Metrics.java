package io.github.vaultx.raft.internal;

import org.jspecify.annotations.Nullable;

/**
 * Where the client reports each call. Free of Micrometer types so that the client runs without
 * Micrometer; {@link MicrometerBinding} is the only implementation that needs it.
 */
interface Metrics {
  /** Reports nothing. */
  Metrics NONE =
      new Metrics() {
        @Override
        public void record(Operation operation, long nanos, @Nullable Throwable failure) {}

        @Override
        public void close() {}
      };

  /**
   * Records one public call.
   *
   * @param operation the call
   * @param nanos how long it took, retries and failover included
   * @param failure what it threw, or null on success
   */
  void record(Operation operation, long nanos, @Nullable Throwable failure);

  /** Removes the meters that refer to this client's live objects. */
  void close();
}
