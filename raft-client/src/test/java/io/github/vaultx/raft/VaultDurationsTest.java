package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VaultDurationsTest {

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
    "1d, PT24H",
    "7d, PT168H",
    "1.21ms, PT0.00121S",
    "2h45m, PT2H45M",
    "1.5h, PT1H30M",
    "300ms, PT0.3S",
    "1us, PT0.000001S",
    "1µs, PT0.000001S",
    "1μs, PT0.000001S",
    "7ns, PT0.000000007S",
    "1.9ns, PT0.000000001S",
    ".5s, PT0.5S",
    "1.s, PT1S",
    "-1.5h, PT-1H-30M",
    "+10s, PT10S",
    "1h0m0.5s, PT1H0.5S",
    "2562047h47m16.854775807s, PT2562047H47M16.854775807S",
    "9223372036, PT2562047H47M16S"
  })
  void parse_acceptsGoDurationsSecondsAndDays(String text, String expected) {
    assertThat(VaultDurations.parse(text, "x")).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", " ", "s", "d", "1.5d", "1d12h", "1.2.3s", "abc", "10 s", "h1", "-", "1e3s", "10x", "."
      })
  void parse_onMalformedText_throwsNamingTheSettingNotTheValue(String text) {
    assertThatThrownBy(() -> VaultDurations.parse(text, "VAULT_CLIENT_TIMEOUT"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "VAULT_CLIENT_TIMEOUT must be a duration such as 30s, 1m30s or 24h, whole seconds,"
                + " or whole days (1d)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2562047h47m16.854775808s",
        "2562048h",
        "9223372037",
        "106752d",
        "99999999999999999999999s",
        "-2562048h"
      })
  void parse_beyondGosRange_isRejectedNotWrapped(String text) {
    assertThatThrownBy(() -> VaultDurations.parse(text, "-min"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "-min is out of range: Vault's durations end at 2562047h47m16.854775807s"
                + " (about 292 years)");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "PT0S, 0s",
    "PT10S, 10s",
    "PT1M, 1m0s",
    "PT24H, 24h0m0s",
    "PT1H, 1h0m0s",
    "PT0.907414342S, 907.414342ms",
    "PT1.5S, 1.5s",
    "PT0.0015S, 1.5ms",
    "PT0.000001S, 1µs",
    "PT0.000000007S, 7ns",
    "PT1H0M0.25S, 1h0m0.25s",
    "PT-1M-30S, -1m30s",
    "PT2562047H47M16.854775807S, 2562047h47m16.854775807s"
  })
  void format_printsLikeGo(String duration, String expected) {
    assertThat(VaultDurations.format(Duration.parse(duration))).isEqualTo(expected);
  }

  @Test
  void format_beyondGosRange_isRejected() {
    assertThatThrownBy(() -> VaultDurations.format(Duration.ofDays(106_752)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("duration is out of range");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"PT24H", "PT1M30S", "PT0.0015S", "PT0.000000007S", "PT0S", "PT-2H", "PT0.9S"})
  void formatThenParse_roundTrips(String duration) {
    Duration d = Duration.parse(duration);
    assertThat(VaultDurations.parse(VaultDurations.format(d), "x")).isEqualTo(d);
  }
}
