package io.github.vaultx.raft.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A sealed node first in the address list: calls fail over to the others and succeed. */
class SealedNodeIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  @TempDir Path dir;

  @Test
  void sealedFirstAddress_callsStillSucceedThroughTheOthers() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int sealed = cluster.followerIndex();
    cluster.seal(sealed);
    assertThat(cluster.health(sealed)).isEqualTo(503);
    List<String> addresses = new ArrayList<>();
    addresses.add(cluster.address(sealed));
    for (int i = 1; i <= cluster.size(); i++) {
      if (i != sealed) {
        addresses.add(cluster.address(i));
      }
    }

    try (VaultRaftClient client =
        VaultRaftClient.builder()
            .addresses(addresses)
            .token(cluster.rootToken())
            .environment(Map.of())
            .build()) {
      long start = System.nanoTime();
      RaftConfiguration config = client.readRaftConfig();
      long firstMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(config.servers()).hasSize(3);

      long loopStart = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        client.readRaftConfig();
        client.readRaftAutopilotState();
      }
      long perCallUs = (System.nanoTime() - loopStart) / 40 / 1_000;
      SnapshotInfo snapshot = client.takeRaftSnapshot(dir.resolve("through-failover.snap"));
      assertThat(snapshot.sizeBytes()).isPositive();

      System.out.printf(
          "FIGURE sealed first address: first call (503 sealed, then failover) %d ms; then %d"
              + " us per call on the next node; snapshot %d bytes%n",
          firstMs, perCallUs, snapshot.sizeBytes());
    } finally {
      cluster.unseal(sealed);
    }
  }
}
