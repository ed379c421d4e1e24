package io.github.vaultx.raft.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.CircuitOpenException;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.internal.access.ClientFactory;
import io.github.vaultx.raft.internal.access.ClientSettings;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every node stopped: the breakers open; a read waits for them within its retry budget and, when
 * the budget is spent, fails naming the refused connection, while a call sent once fails at once. A
 * read that is still waiting when the nodes come back succeeds, and the same client recovers. The
 * breaker's window and open time are internal settings, shortened here so the test takes seconds
 * (defaults: 10 calls, 5 s).
 */
class AllNodesDownIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  static final Duration OPEN = Duration.ofSeconds(2);
  static final Duration SHORT_BUDGET = Duration.ofSeconds(3);

  static VaultRaftClient client(LocalRaftCluster cluster, Duration budget) {
    ClientSettings options = new ClientSettings();
    options.addresses = cluster.addresses();
    options.token = cluster.rootToken();
    options.environment = Map.of();
    options.breakerWindow = 4;
    options.breakerOpenDuration = OPEN;
    options.initialBackoff = Duration.ofMillis(100);
    options.retryBudget = budget;
    return ClientFactory.build(options);
  }

  @Test
  void allNodesStopped_readsWaitOutTheirBudget_aWaitingReadSucceedsWhenTheNodesReturn()
      throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    try (VaultRaftClient client = client(cluster, SHORT_BUDGET);
        VaultRaftClient patient = client(cluster, Duration.ofSeconds(120))) {
      assertThat(client.readRaftConfig().servers()).hasSize(3);
      assertThat(patient.readRaftConfig().servers()).hasSize(3);

      for (int i = 1; i <= cluster.size(); i++) {
        cluster.stop(i);
      }

      List<Long> failedMs = new ArrayList<>();
      List<String> types = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        VaultClientException failure =
            org.junit.jupiter.api.Assertions.assertThrows(
                VaultClientException.class, client::readRaftConfig);
        failedMs.add((System.nanoTime() - start) / 1_000_000);
        types.add(failure.getClass().getSimpleName());
        // Whether the budget ends on an attempt or on an open breaker, the refused connection is
        // named: as the failure's cause, or as the cause of what opened the breaker.
        assertThat(failure).hasRootCauseInstanceOf(ConnectException.class);
      }
      assertThat(types).contains(CircuitOpenException.class.getSimpleName());

      long onceStart = System.nanoTime();
      assertThatThrownBy(() -> client.removeRaftNode("ghost"))
          .isInstanceOf(CircuitOpenException.class)
          .satisfies(e -> assertThat(((VaultClientException) e).mayHaveReachedServer()).isFalse());
      long onceUs = (System.nanoTime() - onceStart) / 1_000;
      System.out.printf(
          "FIGURE all nodes down: 3 reads with a %d s budget failed after %s ms (%s); a call sent"
              + " once failed in %d us on the open breakers%n",
          SHORT_BUDGET.toSeconds(), failedMs, types, onceUs);

      CompletableFuture<RaftConfiguration> waiting =
          CompletableFuture.supplyAsync(patient::readRaftConfig);
      KillLeaderIT.sleep(Duration.ofSeconds(2));
      assertThat(waiting).as("a read waits while every node is down").isNotDone();

      long restartStart = System.nanoTime();
      for (int i = 1; i <= cluster.size(); i++) {
        cluster.restart(i);
      }
      cluster.waitForLeader(Duration.ofSeconds(30));
      long up = System.nanoTime();
      assertThat(waiting.get(90, TimeUnit.SECONDS).servers()).hasSize(3);
      long waitingDone = System.nanoTime();

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
          "FIGURE all nodes restarted in %d ms; the read that waited through the outage succeeded"
              + " %d ms after a leader was back; the client with the short budget then succeeded in"
              + " %d ms (%d attempts, breaker open time %d ms)%n",
          (up - restartStart) / 1_000_000,
          (waitingDone - up) / 1_000_000,
          (recovered - waitingDone) / 1_000_000,
          attempts,
          OPEN.toMillis());
    }
  }
}
