package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "10s, PT10S",
    "24h0m0s, PT24H",
    "1.5ms, PT0.0015S",
    "1m30s, PT1M30S",
    "0s, PT0S",
    "0, PT0S",
    "30, PT30S",
    "86400, PT24H",
    "1.21ms, PT0.00121S",
    "2h45m, PT2H45M",
    "300ms, PT0.3S",
    "1us, PT0.000001S",
    "1µs, PT0.000001S",
    "7ns, PT0.000000007S",
    "-1.5h, PT-1H-30M",
    "1h0m0.5s, PT1H0.5S"
  })
  void parse_acceptsGoDurationsAndSeconds(String text, String expected) {
    assertThat(GoDurations.parse(text, "x")).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "s", "1d", "1.2.3s", "abc", "10 s", "h1", "-", "1e3s"})
  void parse_onMalformedText_throwsNamingTheSettingNotTheValue(String text) {
    assertThatThrownBy(() -> GoDurations.parse(text, "VAULT_CLIENT_TIMEOUT"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("VAULT_CLIENT_TIMEOUT must be")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abc"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"PT24H, 86400s", "PT10S, 10s", "PT0S, 0s", "PT1.5S, 1500ms", "PT0.000001S, 1us"})
  void format_writesWholeSecondsOrTheLargestExactUnit(String duration, String expected) {
    assertThat(GoDurations.format(Duration.parse(duration))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT24H", "PT1M30S", "PT0.0015S", "PT0.000000007S", "PT0S"})
  void formatThenParse_roundTrips(String duration) {
    Duration d = Duration.parse(duration);
    assertThat(GoDurations.parse(GoDurations.format(d), "x")).isEqualTo(d);
  }
}
