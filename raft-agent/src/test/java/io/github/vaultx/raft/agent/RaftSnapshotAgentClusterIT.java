package io.github.vaultx.raft.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.snapshot.RaftSnapshots;
import io.github.vaultx.raft.testing.FaultLink;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import io.github.vaultx.raft.testing.Toxic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in operation against one real 3-node cluster with a fault proxy in front of every node
 * (OpenBao and Vault, one failsafe execution each): two agents sharing a lease take one snapshot
 * per slot, a transfer cut mid-stream leaves nothing behind, and a stored snapshot brings a fresh
 * cluster the first one's data.
 */
class RaftSnapshotAgentClusterIT {
  @RegisterExtension
  static final RaftClusterExtension CLUSTER =
      RaftClusterExtension.of(LocalRaftCluster.builder().faultProxies());

  static final Duration INTERVAL = Duration.ofSeconds(2);
  static final String PREFIX = "it";

  @TempDir Path dir;

  /**
   * Two agents with the same configuration and lease, against two different nodes: every slot is
   * stored exactly once (the files are named by slot, and the two agents' save counts add up to the
   * files), and when one agent stops the other takes every slot.
   */
  @Test
  void twoAgentsSharingALease_storeOneSnapshotPerSlot_andOneCarriesOnAlone() throws IOException {
    LocalRaftCluster cluster = CLUSTER.cluster();
    cluster.enableSecretsEngine("agent-lease", "kv", Map.of("version", "2"));
    AutoSnapshotConfig config =
        AutoSnapshotConfig.local(INTERVAL, dir.toString(), 1L << 30)
            .retain(1000)
            .filePrefix(PREFIX)
            .build();
    SimpleMeterRegistry aMetrics = new SimpleMeterRegistry();
    SimpleMeterRegistry bMetrics = new SimpleMeterRegistry();
    try (VaultRaftClient aClient = client(cluster, cluster.address(1));
        VaultRaftClient bClient = client(cluster, cluster.address(2))) {
      // Closed by hand: the test stops agent-a half-way.
      RaftSnapshotAgent a = agent(aClient, config, lease(cluster, 1, "agent-a"), aMetrics);
      RaftSnapshotAgent b = agent(bClient, config, lease(cluster, 2, "agent-b"), bMetrics);
      try {
        twoAgents(cluster, a, b, aMetrics, bMetrics);
      } finally {
        a.close();
        b.close();
      }
    }
  }

  private void twoAgents(
      LocalRaftCluster cluster,
      RaftSnapshotAgent a,
      RaftSnapshotAgent b,
      SimpleMeterRegistry aMetrics,
      SimpleMeterRegistry bMetrics)
      throws IOException {
    {
      a.start();
      b.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> snapshots().size() >= 6);
      a.close();
      long aSaves = saves(aMetrics);
      long bSavesBefore = saves(bMetrics);
      List<Long> before = slots();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> slots().size() >= before.size() + 3);
      b.close();

