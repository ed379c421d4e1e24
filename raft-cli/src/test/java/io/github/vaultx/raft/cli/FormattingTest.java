package io.github.vaultx.raft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormattingTest {

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
