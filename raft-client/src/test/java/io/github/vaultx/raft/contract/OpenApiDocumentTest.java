package io.github.vaultx.raft.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The response validator: our spec's schemas, as JSON Schema, against bodies a server sent. */
class OpenApiDocumentTest {
  /** GET sys/storage/raft/configuration as OpenBao 2.7.2 answered it (captures/cases). */
  static final String CONFIGURATION =
      """
      {"request_id":"1a7a66dc-d17f-5f25-ae08-4e79c2d00431","lease_id":"","renewable":false,
       "lease_duration":0,"data":{"config":{"servers":[{"node_id":"node1",
       "address":"127.0.0.1:8211","leader":true,"protocol_version":"3","voter":true}],
       "index":0}},"wrap_info":null,"warnings":null,"auth":null}
      """;

  @TempDir Path temp;

  @Test
  void validateResponse_aRealConfigurationAnswer_conforms() {
    assertThat(OpenApiDocument.spec().validateResponse("readRaftConfiguration", 200, CONFIGURATION))
        .isEmpty();
  }

  @Test
  void validateResponse_unknownFields_areAllowed() {
    String withExtra = CONFIGURATION.replace("\"index\":0", "\"index\":0,\"new_field\":{}");
    assertThat(OpenApiDocument.spec().validateResponse("readRaftConfiguration", 200, withExtra))
        .isEmpty();
  }

  @Test
  void validateResponse_aWrongTypeInTheAnswer_isReported() {
    String wrong = CONFIGURATION.replace("\"leader\":true", "\"leader\":\"yes\"");
    assertThat(OpenApiDocument.spec().validateResponse("readRaftConfiguration", 200, wrong))
        .singleElement()
        .asString()
        .contains("leader")
        .contains("boolean");
  }

  @Test
  void validateResponse_nullForANonNullableField_isReported() {
    String wrong = CONFIGURATION.replace("\"lease_id\":\"\"", "\"lease_id\":null");
    assertThat(OpenApiDocument.spec().validateResponse("readRaftConfiguration", 200, wrong))
        .singleElement()
        .asString()
        .contains("lease_id");
  }

  @Test
  void validateResponse_withIndexAsStringInACopyOfTheSpec_catchesTheRealAnswer()
      throws IOException {
    JsonNode spec = OpenApiDocument.spec().root().deepCopy();
    ObjectNode index =
        (ObjectNode) spec.at("/components/schemas/RaftConfiguration/properties/index");
    assertThat(index.path("type").asText()).isEqualTo("integer");
    index.put("type", "string").remove("format");
    Path broken = temp.resolve("broken.openapi.yaml");
    Files.writeString(broken, OpenApiDocument.YAML.writeValueAsString(spec));

    assertThat(
            OpenApiDocument.load(broken)
                .validateResponse("readRaftConfiguration", 200, CONFIGURATION))
        .singleElement()
        .asString()
        .contains("index")
        .contains("string");
  }

  @Test
  void validateResponse_errorBodies_matchTheSharedErrorSchema() {
    assertThat(
            OpenApiDocument.spec()
                .validateResponse(
                    "listRaftAutoSnapshotConfigs",
                    404,
                    "{\"errors\":[\"1 error occurred:\\n\\t* unsupported path\\n\\n\"]}"))
        .isEmpty();
    assertThat(
            OpenApiDocument.spec()
                .validateResponse("listRaftAutoSnapshotConfigs", 404, "{\"errors\":\"nope\"}"))
        .isNotEmpty();
  }
}
