package io.github.vaultx.raft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.VaultRaftClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One configuration's slot with a lease, in virtual time: a slot another agent holds is left alone
 * and counts as done, and a lease that cannot be reached counts as a failed snapshot without naming
 * the token. The raft client points at a closed port: a slot that tried a snapshot would fail with
 * a connection error, not the lease's.
 */
class ConfigRunLeaseTest {
  static final Duration INTERVAL = Duration.ofMinutes(10);
  static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  @TempDir Path dir;

  final StatusServerTest.MutableClock clock = new StatusServerTest.MutableClock(T0);
  final VaultRaftClient unreachable = AgentConfigFileTest.unusedClient();

  @AfterEach
  void close() {
    unreachable.close();
  }

  ConfigRun run(SlotLease lease) {
    return new ConfigRun(
        "hourly",
        INTERVAL,
        "vault-snapshot",
        1,
        new LocalSnapshotStore(dir, "vault-snapshot", 1 << 20),
        unreachable.async(),
        clock,
        Recorder.NONE,
        lease);
  }

  @Test
  void aSlotAnotherAgentHolds_isLeftAlone_countsAsDone_andAdoptsTheLeaseGrid() throws Exception {
    SlotLeaseTest.FakeKv kv = new SlotLeaseTest.FakeKv();
    new SlotLease(kv, "agent-a", INTERVAL).claim(T0.minusSeconds(30));
    ConfigRun run = run(new SlotLease(kv, "agent-b", INTERVAL));

    Instant grid = run.runSlot(T0);

    assertThat(grid).isEqualTo(T0.minusSeconds(30));
    assertThat(run.status().consecutiveErrors()).isZero();
    assertThat(run.status().lastSnapshotStart()).isNull();
    assertThat(run.lastSuccess()).isNull();
    assertThat(run.lastDone()).isEqualTo(T0);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aLeaseThatCannotBeReached_countsAsAFailedSnapshot_withoutTheToken() {
    KvLease lease =
        KvLease.builder("leases/raft")
            .addresses(List.of("http://127.0.0.1:9"))
            .token("s.lease-secret")
            .holder("agent-b")
            .build();
    ConfigRun run = run(new SlotLease(lease.document("hourly"), lease.holder(), INTERVAL));

    Instant grid = run.runSlot(T0);
    clock.advance(INTERVAL);
    run.runSlot(T0);

    assertThat(grid).as("without the lease, the agent's own grid").isEqualTo(T0);
    assertThat(run.status().consecutiveErrors()).isEqualTo(2);
    assertThat(run.status().lastSnapshotError())
        .startsWith("lease: IllegalStateException: the lease at leases/raft/hourly could not be")
        .doesNotContain("s.lease-secret");
    assertThat(run.lastDone()).isNull();
    assertThat(Map.of("lease", lease.toString()).toString()).doesNotContain("s.lease-secret");
  }
}
