package io.github.vaultx.raft.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.testing.ServerFlavour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drift comparison, on small server descriptions shaped like Vault's and OpenBao's. */
class SpecDriftTest {
  static final OpenApiDocument SPEC = OpenApiDocument.spec();

  static OpenApiDocument server(String paths) {
    return OpenApiDocument.yaml(
        """
        openapi: 3.0.2
        paths:
        %s
        components:
          schemas:
            RemovePeer:
              type: object
              properties:
                server_id: {type: string}
            AutoSnapshot:
              type: object
              properties:
                interval: {type: string}
                storage_type: {type: string}
                brand_new_option: {type: string}
        """
            .formatted(paths.indent(2)));
  }

  @Test
  void operations_vaultStyleListAndPathParameterNames_areNormalised() {
    OpenApiDocument server =
        server(
            """
            /sys/storage/raft/snapshot-auto/config/:
              get:
                parameters:
                  - {name: list, in: query, required: true, schema: {type: string, enum: ["true"]}}
            /sys/storage/raft/snapshot-auto/config/{config_name}:
              parameters:
                - {name: config_name, in: path, required: true, schema: {type: string}}
              get: {}
              put:
                requestBody:
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/AutoSnapshot'}
              delete: {}
            """);

    assertThat(SpecDrift.operations(server))
        .containsOnlyKeys(
            "LIST /sys/storage/raft/snapshot-auto/config",
            "GET /sys/storage/raft/snapshot-auto/config/{}",
            "POST /sys/storage/raft/snapshot-auto/config/{}",
            "DELETE /sys/storage/raft/snapshot-auto/config/{}");
  }

  @Test
  void compare_aNewParameterAndANewPath_areReportedUnlessExcluded() {
    OpenApiDocument server =
        server(
            """
            /sys/storage/raft/remove-peer:
              post:
                requestBody:
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/RemovePeer'}
            /sys/storage/raft/snapshot-auto/config/{name}:
              post:
                requestBody:
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/AutoSnapshot'}
            /sys/storage/raft/brand-new-endpoint:
              post: {}
            """);

    SpecDrift.Report report = SpecDrift.compare(server, SPEC, Map.of());
    assertThat(report.unexplained())
        .containsExactlyInAnyOrder(
            "the server's POST /sys/storage/raft/snapshot-auto/config/{} takes parameter"
                + " brand_new_option; the spec does not",
            "the server serves POST /sys/storage/raft/brand-new-endpoint; the spec does not have it");

    SpecDrift.Report excused =
        SpecDrift.compare(
            server,
            SPEC,
            Map.of(
                "/sys/storage/raft/brand-new-endpoint", "not yet",
                "POST /sys/storage/raft/snapshot-auto/config/{} brand_new_option", "not yet"));
    assertThat(excused.unexplained()).isEmpty();
    assertThat(excused.excused()).hasSize(2);
  }

  @Test
  void exclusions_theCommittedFile_givesEveryEntryAReason() {
    for (ServerFlavour flavour : ServerFlavour.values()) {
      assertThat(
              SpecDrift.exclusions(
                  OpenApiDocument.repoRoot().resolve("spec/server-drift-exclusions.yaml"),
                  flavour.key()))
          .as(flavour.key())
          .containsKey("/sys/storage/raft/bootstrap/challenge")
          .allSatisfy((key, reason) -> assertThat(reason).isNotBlank().doesNotContain("\n"));
    }
  }

  @Test
  void exclusions_perServer_applyOnlyToThatServer(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("exclusions.yaml"),
            """
            exclusions:
              /sys/storage/raft/bootstrap/challenge: handshake
            openbao:
              /sys/storage/raft/brand-new-endpoint: OpenBao only
            vault: {}
            """);
    assertThat(SpecDrift.exclusions(file, "openbao"))
        .containsKeys(
            "/sys/storage/raft/brand-new-endpoint", "/sys/storage/raft/bootstrap/challenge");
    assertThat(SpecDrift.exclusions(file, "vault"))
        .containsKey("/sys/storage/raft/bootstrap/challenge")
        .doesNotContainKey("/sys/storage/raft/brand-new-endpoint");
  }

  @Test
  void exclusions_theCommittedFile_excusesOnlyTheJoinHandshake() {
    Path file = OpenApiDocument.repoRoot().resolve("spec/server-drift-exclusions.yaml");
    for (ServerFlavour flavour : ServerFlavour.values()) {
      assertThat(SpecDrift.exclusions(file, flavour.key()).keySet())
          .as(flavour.key())
          .containsExactlyInAnyOrder(
              "/sys/storage/raft/bootstrap/challenge", "/sys/storage/raft/bootstrap/answer");
    }
  }

  @Test
  void compare_theSpecAgainstItself_hasNoDrift() {
    assertThat(SpecDrift.compare(SPEC, SPEC, Map.of()).unexplained()).isEmpty();
  }
}
