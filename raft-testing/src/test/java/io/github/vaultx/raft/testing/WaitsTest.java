package io.github.vaultx.raft.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The harness's one way of waiting. */
class WaitsTest {
  @Test
  void until_returnsTheFirstValueTheProbeGives() {
    AtomicInteger calls = new AtomicInteger();

    String value =
        Waits.until(
            "a value", Duration.ofSeconds(5), () -> calls.incrementAndGet() < 3 ? null : "x");

    assertThat(value).isEqualTo("x");
    assertThat(calls).hasValue(3);
  }

  @Test
  void until_neverAValue_throwsIllegalStateExceptionNamingWhatItWaitedFor() {
    assertThatThrownBy(() -> Waits.until("a leader", Duration.ofMillis(200), () -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("timed out after PT0.2S waiting for a leader");
  }

  @Test
  void until_probeThrows_endsTheWaitWithThatException() {
    IllegalStateException died = new IllegalStateException("node-2 exited");

    assertThatThrownBy(
            () ->
                Waits.until(
                    "node-2 listening",
                    Duration.ofSeconds(30),
                    () -> {
                      throw died;
                    }))
        .isSameAs(died);
  }
}
