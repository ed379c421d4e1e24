package io.github.vaultx.raft.examples;

import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The demo behind {@code scripts/demo.sh}: starts a local Raft cluster of real servers and runs
 * each example in the order of the vaultx documentation, then stops the cluster.
 *
 * <p>It lives with the tests because it uses the test harness {@link LocalRaftCluster}; the
 * examples it calls are ordinary programs in {@code src/main}.
 */
public final class DemoTour {
  private DemoTour() {}

  /** Runs the tour; {@code DemoTourIT} runs it too, so the README's demo cannot rot. */
  public static void run() throws IOException {
    section("Starting a local cluster: two nodes formed, a third one waiting to join");
    try (LocalRaftCluster cluster = LocalRaftCluster.builder().nodes(2).start()) {
      int joiner = cluster.addNode();
      System.out.println(
          "leader " + cluster.leaderAddress() + ", new node " + cluster.address(joiner));

      section("Join Raft Cluster");
      try (VaultRaftClient newNode =
          VaultRaftClient.builder()
              .address(cluster.address(joiner))
              .environment(java.util.Map.of())
              .build()) {
        if (!JoinRaftCluster.run(newNode, cluster.leaderAddress())) {
          throw new IllegalStateException("the new node did not join");
        }
      }
      cluster.unseal(joiner);
      cluster.waitForHealthyVoters(3, Duration.ofSeconds(60));
      System.out.println("unsealed; autopilot reports 3 healthy voters");

      try (VaultRaftClient client =
          VaultRaftClient.builder()
              .addresses(cluster.addresses())
              .token(cluster.rootToken())
              .environment(java.util.Map.of())
              .build()) {
        section("Read Raft Configuration");
        RaftConfiguration config = ReadRaftConfiguration.run(client);

        section("Remove Raft Node");
        String removed =
            config.servers().stream()
                .filter(s -> !s.leader())
                .reduce((first, second) -> second)
                .orElseThrow()
                .nodeId();
        RemoveRaftNode.run(client, removed);
        cluster.stop(cluster.nodeIds().indexOf(removed) + 1);

        section("Raft Auto-Snapshots (status, config, list, create or update, delete)");
        AutoSnapshots.run(client);

        section("Snapshot save and restore");
        Path dir = Files.createTempDirectory("vaultx-demo");
        Path file = dir.resolve("raft.snap");
        try {
          SnapshotSaveAndRestore.run(client, file);
        } finally {
          Files.deleteIfExists(file);
          Files.deleteIfExists(dir);
        }

        section("Autopilot state");
        // The restore is applied after its reply; let autopilot settle before showing health.
        cluster.waitForHealthyVoters(2, Duration.ofSeconds(60));
        AutopilotStateExample.run(client);

        section("Async client");
        Path asyncDir = Files.createTempDirectory("vaultx-demo-async");
        Path asyncFile = asyncDir.resolve("async.snap");
        try {
          AsyncClientExample.run(client.async(), asyncFile);
        } finally {
          Files.deleteIfExists(asyncFile);
          Files.deleteIfExists(asyncDir);
        }
      }
      section("Stopping the cluster");
    }
    System.out.println("done");
  }

  private static void section(String title) {
    System.out.println();
    System.out.println("== " + title);
  }

  /** Entry point used by {@code scripts/demo.sh}. */
  public static void main(String[] args) throws IOException {
    run();
  }
}
