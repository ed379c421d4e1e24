package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The retry table is written for readers in four places (docs/reliability.md, the VaultRaftClient
 * Javadoc, the README and ADR 5); each is checked here against {@link Operation}, the code's copy
 * of the spec's {@code x-vault-retry}, so that they cannot drift from what the client does.
 */
class RetryDocsTest {
  /** What the client retries a sent-once call on: {@link ResiliencePolicy#retryable}. */
  static final String SENT_ONCE =
      "only what proves Vault did not act: a refused, unroutable or unknown host, a standby's 307";

  static final List<String> SENT_ONCE_CONDITIONS =
      List.of("refused", "unroutable", "unknown host", "307");

  static final Path ROOT =
      Path.of(System.getProperty("vaultx.repo.root", "..")).toAbsolutePath().normalize();

  @Test
  void reliabilityTable_hasOneRowPerOperation_asItsRetryClassSays() throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(ROOT.resolve("docs/reliability.md"))) {
      if (line.startsWith("| `")) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
          cells.add(cell.trim());
        }
        rows.add(cells);
      }
    }
    assertThat(rows).hasSize(Operation.values().length);
    for (Operation operation : Operation.values()) {
      List<String> row =
          rows.stream()
              .filter(r -> r.get(0).startsWith("`" + operation.publicName + "`"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no row for " + operation.publicName));
      String safe = row.get(2);
      String retriedOn = row.get(3);
      String failsOver = row.get(4);
      if (operation.sentOnce()) {
        assertThat(safe).as(operation.publicName).startsWith("no");
        assertThat(retriedOn).as(operation.publicName).isEqualTo(SENT_ONCE);
      } else {
        assertThat(safe).as(operation.publicName).startsWith("yes");
        assertThat(retriedOn).as(operation.publicName).startsWith("retryable failures");
      }
      if (operation.has(Operation.Trait.NODE_LOCAL)) {
        assertThat(failsOver).as(operation.publicName).startsWith("never");
      } else if (operation.sentOnce()) {
        assertThat(failsOver)
            .as(operation.publicName)
            .isIn(
                "as for `removeRaftNode`",
                "refused/unroutable/unknown host, connect timeout, sealed, a standby's 307, open"
                    + " circuit");
      } else {
        assertThat(failsOver)
            .as(operation.publicName)
            .isIn(
                "as for reads",
                "refused/unroutable/unknown host, connect timeout, any timeout, sealed, standby,"
                    + " open circuit");
      }
    }
  }

  @Test
  void javadocTable_hasOneRowPerOperation_asItsRetryClassSays() throws IOException {
    String source =
        Files.readString(
                ROOT.resolve(
                    "raft-client/src/main/java/io/github/vaultx/raft/VaultRaftClient.java"))
            .replaceAll("\\n\\s*\\*\\s*", " ");
    Matcher rows =
        Pattern.compile("<tr><td>\\{@link #(\\w+)\\(.*?</td>\\s*<td>(.*?)</td>\\s*<td>(.*?)</td>")
            .matcher(source);
    List<String> seen = new ArrayList<>();
    while (rows.find()) {
      Operation operation = byPublicName(rows.group(1));
      seen.add(operation.publicName);
      if (operation.sentOnce()) {
        assertThat(rows.group(2)).as(operation.publicName).isEqualTo("no");
        assertThat(rows.group(3)).as(operation.publicName).isEqualTo(SENT_ONCE);
      } else {
        assertThat(rows.group(2)).as(operation.publicName).matches("yes.*|until the first byte");
        assertThat(rows.group(3)).as(operation.publicName).startsWith("retryable failures");
      }
    }
    assertThat(seen)
        .containsExactlyInAnyOrder(
            java.util.Arrays.stream(Operation.values())
                .map(o -> o.publicName)
                .toArray(String[]::new));
  }

  @Test
  void readmeAndAdr5_nameEveryFailureASentOnceCallIsRetriedOn() throws IOException {
    for (String document : List.of("README.md", "docs/adr/0005-retry-only-what-is-idempotent.md")) {
      String text = Files.readString(ROOT.resolve(document)).replaceAll("\\s+", " ");
      for (String condition : SENT_ONCE_CONDITIONS) {
        assertThat(text).as(document).contains(condition);
      }
      assertThat(text).as(document).contains("reliability.md");
    }
  }

  private static Operation byPublicName(String name) {
    for (Operation operation : Operation.values()) {
      if (operation.publicName.equals(name)) {
        return operation;
      }
    }
    throw new AssertionError("the Javadoc table names " + name + ", which is no operation");
  }
}
