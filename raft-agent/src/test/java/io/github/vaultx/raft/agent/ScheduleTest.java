package io.github.vaultx.raft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  static final Instant FIRST = Instant.parse("2026-12-04T10:00:00.250Z");
  static final Duration HOUR = Duration.ofHours(1);

  @Test
  void next_beforeTheFirstStart_isTheFirstStart() {
    assertThat(Schedule.next(FIRST, HOUR, FIRST.minusSeconds(5))).isEqualTo(FIRST);
  }

  @Test
  void next_afterAQuickSnapshot_isOneIntervalAfterItsStart_notAfterItsEnd() {
    Instant end = FIRST.plus(Duration.ofMinutes(7));
    assertThat(Schedule.next(FIRST, HOUR, end)).isEqualTo(FIRST.plus(HOUR));
  }

  @Test
  void next_atTheFirstStartItself_isTheFollowingSlot() {
    assertThat(Schedule.next(FIRST, HOUR, FIRST)).isEqualTo(FIRST.plus(HOUR));
  }

  @Test
  void next_afterASnapshotThatOutlastedTwoSlots_skipsThem_andStaysOnTheGrid() {
    Instant end = FIRST.plus(Duration.ofMinutes(150));
    assertThat(Schedule.next(FIRST, HOUR, end)).isEqualTo(FIRST.plus(HOUR.multipliedBy(3)));
  }

  @Test
  void next_manySlotsLater_hasNoDriftFromTheSnapshotsDurations() {
    Instant now = FIRST;
    for (int i = 0; i < 1000; i++) {
      // Each snapshot takes 13 minutes and a bit; the grid must not move with it.
      now = Schedule.next(FIRST, HOUR, now).plus(Duration.ofMinutes(13).plusMillis(7));
    }
    assertThat(Schedule.next(FIRST, HOUR, now)).isEqualTo(FIRST.plus(HOUR.multipliedBy(1001)));
  }
}
