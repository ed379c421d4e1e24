package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client's parameter table and the spec's {@code x-vault-parameters} (written from Vault's API
 * documentation) say the same: names, value types, storage types and secrecy.
 */
class AutoSnapshotParameterTest {

  private static JsonNode specParameters() throws IOException {
    Path root = Path.of(System.getProperty("vaultx.repo.root", "..")).toAbsolutePath();
    JsonNode spec =
        new YAMLMapper().readTree(root.resolve("spec/vault-raft.openapi.yaml").toFile());
    return spec.path("components")
        .path("schemas")
        .path("RaftAutoSnapshotParameters")
        .path("x-vault-parameters");
  }

  private static String describe(
      String name, String type, List<String> storageTypes, boolean secret) {
    return name + " " + type + " " + storageTypes + (secret ? " secret" : "");
  }

  @Test
  void table_matchesTheSpecRowForRow() throws IOException {
    List<String> spec = new ArrayList<>();
    for (JsonNode row : specParameters()) {
      List<String> storageTypes = new ArrayList<>();
      if (row.path("storage_types").isTextual()) {
        assertThat(row.path("storage_types").asText()).isEqualTo("all");
        storageTypes.addAll(StorageType.wireNames());
      } else {
        row.path("storage_types").forEach(t -> storageTypes.add(t.asText()));
      }
      spec.add(
          describe(
              row.path("name").asText(),
              row.path("type").asText(),
              storageTypes,
              row.path("secret").asBoolean(false)));
    }
    Map<AutoSnapshotParameter.Kind, String> specType = new LinkedHashMap<>();
    specType.put(AutoSnapshotParameter.Kind.STRING, "string");
    specType.put(AutoSnapshotParameter.Kind.SECRET, "string");
    specType.put(AutoSnapshotParameter.Kind.BOOLEAN, "boolean");
    specType.put(AutoSnapshotParameter.Kind.INTEGER, "integer");
    specType.put(AutoSnapshotParameter.Kind.LONG, "int64");
    specType.put(AutoSnapshotParameter.Kind.SECONDS, "duration");
    List<String> table =
        Arrays.stream(AutoSnapshotParameter.values())
            .map(
                p ->
                    describe(
                        p.wireName(),
                        specType.get(p.kind()),
                        StorageType.wireNames().stream().filter(p::appliesTo).toList(),
                        p.secret()))
            .toList();

    assertThat(spec).hasSize(29).containsExactlyElementsOf(table);
  }

  @Test
  void everyParameterTheSpecRequires_isRequiredOnRead() throws IOException {
    Map<String, Map<String, Object>> minimal = new LinkedHashMap<>();
    minimal.put("local", Map.of("local_max_space", 0));
    minimal.put("aws-s3", Map.of("aws_s3_bucket", "b", "aws_s3_region", "r"));
    minimal.put("google-gcs", Map.of("google_gcs_bucket", "b"));
    minimal.put("azure-blob", Map.of("azure_container_name", "c"));
    int checked = 0;
    for (JsonNode row : specParameters()) {
      if (!row.path("required").asBoolean(false)) {
        continue;
      }
      String name = row.path("name").asText();
      for (Map.Entry<String, Map<String, Object>> type : minimal.entrySet()) {
        Map<String, Object> wire = new LinkedHashMap<>(type.getValue());
        wire.put("storage_type", type.getKey());
        wire.put("interval", 60);
        wire.put("path_prefix", "p/");
        assertThat(AutoSnapshotCodec.fromWire(wire).storageType()).isEqualTo(type.getKey());
        if (wire.remove(name) != null) {
          assertThatThrownBy(() -> AutoSnapshotCodec.fromWire(wire))
              .as(name + " for " + type.getKey())
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessage(name + " must be set");
          checked++;
        }
      }
    }
    assertThat(checked).as("required parameters checked").isEqualTo(17);
  }
}
