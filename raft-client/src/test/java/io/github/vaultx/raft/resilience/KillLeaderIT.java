package io.github.vaultx.raft.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kill -9 of the active node while a loop reads the Raft configuration through a 3-address client
 * whose first address is that node: once a new leader is elected the loop sees no error. Prints the
 * longest gap between two successful reads (quoted in docs/reliability.md).
 */
class KillLeaderIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  static final Duration PAUSE = Duration.ofMillis(50);
  static final Duration MAX_LOOP = Duration.ofSeconds(40);

  @Test
  void killLeader_readLoopThroughThreeAddresses_seesNoErrorOnceANewLeaderIsElected()
      throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int leader = cluster.leaderIndex();
    List<String> addresses = new ArrayList<>();
    addresses.add(cluster.address(leader));
    for (int i = 1; i <= cluster.size(); i++) {
      if (i != leader) {
        addresses.add(cluster.address(i));
      }
    }

    long t0 = System.nanoTime();
    CompletableFuture<Long> elected =
        CompletableFuture.supplyAsync(
            () -> {
              sleep(Duration.ofSeconds(1));
              cluster.kill(leader);
              long killed = System.nanoTime();
              int next = cluster.waitForLeader(Duration.ofSeconds(30));
              long at = System.nanoTime();
              System.out.printf(
                  "FIGURE kill -9 leader node-%d: node-%d active %d ms after the kill%n",
                  leader, next, (at - killed) / 1_000_000);
              return at;
            });

    List<String> errorsBeforeElection = new ArrayList<>();
    List<String> errorsAfterElection = new ArrayList<>();
    long lastSuccess = System.nanoTime();
    long longestGap = 0;
    int reads = 0;
    try (VaultRaftClient client =
        VaultRaftClient.builder()
            .addresses(addresses)
            .token(cluster.rootToken())
            .environment(Map.of())
            .timeout(Duration.ofSeconds(5))
            .connectTimeout(Duration.ofSeconds(1))
            .build()) {
      while (System.nanoTime() - t0 < MAX_LOOP.toNanos()) {
        boolean afterElection = elected.isDone();
        try {
          client.readRaftConfig();
          long now = System.nanoTime();
          longestGap = Math.max(longestGap, now - lastSuccess);
          lastSuccess = now;
          reads++;
        } catch (RuntimeException e) {
          (afterElection ? errorsAfterElection : errorsBeforeElection).add(e.toString());
        }
        if (afterElection && System.nanoTime() - elected.getNow(0L) > 3_000_000_000L) {
          break;
        }
        sleep(PAUSE);
      }
    }

    System.out.printf(
        "FIGURE kill -9 leader: %d reads, longest gap between successful reads %d ms (loop pause"
            + " %d ms), errors before election %d, after %d%n",
        reads,
        longestGap / 1_000_000,
        PAUSE.toMillis(),
        errorsBeforeElection.size(),
        errorsAfterElection.size());
    errorsBeforeElection.forEach(e -> System.out.println("  before election: " + e));
    assertThat(elected.get(1, TimeUnit.SECONDS)).isPositive();
    assertThat(errorsAfterElection).isEmpty();
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
