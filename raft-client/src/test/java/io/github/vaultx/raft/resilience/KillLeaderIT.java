package io.github.vaultx.raft.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9 of the active node while 32 readers call idempotent operations through one 3-address
 * client whose first address is that node, with the client's default retry budget: not one call
 * fails, before, during or after the election. Runs for the sync client and the async one. Prints
 * the election time and the longest gap between two successful reads of each reader (quoted in
 * docs/reliability.md). The killed node is restarted afterwards, so each run meets 3 nodes.
 */
@ParameterizedClass
@EnumSource(ClientKind.class)
class KillLeaderIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  static final int READERS = 32;
  static final Duration PAUSE = Duration.ofMillis(50);
  static final Duration BEFORE_KILL = Duration.ofSeconds(1);
  static final Duration AFTER_ELECTION = Duration.ofSeconds(3);

  final ClientKind kind;
  int killed;

  KillLeaderIT(ClientKind kind) {
    this.kind = kind;
  }

  /** One reader's record: when its reads succeeded, and what failed. */
  static final class Reader {
    final List<String> failures = new ArrayList<>();
    long reads;
    long longestGapNanos;
  }

  @Test
  void killLeader_32ReadersThroughThreeAddresses_noIdempotentCallFails() throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    cluster.waitForHealthyVoters(3, Duration.ofSeconds(60));
    int leader = cluster.leaderIndex();
    List<String> addresses = new ArrayList<>();
    addresses.add(cluster.address(leader));
    for (int i = 1; i <= cluster.size(); i++) {
      if (i != leader) {
        addresses.add(cluster.address(i));
      }
    }

    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(READERS);
    ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    ExecutorService threads = Executors.newFixedThreadPool(READERS);
    long electedAt;
    long electionMillis;
    List<Reader> readers = new ArrayList<>();
    try (VaultRaftClient built =
        VaultRaftClient.builder()
            .addresses(addresses)
            .token(cluster.rootToken())
            .environment(Map.of())
            .timeout(Duration.ofSeconds(5))
            .connectTimeout(Duration.ofSeconds(1))
            .build()) {
      VaultRaftClient client = kind.view(built);
      List<Future<Reader>> running = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        // Half the readers read the configuration, half the autopilot state: both idempotent.
        Consumer<VaultRaftClient> read =
            r % 2 == 0 ? VaultRaftClient::readRaftConfig : VaultRaftClient::readRaftAutopilotState;
        running.add(threads.submit(() -> readUntil(stop, started, client, read)));
      }
      started.await(10, TimeUnit.SECONDS);
      sleep(BEFORE_KILL);
      cluster.kill(leader);
      killed = leader;
      long killedAt = System.nanoTime();
      int next = cluster.waitForLeader(Duration.ofSeconds(30));
      electedAt = System.nanoTime();
      electionMillis = (electedAt - killedAt) / 1_000_000;
      log.add("node-" + next + " active " + electionMillis + " ms after the kill");
      sleep(AFTER_ELECTION);
      stop.set(true);
      for (Future<Reader> reader : running) {
        readers.add(reader.get(60, TimeUnit.SECONDS));
      }
    } finally {
      stop.set(true);
      threads.shutdownNow();
    }

    long reads = readers.stream().mapToLong(r -> r.reads).sum();
    List<String> failures = new ArrayList<>();
    readers.forEach(r -> failures.addAll(r.failures));
    List<Long> gaps = new ArrayList<>();
    readers.forEach(r -> gaps.add(r.longestGapNanos / 1_000_000));
    System.out.printf(
        "FIGURE kill -9 leader (%s client, %s): %s; %d readers, %d reads, %d failed; longest gap"
            + " between successful reads per reader (ms, loop pause %d ms): max %d, min %d, all"
            + " %s%n",
        kind,
        cluster.serverBinary().flavour(),
        String.join("; ", log),
        READERS,
        reads,
        failures.size(),
        PAUSE.toMillis(),
        gaps.stream().mapToLong(Long::longValue).max().orElse(0),
        gaps.stream().mapToLong(Long::longValue).min().orElse(0),
        gaps);
    failures.stream().distinct().limit(10).forEach(f -> System.out.println("  failed: " + f));
    assertThat(electionMillis).isPositive();
    assertThat(reads).isGreaterThan(READERS);
    assertThat(failures).as("failed idempotent calls").isEmpty();
  }

  private static Reader readUntil(
      AtomicBoolean stop,
      CountDownLatch started,
      VaultRaftClient client,
      Consumer<VaultRaftClient> read) {
    Reader reader = new Reader();
    started.countDown();
    long lastSuccess = System.nanoTime();
    while (!stop.get()) {
      try {
        read.accept(client);
        long now = System.nanoTime();
        reader.longestGapNanos = Math.max(reader.longestGapNanos, now - lastSuccess);
        lastSuccess = now;
        reader.reads++;
      } catch (RuntimeException e) {
        reader.failures.add(e.toString());
      }
      sleep(PAUSE);
    }
    return reader;
  }

  /** Brings the killed node back, so the next client kind meets a 3-node cluster too. */
  @AfterEach
  void restartKilledNode() {
    if (killed > 0) {
      LocalRaftCluster cluster = CLUSTER.cluster();
      cluster.restart(killed);
      cluster.waitForHealthyVoters(3, Duration.ofSeconds(60));
    }
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
