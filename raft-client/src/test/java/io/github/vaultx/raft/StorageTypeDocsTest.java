package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link StorageType} is the code's one list of {@code storage_type} values; every other place that
 * lists them (the spec, the README, docs/agent.md, the agent's Javadoc and refusal) is checked here
 * against it, so adding, renaming or dropping a storage type fails until each copy says the same.
 */
class StorageTypeDocsTest {
  static final Path ROOT =
      Path.of(System.getProperty("vaultx.repo.root", "..")).toAbsolutePath().normalize();

  private static final List<String> ALL = StorageType.wireNames();

  private static final List<String> CLOUD =
      ALL.stream().filter(t -> !t.equals(StorageType.LOCAL.wireName())).toList();

  @Test
  void spec_parameterTable_namesExactlyTheseStorageTypes() throws IOException {
    JsonNode parameters =
        new YAMLMapper()
            .readTree(ROOT.resolve("spec/vault-raft.openapi.yaml").toFile())
            .path("components")
            .path("schemas")
            .path("RaftAutoSnapshotParameters")
            .path("x-vault-parameters");
    Set<String> named = new LinkedHashSet<>();
    String storageTypeDescription = null;
    for (JsonNode row : parameters) {
      row.path("storage_types").forEach(t -> named.add(t.asText()));
      if (row.path("name").asText().equals("storage_type")) {
        storageTypeDescription = row.path("description").asText();
      }
    }
    assertThat(named).containsExactlyInAnyOrderElementsOf(ALL);
    assertThat(storageTypeDescription).isEqualTo(list(ALL, Function.identity(), ", ", " or "));
  }

  @Test
  void spec_loadRaftAutoSnapshot_namesTheCloudTypes() throws IOException {
    assertThat(text("spec/vault-raft.openapi.yaml"))
        .contains(
            "cloud storage configuration ("
                + list(CLOUD, StorageTypeDocsTest::code, ", ", ", ")
                + ")");
  }

  @Test
  void readme_namesEveryStorageType() throws IOException {
    assertThat(text("README.md"))
        .contains("Storage types " + list(ALL, StorageTypeDocsTest::code, ", ", " and ") + ";");
  }

  @Test
  void agentGuide_hasOneTableRowPerStorageType_inOrder() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("docs/agent.md"));
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("| `storage_type` |")) {
        header = i;
      }
    }
    assertThat(header).as("docs/agent.md has the storage type table").isNotNegative();
    List<String> rows =
        lines.subList(header + 2, lines.size()).stream()
            .takeWhile(line -> line.startsWith("|"))
            .map(line -> line.substring(1, line.indexOf('|', 1)).strip())
            .toList();
    assertThat(rows)
        .containsExactlyElementsOf(ALL.stream().map(StorageTypeDocsTest::code).toList());
  }

  @Test
  void agent_javadocAndRefusal_nameEveryStorageType() throws IOException {
    String source =
        text("raft-agent/src/main/java/io/github/vaultx/raft/agent/RaftSnapshotAgent.java")
            .replaceAll("\"\\s*\\+\\s*\"", "");
    assertThat(source)
        .contains(
            "Every storage type is supported ("
                + list(ALL, t -> "{@code " + t + "}", ", ", ", ")
                + ";")
        .contains("storage_type " + list(ALL, Function.identity(), ", ", " or ") + ")");
  }

  /** A document's text, Javadoc's line starts and line breaks taken out. */
  private static String text(String document) throws IOException {
    return Files.readString(ROOT.resolve(document))
        .replaceAll("\\n\\s*\\*\\s*", " ")
        .replaceAll("\\s*\\n\\s*", " ");
  }

  private static String code(String storageType) {
    return "`" + storageType + "`";
  }

  /** {@code a, b, c and d}: every type formatted, the last joined by {@code last}. */
  private static String list(
      List<String> types, Function<String, String> format, String separator, String last) {
    List<String> formatted = types.stream().map(format).toList();
    return formatted.subList(0, formatted.size() - 1).stream()
            .collect(Collectors.joining(separator))
        + last
        + formatted.get(formatted.size() - 1);
  }
}
