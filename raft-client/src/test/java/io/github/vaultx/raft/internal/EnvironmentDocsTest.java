package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.internal.access.ClientSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The environment variables the client reads are listed for readers in three full copies: the
 * VaultRaftClientBuilder Javadoc table, the README table and the CLI's help footer. Each must name
 * exactly the variables ResolvedSettings reads (the CLI adds its own {@code VAULT_FORMAT}), and the
 * README and Javadoc rows must give the defaults of {@link ClientSettings}.
 */
class EnvironmentDocsTest {
  private static final Pattern VARIABLE = Pattern.compile("VAULTX?_[A-Z_]+");

  /** The variables ResolvedSettings reads: the VAULT_* and VAULTX_* literals in its source. */
  static Set<String> read() throws IOException {
    String source =
        Files.readString(
            RetryDocsTest.ROOT.resolve(
                "raft-client/src/main/java/io/github/vaultx/raft/internal/ResolvedSettings.java"));
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("\"(VAULTX?_[A-Z_]+)\"").matcher(source);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void builderJavadoc_readme_andCliHelp_nameExactlyTheVariablesTheClientReads() throws IOException {
    Set<String> read = read();
    assertThat(read).contains("VAULT_ADDR", "VAULT_CLIENT_TIMEOUT", "VAULTX_RETRY_BUDGET");
    assertThat(variables(builderTable())).as("VaultRaftClientBuilder Javadoc").isEqualTo(read);
    assertThat(variables(readmeTable())).as("README").isEqualTo(read);
    Set<String> cli = variables(cliFooter());
    cli.remove("VAULT_FORMAT");
    assertThat(cli).as("VaultRaftCli help").isEqualTo(read);
  }

  @Test
  void readmeAndBuilderJavadoc_giveTheDefaultsOfClientSettings() throws IOException {
    String timeout = ClientSettings.DEFAULT_TIMEOUT.toSeconds() + "s";
    String budget = ClientSettings.DEFAULT_RETRY_BUDGET.toSeconds() + "s";
    String retries = String.valueOf(ClientSettings.DEFAULT_MAX_RETRIES);
    List<String> readme = readmeTable().lines().toList();
    assertThat(row(readme, "`VAULT_CLIENT_TIMEOUT`")).endsWith("| " + timeout + " |");
    assertThat(row(readme, "`VAULT_MAX_RETRIES`")).endsWith("| " + retries + " |");
    assertThat(row(readme, "`VAULTX_RETRY_BUDGET`")).endsWith("| " + budget + " |");
    assertThat(row(readme, "`VAULT_ADDR`")).contains("`" + ClientSettings.DEFAULT_ADDRESS + "`");
    String builder = builderTable().replaceAll("\\n\\s*\\*", " ").replaceAll("\\s+", " ");
    assertThat(cell(builder, "VAULT_CLIENT_TIMEOUT")).endsWith("default " + timeout);
    assertThat(cell(builder, "VAULT_MAX_RETRIES")).endsWith("default " + retries);
    assertThat(cell(builder, "VAULTX_RETRY_BUDGET")).endsWith("default " + budget);
    assertThat(cell(builder, "VAULT_ADDR")).contains(ClientSettings.DEFAULT_ADDRESS);
    String javadoc =
        read("raft-client/src/main/java/io/github/vaultx/raft/VaultRaftClientBuilder.java")
            .replaceAll("\\s*\\n\\s*\\*\\s*", " ");
    assertThat(javadoc)
        .contains("default " + ClientSettings.DEFAULT_TIMEOUT.toSeconds() + " seconds")
        .contains("default " + ClientSettings.DEFAULT_RETRY_BUDGET.toSeconds() + " seconds");
  }

  private static String row(List<String> lines, String variable) {
    return lines.stream()
        .filter(l -> l.startsWith("| " + variable))
        .findFirst()
        .orElseThrow(() -> new AssertionError("README has no row for " + variable));
  }

  /** The builder table's meaning cell of {@code variable}, tags removed. */
  private static String cell(String table, String variable) {
    Matcher m =
        Pattern.compile("\\{@code " + variable + "}</td>.*?<td>.*?</td>\\s*<td>(.*?)</td>")
            .matcher(table);
    assertThat(m.find()).as("the builder table has a row for " + variable).isTrue();
    return m.group(1).trim();
  }

  private static Set<String> variables(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  private static String builderTable() throws IOException {
    String source =
        read("raft-client/src/main/java/io/github/vaultx/raft/VaultRaftClientBuilder.java");
    return between(source, "<caption>Environment variables</caption>", "</table>");
  }

  private static String readmeTable() throws IOException {
    return between(read("README.md"), "| variable | meaning | default |", "\n\n");
  }

  private static String cliFooter() throws IOException {
    return between(
        read("raft-cli/src/main/java/io/github/vaultx/raft/cli/VaultRaftCli.java"),
        "Configured like the vault CLI",
        "Exit codes");
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("marker " + start).isNotNegative();
    int to = text.indexOf(end, from + start.length());
    assertThat(to).as("marker " + end).isPositive();
    return text.substring(from, to);
  }

  private static String read(String file) throws IOException {
    return Files.readString(RetryDocsTest.ROOT.resolve(Path.of(file)));
  }
}