      List<Long> all = slots();
      System.out.printf(
          "FIGURE agent lease: %d slots stored, agent-a took %d, agent-b %d (%d after agent-a"
              + " stopped)%n",
          all.size(), aSaves, saves(bMetrics), saves(bMetrics) - bSavesBefore);
      assertThat(all)
          .as("one file per slot, no slot missing, while both ran and after one stopped")
          .containsExactlyElementsOf(Stream.iterate(0L, s -> s + 1).limit(all.size()).toList());
      assertThat(aSaves + saves(bMetrics))
          .as("every snapshot either agent stored is one of the files: none was taken twice")
          .isEqualTo(all.size());
      assertThat(all.size()).as("slots stored after agent-a stopped").isGreaterThan(before.size());
      assertThat(a.status("it").consecutiveErrors()).isZero();
      assertThat(b.status("it").consecutiveErrors()).isZero();
      for (Path file : snapshots()) {
        assertThat(RaftSnapshots.verify(file).intact()).isTrue();
      }
      Map<?, ?> lease =
          (Map<?, ?>)
              cluster
                  .sys()
                  .send(
                      "GET",
                      URI.create(cluster.address(3)),
                      "agent-lease/data/snapshots/it",
                      cluster.rootToken(),
                      null)
                  .expect(200)
                  .data()
                  .get("data");
      assertThat(lease.get("holder")).isEqualTo("agent-b");
      assertThat(((Number) lease.get("slot")).longValue()).isEqualTo(all.get(all.size() - 1));
    }
  }

  /**
   * A lease on a KV version 1 mount would be written without check-and-set: the agent refuses it at
   * its first slot, counts the error and names the mount, and stores nothing.
   */
  @Test
  void aLeaseOnAKvVersion1Mount_isRefused_andNothingIsStored() throws IOException {
    LocalRaftCluster cluster = CLUSTER.cluster();
    cluster.enableSecretsEngine("agent-lease-v1", "kv", Map.of("version", "1"));
    AutoSnapshotConfig config =
        AutoSnapshotConfig.local(Duration.ofMinutes(10), dir.toString(), 1L << 30)
            .filePrefix(PREFIX)
            .build();
    KvLease lease =
        KvLease.builder("agent-lease-v1/snapshots")
            .addresses(List.of(cluster.address(1)))
            .token(cluster.rootToken())
            .build();
    try (VaultRaftClient client = client(cluster, cluster.address(1));
        RaftSnapshotAgent agent =
            RaftSnapshotAgent.builder(client).configuration("it", config).lease(lease).build()) {
      agent.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> agent.status("it").consecutiveErrors() == 1);
      assertThat(agent.status("it").lastSnapshotError())
          .contains("agent-lease-v1 is not a KV version 2 mount");
    }
    assertThat(snapshots()).isEmpty();
    assertThat(
            cluster
                .sys()
                .send(
                    "GET",
                    URI.create(cluster.address(1)),
                    "agent-lease-v1/data/snapshots/it",
                    cluster.rootToken(),
                    null)
                .status())
        .as("nothing written to the version 1 mount")
        .isEqualTo(404);
  }

  /**
   * The snapshot download cut mid-stream by the fault proxy ({@code limit_data} on the link the
   * agent uses): nothing is stored, no partial file is left, the status counts one error and names
   * it; once the link heals the next interval stores a snapshot and the count returns to 0.
   */
  @Test
  void aTransferCutMidStream_leavesNoFile_countsOneError_andTheNextIntervalSucceeds()
      throws IOException {
    LocalRaftCluster cluster = CLUSTER.cluster();
    // Random bytes do not compress: the snapshot is larger than the proxy lets through.
    byte[] noise = new byte[96 * 1024];
    new SecureRandom().nextBytes(noise);
    cluster.enableKvAndWrite("agent/noise", "blob", Base64.getEncoder().encodeToString(noise));
    int leader = cluster.leaderIndex();
    FaultLink link = cluster.faults(leader);
    Toxic cut = link.add(Toxic.limitData(32 * 1024));
    AutoSnapshotConfig config =
        AutoSnapshotConfig.local(Duration.ofSeconds(3), dir.toString(), 1L << 30)
            .filePrefix(PREFIX)
            .build();
    try (VaultRaftClient client = client(cluster, cluster.proxiedAddress(leader));
        RaftSnapshotAgent agent =
            RaftSnapshotAgent.builder(client)
                .configuration("it", config)
                .stopGrace(Duration.ofSeconds(10))
                .build()) {
      agent.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> agent.status("it").consecutiveErrors() >= 1);
      link.remove(cut);
      AutoSnapshotStatus failed = agent.status("it");
      List<String> left;
      try (Stream<Path> files = Files.list(dir)) {
        left = files.map(p -> p.getFileName().toString()).toList();
      }
      System.out.printf("FIGURE agent broken transfer: %s%n", failed.lastSnapshotError());
      assertThat(failed.consecutiveErrors()).isEqualTo(1);
      assertThat(failed.lastSnapshotError()).contains("incomplete snapshot");
      assertThat(failed.lastSnapshotUrl()).isNull();
      assertThat(left).as("no snapshot and no partial download").isEmpty();

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> agent.lastSuccess("it") != null);
      AutoSnapshotStatus healed = agent.status("it");
      assertThat(healed.consecutiveErrors()).isZero();
      assertThat(healed.lastSnapshotError()).isNull();
      assertThat(snapshots()).singleElement().satisfies(f -> assertThat(verified(f)).isTrue());
    }
  }

  /**
   * A snapshot the agent stored from this cluster, force-restored into a fresh single-node cluster
   * with other unseal keys: sealed afterwards, it opens with this cluster's key and serves the data
   * written here to this cluster's root token. One node suffices: Raft's restore keeps the target's
   * own membership, so what the test proves does not depend on the target's size.
   */
  @Test
  void aSnapshotTheAgentStored_restoresIntoAFreshCluster() throws IOException {
    LocalRaftCluster source = CLUSTER.cluster();
    source.enableKvAndWrite("agent/migrate", "colour", "green");
    AutoSnapshotConfig config =
        AutoSnapshotConfig.local(Duration.ofMinutes(10), dir.toString(), 1L << 30)
            .filePrefix(PREFIX)
            .build();
    try (VaultRaftClient client = client(source, source.address(1));
        RaftSnapshotAgent agent =
            RaftSnapshotAgent.builder(client).configuration("it", config).build()) {
      agent.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> agent.lastSuccess("it") != null);
    }
    Path stored = snapshots().get(0);

    try (LocalRaftCluster target = LocalRaftCluster.builder().nodes(1).start();
        VaultRaftClient client = client(target, target.address(1))) {
      client.forceRestoreRaftSnapshot(stored);
      target.awaitHealth(1, 503);
      target.unseal(1, source.unsealKey());
      target.awaitHealth(1, 200);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(
              () ->
                  target
                      .sys()
                      .readKv(
                          URI.create(target.address(1)),
                          source.rootToken(),
                          "agent/migrate",
                          "colour")
                      .orElse("")
                      .equals("green"));
    }
  }

  static VaultRaftClient client(LocalRaftCluster cluster, String address) {
    return VaultRaftClient.builder()
        .address(address)
        .token(cluster.rootToken())
        .environment(Map.of())
        .build();
  }

  static KvLease lease(LocalRaftCluster cluster, int node, String holder) {
    return KvLease.builder("agent-lease/snapshots")
        .addresses(List.of(cluster.address(node)))
        .token(cluster.rootToken())
        .holder(holder)
        .build();
  }

  static RaftSnapshotAgent agent(
      VaultRaftClient client, AutoSnapshotConfig config, KvLease lease, SimpleMeterRegistry m) {
    return RaftSnapshotAgent.builder(client)
        .configuration("it", config)
        .lease(lease)
        .metrics(AgentMetrics.of(m))
        .stopGrace(Duration.ofSeconds(10))
        .build();
  }

  static long saves(SimpleMeterRegistry registry) {
    return registry
        .get("vault.autosnapshots.save.duration")
        .tag("snapshot_config_name", "it")
        .timer()
        .count();
  }

  static boolean verified(Path file) {
    return RaftSnapshots.verify(file).intact();
  }

  /** The stored snapshots' slot numbers, from their names: (seconds - first) / interval. */
  List<Long> slots() throws IOException {
    List<Path> files = snapshots();
    List<Long> slots = new ArrayList<>();
    if (files.isEmpty()) {
      return slots;
    }
    long first = seconds(files.get(0));
    for (Path file : files) {
      long offset = seconds(file) - first;
      assertThat(offset % INTERVAL.toSeconds()).as("%s lies on the grid", file).isZero();
      slots.add(offset / INTERVAL.toSeconds());
    }
    return slots;
  }

  List<Path> snapshots() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().matches(PREFIX + "-\\d+\\.snap"))
          .sorted((x, y) -> Long.compare(seconds(x), seconds(y)))
          .toList();
    }
  }

  static long seconds(Path snapshot) {
    String name = snapshot.getFileName().toString();
    return Long.parseLong(name.substring(PREFIX.length() + 1, name.length() - ".snap".length()));
  }
}
