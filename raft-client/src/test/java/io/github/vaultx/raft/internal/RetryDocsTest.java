package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The retry facts readers see are rendered here from {@link Operation} (the code's copy of the
 * spec's {@code x-vault-retry}, checked by OperationSpecTest) and the spec's paths, and written
 * into the documents between {@code <!-- generated:NAME -->} and {@code <!-- /generated:NAME -->}:
 * the table of docs/reliability.md, the list of calls sent once in the README and ADR 5, and the
 * sentence that defines "retryable failures" (from {@link ResiliencePolicy#RETRYABLE_STATUSES}) in
 * the README, docs/reliability.md and ADR 5. A test fails when a document is stale; {@code
 * -Dvaultx.docs.write=true} rewrites it. The VaultRaftClient Javadoc keeps a hand-written table and
 * sentence (google-java-format owns that file), checked row by row and word for word.
 */
class RetryDocsTest {
  /** What the client retries a sent-once call on: {@link ResiliencePolicy#retryable}. */
  static final String SENT_ONCE =
      "only what proves Vault did not act: a refused, unroutable or unknown host, a standby's 307";

  static final String RETRYABLE = "retryable failures";

  static final String SNAPSHOT_DOWNLOAD =
      "retryable failures before the body starts; never once bytes were written";

  static final String FAILS_OVER_READ =
      "refused/unroutable/unknown host, connect timeout, any timeout, sealed, standby, open circuit";

  static final String FAILS_OVER_ONCE =
      "refused/unroutable/unknown host, connect timeout, sealed, a standby's 307, open circuit";

  static final String FAILS_OVER_NODE_LOCAL = "never: only the addressed node can serve it";

  static final Path ROOT =
      Path.of(System.getProperty("vaultx.repo.root", "..")).toAbsolutePath().normalize();

  static final boolean WRITE = Boolean.getBoolean("vaultx.docs.write");

  @Test
  void reliabilityTable_isRenderedFromOperationAndTheSpec() throws IOException {
    checkOrWrite("docs/reliability.md", "retry-table", retryTable());
  }

  @Test
  void readmeAndAdr5_listEveryCallSentOnce() throws IOException {
    for (String document : List.of("README.md", "docs/adr/0005-retry-only-what-is-idempotent.md")) {
      checkOrWrite(document, "sent-once", sentOnceList());
    }
  }

  @Test
  void readmeReliabilityAndAdr5_defineRetryableFailuresAsTheCodeDoes() throws IOException {
    for (String document :
        List.of(
            "README.md", "docs/reliability.md", "docs/adr/0005-retry-only-what-is-idempotent.md")) {
      checkOrWrite(document, "retryable-failures", retryableFailures() + "\n");
    }
  }

  @Test
  void javadoc_definesRetryableFailuresAsTheCodeDoes() throws IOException {
    String javadoc =
        retryableFailures().replaceAll("`([^`]+)`", "{@code $1}").replaceAll("\\s+", " ");
    assertThat(javadocText()).contains(javadoc);
  }

  @Test
  void retryableFailures_nameTheStatusesTheCodeRetries() {
    assertThat(retryableFailures())
        .contains(
            ResiliencePolicy.RETRYABLE_STATUSES.stream()
                .map(String::valueOf)
                .toArray(String[]::new));
    for (int status = 400; status < 600; status++) {
      if (!ResiliencePolicy.RETRYABLE_STATUSES.contains(status)) {
        assertThat(retryableFailures()).as("%d", status).doesNotContain(String.valueOf(status));
      }
    }
  }

  /**
   * The sentence that defines "retryable failures", from {@link
   * ResiliencePolicy#RETRYABLE_STATUSES}; 429's {@code Retry-After} and 503's sealed exception are
   * ResiliencePolicy's own special cases.
   */
  static String retryableFailures() {
    List<String> statuses =
        ResiliencePolicy.RETRYABLE_STATUSES.stream()
            .map(
                status ->
                    switch (status) {
                      case 429 -> "429 (honouring `Retry-After`)";
                      case 503 -> "503 other than \"Vault is sealed\"";
                      default -> String.valueOf(status);
                    })
            .toList();
    return "\"Retryable failures\" are no usable answer (I/O error, reset, any timeout) and the"
        + " statuses "
        + String.join(", ", statuses.subList(0, statuses.size() - 1))
        + " and "
        + statuses.get(statuses.size() - 1)
        + "; no other status is retried.";
  }

  @Test
  void renderedTable_hasOneRowPerOperation() {
    List<String> rows = retryTable().lines().filter(l -> l.startsWith("| `")).toList();
    assertThat(rows).hasSize(Operation.values().length).doesNotHaveDuplicates();
  }

  /** The table of docs/reliability.md, one row per {@link Operation}. */
  static String retryTable() {
    Map<String, String> endpoints = endpoints();
    Set<String> openBaoOnly = openBaoOnly();
    StringBuilder table = new StringBuilder();
    table.append(
        "| Operation | Vault endpoint | Safe to repeat? | Retried on | Fails over to the next"
            + " address on |\n");
    table.append("| --- | --- | --- | --- | --- |\n");
    for (Operation operation : Operation.values()) {
      String label = "`" + operation.publicName + "`";
      if (operation.operationId().contains("DrToken")) {
        label += " (DR operation token)";
      }
      table
          .append("| ")
          .append(label)
          .append(" | `")
          .append(endpoints.get(operation.operationId()))
          .append("`")
          .append(servedBy(operation, openBaoOnly))
          .append(" | ")
          .append(safe(operation))
          .append(" | ")
          .append(retriedOn(operation))
          .append(" | ")
          .append(failsOver(operation))
          .append(" |\n");
    }
    return table.toString();
  }

  /** The calls sent once, for the README and ADR 5. */
  static String sentOnceList() {
    return Arrays.stream(Operation.values())
            .filter(Operation::sentOnce)
            .map(o -> "`" + o.publicName + "`")
            .distinct()
            .collect(Collectors.joining(", "))
        + "\n";
  }

  /** Who serves an operation that not every server does: the spec's extensions. */
  private static String servedBy(Operation operation, Set<String> openBaoOnly) {
    if (openBaoOnly.contains(operation.operationId())) {
      return " (OpenBao)";
    }
    return operation.has(Operation.Trait.ENTERPRISE) ? " (Enterprise)" : "";
  }

  private static String safe(Operation operation) {
    if (operation.has(Operation.Trait.DOWNLOADS_SNAPSHOT)) {
      return "yes, until the first body byte";
    }
    return switch (operation.retryClass) {
      case READ -> "yes (read)";
      case IDEMPOTENT_WRITE -> "yes (repeating leaves the same state)";
      case ONCE -> "no (acts on the cluster each time)";
    };
  }

  private static String retriedOn(Operation operation) {
    if (operation.sentOnce()) {
      return SENT_ONCE;
    }
    return operation.has(Operation.Trait.DOWNLOADS_SNAPSHOT) ? SNAPSHOT_DOWNLOAD : RETRYABLE;
  }

  private static String failsOver(Operation operation) {
    if (operation.has(Operation.Trait.NODE_LOCAL)) {
      return FAILS_OVER_NODE_LOCAL;
    }
    return operation.sentOnce() ? FAILS_OVER_ONCE : FAILS_OVER_READ;
  }

  /** The operationIds the spec marks {@code x-vault-openbao-only}. */
  static Set<String> openBaoOnly() {
    Set<String> ids = new HashSet<>();
    for (JsonNode operation : spec().path("paths").findParents("operationId")) {
      if (operation.path("x-vault-openbao-only").asBoolean()) {
        ids.add(operation.path("operationId").asText());
      }
    }
    return ids;
  }

  private static JsonNode spec() {
    try {
      return new YAMLMapper().readTree(ROOT.resolve("spec/vault-raft.openapi.yaml").toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@code operationId -> "METHOD /v1/path"} from the spec, with Vault's own verbs. */
  static Map<String, String> endpoints() {
    JsonNode spec = spec();
    Map<String, String> endpoints = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
          methods.hasNext(); ) {
        Map.Entry<String, JsonNode> method = methods.next();
        JsonNode operation = method.getValue();
        if (!operation.has("operationId")) {
          continue;
        }
        String verb =
            operation.path("x-vault-method").asText(method.getKey().toUpperCase(Locale.ROOT));
        boolean list =
            operation.path("parameters").findValuesAsText("name").contains("list")
                || operation.path("operationId").asText().startsWith("list");
        endpoints.put(
            operation.path("operationId").asText(),
            verb + " /v1" + path.getKey() + (list ? "?list=true" : ""));
      }
    }
    return endpoints;
  }

  /** Replaces the text between the markers, or fails when it differs and writing is off. */
  static void checkOrWrite(String document, String name, String rendered) throws IOException {
    Path file = ROOT.resolve(document);
    String text = Files.readString(file);
    Matcher block =
        Pattern.compile(
                "(<!-- generated:" + name + " -->\n)(.*?)(<!-- /generated:" + name + " -->)",
                Pattern.DOTALL)
            .matcher(text);
    assertThat(block.find())
        .as(document + " has the markers <!-- generated:" + name + " --> ... <!-- /generated --> ")
        .isTrue();
    if (WRITE) {
      Files.writeString(
          file, text.substring(0, block.start(2)) + rendered + text.substring(block.end(2)));
      return;
    }
    assertThat(block.group(2))
        .as(document + " is stale; run RetryDocsTest with -Dvaultx.docs.write=true")
        .isEqualTo(rendered);
  }

  /** VaultRaftClient's source with each Javadoc line's {@code *} and the line breaks taken out. */
  private static String javadocText() throws IOException {
    return Files.readString(
            ROOT.resolve("raft-client/src/main/java/io/github/vaultx/raft/VaultRaftClient.java"))
        .replaceAll("\\n\\s*\\*\\s*", " ");
  }

  @Test
  void javadocTable_hasOneRowPerOperation_asItsRetryClassSays() throws IOException {
    String source = javadocText();
    Matcher rows =
        Pattern.compile(
                "<tr><td>\\{@link #(\\w+)\\(([^)]*)\\).*?</td>\\s*<td>(.*?)</td>\\s*<td>(.*?)</td>")
            .matcher(source);
    List<Operation> seen = new ArrayList<>();
    while (rows.find()) {
      Operation operation = byJavadocRow(rows.group(1), rows.group(2));
      seen.add(operation);
      if (operation.sentOnce()) {
        assertThat(rows.group(3)).as(operation.publicName).isEqualTo("no");
        assertThat(rows.group(4)).as(operation.publicName).isEqualTo(SENT_ONCE);
      } else {
        assertThat(rows.group(3)).as(operation.publicName).matches("yes.*|until the first byte");
        assertThat(rows.group(4)).as(operation.publicName).startsWith(RETRYABLE);
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(Operation.values());
  }

  /** The operation a Javadoc row names; a row whose link takes a DrOperationToken is its own. */
  private static Operation byJavadocRow(String name, String parameters) {
    List<Operation> named =
        Arrays.stream(Operation.values()).filter(o -> o.publicName.equals(name)).toList();
    if (named.isEmpty()) {
      throw new AssertionError("the Javadoc table names " + name + ", which is no operation");
    }
    boolean dr = parameters.contains("DrOperationToken");
    return named.stream()
        .filter(o -> o.operationId().contains("DrToken") == dr || named.size() == 1)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no operation for " + name + "(" + parameters + ")"));
  }
}
