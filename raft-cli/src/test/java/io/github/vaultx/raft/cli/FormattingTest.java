package io.github.vaultx.raft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormattingTest {

  @ParameterizedTest
  @CsvSource({
    "10s, PT10S",
    "10, PT10S",
    "1m30s, PT1M30S",
    "500ms, PT0.5S",
    "1.5h, PT1H30M",
    "24h, PT24H",
    "2h45m0.5s, PT2H45M0.5S",
    "100us, PT0.0001S",
    "0s, PT0S"
  })
  void goDurations_parse(String text, Duration expected) {
    assertThat(GoDurations.parse(text, "-flag")).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"''", "s", "10 s", "1d", "-5s", "1h-2m", "ten"})
  void goDurations_parse_rejectsNamingTheFlag(String text) {
    assertThatThrownBy(() -> GoDurations.parse(text, "-min"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("-min must be a duration");
  }

  @ParameterizedTest
  @CsvSource({
    "PT0S, 0s",
    "PT10S, 10s",
    "PT1M, 1m0s",
    "PT24H, 24h0m0s",
    "PT0.907414342S, 907.414342ms",
    "PT1.5S, 1.5s",
    "PT0.000001S, 1µs",
    "PT1H0M0.25S, 1h0m0.25s"
  })
  void goDurations_format_likeGo(Duration value, String expected) {
    assertThat(GoDurations.format(value)).isEqualTo(expected);
  }

  @Test
  void table_alignsColumnsAndTrimsTrailingSpace() {
    String table = new Table("A", "Longer").row("xyz", "1").row("", "").render();

    assertThat(table).isEqualTo("A      Longer\n-      ------\nxyz    1\n\n");
  }

  @Test
  void json_escapesAndIndents() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("s", "a\"b\\c\n\u0001");
    map.put("n", 1L);
    map.put("null", null);
    map.put("list", List.of());
    map.put("nested", Map.of("b", true));
    map.put("items", Arrays.asList(1, "x"));

    assertThat(Json.write(map))
        .isEqualTo(
            "{\n  \"s\": \"a\\\"b\\\\c\\n\\u0001\",\n  \"n\": 1,\n  \"null\": null,\n"
                + "  \"list\": [],\n  \"nested\": {\n    \"b\": true\n  },\n"
                + "  \"items\": [\n    1,\n    \"x\"\n  ]\n}");
  }

  @Test
  void progress_lineShowsSizeRateAndElapsed() {
    assertThat(Progress.line("Saving snapshot", 12L * 1024 * 1024, Duration.ofMillis(1500)))
        .isEqualTo("Saving snapshot: 12.0 MiB, 8.0 MiB/s, 1.5s");
    assertThat(Progress.line("Saving", 0, Duration.ZERO)).isEqualTo("Saving: 0 B, -, 0.0s");
    assertThat(Progress.size(1536)).isEqualTo("1.5 KiB");
    assertThat(Progress.size(3L << 30)).isEqualTo("3.0 GiB");
  }
}
