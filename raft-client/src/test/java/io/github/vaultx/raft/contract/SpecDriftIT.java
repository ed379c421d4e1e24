package io.github.vaultx.raft.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.testing.SysApi;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds spec/vault-raft.openapi.yaml against the running server: what the server says it serves
 * ({@code GET /v1/sys/internal/specs/openapi}) must be in the spec or explained in
 * spec/server-drift-exclusions.yaml, and what it actually answers must fit the spec's schemas.
 */
class SpecDriftIT {
  private static final SysApi SYS = SysApi.create();
  private static ServerUnderTest server;

  @BeforeAll
  static void startServer() {
    server = ServerUnderTest.start(System.getenv());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void serverRaftPaths_areAllInTheSpecOrExplained() {
    String description =
        SYS.ok("GET", server.active(), "sys/internal/specs/openapi", server.token(), null);
    OpenApiDocument served = OpenApiDocument.yaml(description);
    assertThat(SpecDrift.operations(served))
        .as("the server lists no raft paths: is it Raft-backed?")
        .isNotEmpty();

    Map<String, String> exclusions =
        SpecDrift.exclusions(
            OpenApiDocument.repoRoot().resolve("spec/server-drift-exclusions.yaml"),
            server.flavour().key());
    SpecDrift.Report report = SpecDrift.compare(served, OpenApiDocument.spec(), exclusions);

    System.out.println("spec drift against " + server.description() + ":");
    report
        .excused()
        .forEach((key, reason) -> System.out.println("  excluded " + key + ": " + reason));
    report.unused().forEach(key -> System.out.println("  exclusion not needed here: " + key));
    report.unexplained().forEach(d -> System.out.println("  DRIFT " + d));
    assertThat(report.unexplained())
        .as(
            "the server has these and spec/vault-raft.openapi.yaml lacks them; add them to the spec"
                + " or explain them in spec/server-drift-exclusions.yaml")
        .isEmpty();
  }

  @Test
  void everyOpenSourceJsonAnswer_fitsTheSpecsSchema() {
    List<String> problems = new ArrayList<>();
    for (URI node : List.of(server.active(), server.standby())) {
      check(problems, node, "readRaftConfiguration", "sys/storage/raft/configuration", 200);
      check(problems, node, "readRaftAutopilotState", "sys/storage/raft/autopilot/state", 200);
      check(
          problems,
          node,
          "readRaftAutopilotConfiguration",
          "sys/storage/raft/autopilot/configuration",
          200);
    }
    if (!server.enterprise()) {
      check(
          problems,
          server.active(),
          "listRaftAutoSnapshotConfigs",
          "sys/storage/raft/snapshot-auto/config?list=true",
          404);
    }
    SysApi.Response denied =
        SYS.send("GET", server.active(), "sys/storage/raft/configuration", "not-a-token", null);
    problems.addAll(
        prefix(
            "readRaftConfiguration 403",
            OpenApiDocument.spec().validateResponse("readRaftConfiguration", 403, denied.body())));

    problems.forEach(p -> System.out.println("  SCHEMA " + p));
    assertThat(problems).as("answers that do not fit the spec's schemas").isEmpty();
  }

  private static void check(
      List<String> problems, URI node, String operationId, String path, int status) {
    SysApi.Response answer = SYS.send("GET", node, path, server.token(), null);
    String where = operationId + " on " + node;
    if (answer.status() != status) {
      problems.add(where + ": expected " + status + ", got " + answer.status());
      return;
    }
    problems.addAll(
        prefix(where, OpenApiDocument.spec().validateResponse(operationId, status, answer.body())));
  }

  private static List<String> prefix(String where, List<String> messages) {
    return messages.stream().map(m -> where + ": " + m).toList();
  }
}
