package io.github.vaultx.raft.agent;

import java.time.Duration;

/** Where one configuration's figures go: nowhere, or Micrometer ({@link MicrometerRecorder}). */
interface Recorder {
  /** Records nothing; never loads Micrometer. */
  Recorder NONE =
      new Recorder() {
        @Override
        public void saved(String name, Duration took, long successEpochSecond) {}

        @Override
        public void failed(String name) {}

        @Override
        public void rotated(String name, Duration took) {}

        @Override
        public void spaceUsed(String name, double percent) {}
      };

  /** A snapshot was stored. */
  void saved(String name, Duration took, long successEpochSecond);

  /** A snapshot failed. */
  void failed(String name);

  /** Retention ran after a snapshot was stored. */
  void rotated(String name, Duration took);

  /** The share of {@code local_max_space} the stored snapshots take, after a snapshot. */
  void spaceUsed(String name, double percent);
}
