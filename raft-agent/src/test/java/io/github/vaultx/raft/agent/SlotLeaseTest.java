package io.github.vaultx.raft.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The lease's logic against a fake KV v2 document, in virtual time. */
class SlotLeaseTest {
  static final Duration INTERVAL = Duration.ofMinutes(10);
  static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  /** KV v2's check-and-set on one document: versions grow by one per write, deletes keep them. */
  static final class FakeKv implements SlotLease.Kv {
    @Nullable Map<String, Object> fields;
    long version;
    int writes;

    /** Applies the next write but then fails, as an answer lost on the way back. */
    boolean loseNextAnswer;

    /** Another agent's write lands between this agent's read and write. */
    @Nullable Runnable beforeNextWrite;

    @Override
    public SlotLease.Versioned read() {
      return new SlotLease.Versioned(fields == null ? null : new HashMap<>(fields), version);
    }

    @Override
    public boolean write(Map<String, Object> newFields, long cas) {
      Runnable race = beforeNextWrite;
      if (race != null) {
        beforeNextWrite = null;
        race.run();
      }
      // KV v2 compares cas with the current version, which a deleted document keeps (0: none).
      if (cas != version) {
        return false;
      }
      // Numbers come back from JSON as doubles, as Moshi reads them.
      Map<String, Object> stored = new LinkedHashMap<>();
      newFields.forEach(
          (k, v) -> stored.put(k, v instanceof Long l ? (Object) l.doubleValue() : v));
      fields = stored;
      version++;
      writes++;
      if (loseNextAnswer) {
        loseNextAnswer = false;
        throw new IllegalStateException("the answer was lost");
      }
      return true;
    }

    void delete() {
      fields = null;
    }

    @Override
    public String describe() {
      return "fake/leases/hourly";
    }
  }

  final FakeKv kv = new FakeKv();
  final SlotLease a = new SlotLease(kv, "agent-a", INTERVAL);
  final SlotLease b = new SlotLease(kv, "agent-b", INTERVAL);

  @Test
  void claim_withNoDocument_createsItWithCasZero_andTheFirstAgentTakesSlotZero() {
    SlotLease.Claim claim = a.claim(T0);

    assertThat(claim.mine()).isTrue();
    assertThat(claim.slot()).isZero();
    assertThat(claim.slotStart()).isEqualTo(T0);
    assertThat(claim.anchor()).isEqualTo(T0);
    assertThat(kv.version).isEqualTo(1);
    assertThat(kv.fields)
        .containsEntry("holder", "agent-a")
        .containsEntry("expires", T0.plus(INTERVAL).toString());
  }

  @Test
  void claim_ofASlotAnotherAgentHolds_defers_andAdoptsItsGrid() {
    a.claim(T0);

    SlotLease.Claim claim = b.claim(T0.plusSeconds(200));

    assertThat(claim.mine()).isFalse();
    assertThat(claim.holder()).isEqualTo("agent-a");
    assertThat(claim.anchor()).isEqualTo(T0);
    assertThat(kv.writes).isEqualTo(1);
  }

  @Test
  void claim_ofTheNextSlot_takesOverWithTheVersionRead_andNamesTheSlotByTheGrid() {
    a.claim(T0);

    SlotLease.Claim claim = b.claim(T0.plus(INTERVAL).plusSeconds(3));

    assertThat(claim.mine()).isTrue();
    assertThat(claim.slot()).isEqualTo(1);
    assertThat(claim.slotStart()).isEqualTo(T0.plus(INTERVAL));
    assertThat(kv.version).isEqualTo(2);
    assertThat(a.claim(T0.plus(INTERVAL).plusSeconds(4)).mine()).isFalse();
  }

  @Test
  void claim_whenAnotherAgentWinsTheRaceBetweenReadAndWrite_defers() {
    a.claim(T0);
    Instant slotOne = T0.plus(INTERVAL);
    kv.beforeNextWrite = () -> assertThat(b.claim(slotOne).mine()).isTrue();

    SlotLease.Claim claim = a.claim(slotOne);

    assertThat(claim.mine()).isFalse();
    assertThat(claim.holder()).isEqualTo("agent-b");
    assertThat(kv.fields).containsEntry("holder", "agent-b");
  }

