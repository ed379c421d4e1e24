package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot larger than the heap is inspected, details included, by a JVM started with {@code
 * -Xmx64m}; the figures are printed (the 2 GiB run is in benchmarks/, see docs/benchmarks.md).
 */
class SnapshotInspectMemoryTest {
  static final long STATE_BYTES = 160L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void inspect_snapshotLargerThanTheHeap_readsInConstantMemory() throws Exception {
    Path file = dir.resolve("large.snap");
    long keys = SnapshotInspectProbe.generate(file, STATE_BYTES);
    ForkedJvm.Result forked =
        ForkedJvm.run(
            List.of("-Xmx64m", "-Dlogback.configurationFile=none"),
            SnapshotInspectProbe.class,
            List.of("inspect", file.toString()),
            Duration.ofSeconds(120));
    String output = forked.output();
    System.out.println("forked -Xmx64m snapshot inspect: " + output.trim());

    assertThat(forked.exitCode()).as(output).isZero();
    Matcher m =
        Pattern.compile("bytes=(\\d+) .* maxHeap=(\\d+) heapPeak=\\d+ intact=(\\w+) keys=(\\d+)")
            .matcher(output);
    assertThat(m.find()).as(output).isTrue();
    assertThat(Long.parseLong(m.group(1))).isGreaterThan(2 * Long.parseLong(m.group(2)));
    assertThat(m.group(3)).isEqualTo("true");
    assertThat(Long.parseLong(m.group(4))).isEqualTo(keys);
  }
}
