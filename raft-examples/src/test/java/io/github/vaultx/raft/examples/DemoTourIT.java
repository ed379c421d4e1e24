package io.github.vaultx.raft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's demo runs end to end against real servers and shows every section. */
class DemoTourIT {
  @Test
  void demoTour_runsEverySectionAgainstARealCluster() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      DemoTour.run();
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    original.print(output);

    assertThat(output)
        .contains("joinRaftCluster(")
        .contains("-> joined=true")
        .contains("readRaftConfig() -> 3 servers")
        .contains("2 servers left")
        .contains("Enterprise only")
        .contains("takeRaftSnapshot(")
        .contains("restoreRaftSnapshot(")
        .contains("async: readRaftConfig() -> 2 servers")
        .contains("async: takeRaftSnapshot(")
        .contains("readRaftAutopilotState() -> healthy=")
        .containsPattern("last contact \\d+ ms")
        .containsPattern("last contact threshold \\d+[a-z]")
        // Durations as people and Vault print them (239 ms, 10s), never Duration.toString's PT10S.
        .doesNotContainPattern("\\bPT\\d")
        .endsWith("done" + System.lineSeparator());
    assertThat(output.split("Enterprise only", -1)).hasSize(6);
  }
}