  @Test
  void claim_afterAWriteWhoseAnswerWasLost_findsItsOwnClaim() {
    a.claim(T0);
    kv.loseNextAnswer = true;
    Instant slotOne = T0.plus(INTERVAL);
    assertThatThrownBy(() -> a.claim(slotOne)).hasMessageContaining("lost");

    assertThat(a.claim(slotOne.plusSeconds(1)).mine()).isTrue();
    assertThat(b.claim(slotOne.plusSeconds(2)).mine()).isFalse();
  }

  @Test
  void anAgentThatDiesHoldingASlot_costsThatSlotOnly_theNextSlotIsTakenOver() {
    a.claim(T0);
    // agent-a dies now: slot 0 ends at T0 + interval, and nobody may take slot 0 again.
    assertThat(b.claim(T0.plus(INTERVAL).minusMillis(1)).mine()).isFalse();
    assertThat(b.claim(T0.plus(INTERVAL)).mine()).isTrue();
  }

  @Test
  void claim_ofADeletedDocument_startsANewGrid_withTheVersionKvStillCounts() {
    a.claim(T0);
    kv.delete();

    SlotLease.Claim claim = b.claim(T0.plusSeconds(30));

    assertThat(claim.mine()).isTrue();
    assertThat(claim.anchor()).isEqualTo(T0.plusSeconds(30));
    assertThat(kv.version).isEqualTo(2);
  }

  @Test
  void claim_ofALeaseWrittenForAnotherInterval_isRefused_namingBoth() {
    a.claim(T0);
    SlotLease hourly = new SlotLease(kv, "agent-c", Duration.ofHours(1));

    assertThatThrownBy(() -> hourly.claim(T0.plusSeconds(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fake/leases/hourly")
        .hasMessageContaining("PT10M")
        .hasMessageContaining("PT1H");
  }

  @Test
  void claim_ofADocumentThatIsNoLease_isRefused() {
    kv.fields = new HashMap<>(Map.of("password", "x"));
    kv.version = 1;

    assertThatThrownBy(() -> a.claim(T0)).hasMessageContaining("not a snapshot lease");
  }

  /**
   * Three agents whose clocks disagree by up to 40% of an interval wake at what each believes is a
   * slot's start, in random order, over 500 slots: every slot the grid reaches is claimed exactly
   * once, and each claim names its slot by the grid, not by the claimer's clock.
   */
  @Test
  void agentsWithSkewedClocks_claimEverySlotExactlyOnce() {
    Random random = new Random(24);
    long[] skewMillis = {0, 4 * 60_000, -4 * 60_000};
    List<SlotLease> agents = new ArrayList<>();
    for (int i = 0; i < skewMillis.length; i++) {
      agents.add(new SlotLease(kv, "agent-" + i, INTERVAL));
    }
    Map<Long, List<String>> claims = new HashMap<>();
    Map<Long, Instant> names = new HashMap<>();
    agents.get(0).claim(T0); // creates the grid
    claims.computeIfAbsent(0L, k -> new ArrayList<>()).add("agent-0");
    for (long slot = 1; slot <= 500; slot++) {
      List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
      java.util.Collections.shuffle(order, random);
      for (int i : order) {
        // Each agent wakes at the slot's start on its own clock, plus a little jitter.
        Instant agentClock =
            T0.plus(INTERVAL.multipliedBy(slot))
                .plusMillis(random.nextInt(2_000))
                .plusMillis(skewMillis[i]);
        SlotLease.Claim claim = agents.get(i).claim(agentClock);
        if (claim.mine()) {
          claims.computeIfAbsent(claim.slot(), k -> new ArrayList<>()).add("agent-" + i);
          names.put(claim.slot(), claim.slotStart());
        }
      }
    }
    assertThat(claims.values()).allSatisfy(holders -> assertThat(holders).hasSize(1));
    assertThat(claims.keySet()).hasSizeGreaterThanOrEqualTo(500);
    names.forEach(
        (slot, start) -> assertThat(start).isEqualTo(T0.plus(INTERVAL.multipliedBy(slot))));
  }
}
