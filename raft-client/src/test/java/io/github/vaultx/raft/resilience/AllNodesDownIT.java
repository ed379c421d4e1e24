package io.github.vaultx.raft.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.CircuitOpenException;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.internal.access.ClientFactory;
import io.github.vaultx.raft.internal.access.ClientSettings;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every node stopped: the breakers open and calls fail fast; the nodes restarted: the same client
 * recovers. The breaker's window and open time are internal settings, shortened here so the test
 * takes seconds (defaults: 10 calls, 30 s).
 */
class AllNodesDownIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  static final Duration OPEN = Duration.ofSeconds(2);

  @Test
  void allNodesStopped_breakersOpenAndFailFast_thenTheSameClientRecovers() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    ClientSettings options = new ClientSettings();
    options.addresses = cluster.addresses();
    options.token = cluster.rootToken();
    options.environment = Map.of();
    options.breakerWindow = 4;
    options.breakerOpenDuration = OPEN;
    options.initialBackoff = Duration.ofMillis(100);
    try (VaultRaftClient client = ClientFactory.build(options)) {
      assertThat(client.readRaftConfig().servers()).hasSize(3);

      for (int i = 1; i <= cluster.size(); i++) {
        cluster.stop(i);
      }

      List<Long> beforeOpenUs = new ArrayList<>();
      List<Long> openUs = new ArrayList<>();
      for (int i = 0; i < 30 && openUs.size() < 10; i++) {
        long start = System.nanoTime();
        try {
          client.readRaftConfig();
          throw new AssertionError("a call succeeded with every node stopped");
        } catch (CircuitOpenException e) {
          openUs.add((System.nanoTime() - start) / 1_000);
        } catch (VaultClientException e) {
          beforeOpenUs.add((System.nanoTime() - start) / 1_000);
        }
      }
      assertThat(openUs).as("calls failed by open breakers").hasSize(10);
      System.out.printf(
          "FIGURE all nodes down: %d call(s) failed after retries before the breakers opened"
              + " (mean %d ms each: 3 addresses, retried with backoff until the breakers opened),"
              + " then fail-fast calls"
              + " took median %d us, max %d us%n",
          beforeOpenUs.size(),
          mean(beforeOpenUs) / 1_000,
          openUs.stream().sorted().toList().get(openUs.size() / 2),
          openUs.stream().mapToLong(Long::longValue).max().orElse(0));

      long restartStart = System.nanoTime();
      for (int i = 1; i <= cluster.size(); i++) {
        cluster.restart(i);
      }
      cluster.waitForLeader(Duration.ofSeconds(30));
      long up = System.nanoTime();
      int attempts = 0;
      while (true) {
        attempts++;
        try {
          assertThat(client.readRaftConfig().servers()).hasSize(3);
          break;
        } catch (VaultClientException e) {
          if (System.nanoTime() - up > Duration.ofSeconds(30).toNanos()) {
            throw e;
          }
          KillLeaderIT.sleep(Duration.ofMillis(100));
        }
      }
      long recovered = System.nanoTime();
      System.out.printf(
          "FIGURE all nodes restarted in %d ms; the same client recovered %d ms after a leader was"
              + " back (%d attempts, breaker open time %d ms)%n",
          (up - restartStart) / 1_000_000, (recovered - up) / 1_000_000, attempts, OPEN.toMillis());
    }
  }

  static long mean(List<Long> values) {
    return values.isEmpty() ? 0 : values.stream().mapToLong(Long::longValue).sum() / values.size();
  }
}
