package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot larger than the heap streams through a JVM started with {@code -Xmx64m}. */
class SnapshotMemoryTest {
  static final long STATE_BYTES = 160L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void takeRaftSnapshot_bodyLargerThanTheHeap_streamsWithConstantMemory() throws Exception {
    ForkedJvm.Result forked =
        ForkedJvm.run(
            List.of("-Xmx64m", "-Dlogback.configurationFile=none"),
            SnapshotMemoryProbe.class,
            List.of(Long.toString(STATE_BYTES), dir.toString()),
            Duration.ofSeconds(120));
    String output = forked.output();
    System.out.println("forked -Xmx64m snapshot download: " + output.trim());

    assertThat(forked.exitCode()).as(output).isZero();
    Matcher m = Pattern.compile("size=(\\d+) file=(\\d+) maxHeap=(\\d+)").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    long size = Long.parseLong(m.group(1));
    long maxHeap = Long.parseLong(m.group(3));
    assertThat(size).isGreaterThan(STATE_BYTES).isGreaterThan(2 * maxHeap);
    assertThat(Long.parseLong(m.group(2))).isEqualTo(size);
  }
}
