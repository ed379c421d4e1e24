package io.github.vaultx.raft.contract;

/** A fresh local cluster. */
final class LocalClusterServer {
  private LocalClusterServer() {}

  static ServerUnderTest start() {
    throw new IllegalStateException("LocalRaftCluster is not there yet");
  }
}
