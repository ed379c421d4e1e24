package io.github.vaultx.raft.internal.generated;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules the hand-written spec must keep; a broken rule fails the build. */
class SpecLintTest {
  private static final Spec SPEC = Spec.load();
  private static final List<String> ERROR_STATUSES =
      List.of("400", "403", "404", "429", "500", "503");

  static Stream<Spec.Operation> operations() {
    return SPEC.operations().stream();
  }

  @Test
  void spec_describesEveryRaftOperation_andTheRecoveryOfSinglePaths() {
    assertThat(SPEC.operations())
        .extracting(Spec.Operation::operationId)
        .containsExactlyInAnyOrder(
            "joinRaftCluster",
            "readRaftConfiguration",
            "readRaftConfigurationWithDrToken",
            "removeRaftPeer",
            "takeRaftSnapshot",
            "restoreRaftSnapshot",
            "forceRestoreRaftSnapshot",
            "readRaftAutopilotState",
            "readRaftAutopilotConfiguration",
            "updateRaftAutopilotConfiguration",
            "listRaftAutoSnapshotConfigs",
            "readRaftAutoSnapshotConfig",
            "createOrUpdateRaftAutoSnapshotConfig",
            "deleteRaftAutoSnapshotConfig",
            "readRaftAutoSnapshotStatus",
            "promoteRaftPeer",
            "demoteRaftPeer",
            "bootstrapRaftCluster",
            "loadRaftSnapshot",
            "listRaftLoadedSnapshots",
            "readRaftLoadedSnapshot",
            "unloadRaftSnapshot",
            "loadRaftAutoSnapshot",
            "readFromLoadedSnapshot",
            "recoverFromLoadedSnapshot");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void everyOperation_hasIdSummaryDescriptionSuccessAndVaultErrors(Spec.Operation operation) {
    assertThat(operation.operationId()).as("operationId").isNotBlank();
    assertThat((String) operation.body().get("summary")).as("summary").isNotBlank();
    assertThat(operation.responses().keySet())
        .as("responses")
        .containsAll(ERROR_STATUSES)
        .anyMatch(status -> status.startsWith("2"));
    if (operation.operationId().endsWith("FromLoadedSnapshot")) {
      // Recovery applies to a secrets engine's own paths, not to sys/storage/raft.
      assertThat(operation.path()).isEqualTo("/{secret_path}");
    } else {
      assertThat(operation.path()).startsWith("/sys/storage/raft/");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void autoSnapshotAndRecoveryOperations_areMarkedEnterprise_autoSnapshotOnesSudo(
      Spec.Operation operation) {
    boolean autoSnapshot = operation.path().contains("/snapshot-auto/");
    boolean recovery =
        operation.path().contains("/snapshot-load") || operation.path().equals("/{secret_path}");
    assertThat(operation.body().get("x-vault-enterprise"))
        .as(operation.operationId())
        .isEqualTo(autoSnapshot || recovery ? true : null);
    if (autoSnapshot) {
      assertThat(operation.body().get("x-vault-sudo")).isEqualTo(true);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void enterpriseAndSudo_areSaidInTheSummary_whereGeneratedDocsShowThem(Spec.Operation operation) {
    String summary = (String) operation.body().get("summary");
    boolean enterprise = Boolean.TRUE.equals(operation.body().get("x-vault-enterprise"));
    boolean sudo = Boolean.TRUE.equals(operation.body().get("x-vault-sudo"));
    assertThat(summary.contains("Vault Enterprise only")).as(summary).isEqualTo(enterprise);
    assertThat(summary.contains("needs sudo")).as(summary).isEqualTo(sudo);
  }

  @Test
  void listParameter_isABooleanThatCanOnlyBeTrue() {
    Spec.Operation list =
        SPEC.operations().stream()
            .filter(o -> o.operationId().equals("listRaftAutoSnapshotConfigs"))
            .findFirst()
            .orElseThrow();
    Map<String, Object> parameter =
        list.parameters().stream().filter(p -> "list".equals(p.get("name"))).findFirst().get();
    assertThat(parameter).containsEntry("in", "query").containsEntry("required", true);
    assertThat(Spec.map(parameter.get("schema")))
        .containsEntry("type", "boolean")
        .containsEntry("enum", List.of(true));
  }

  @Test
  void serverUrl_isTheVaultAddressVariablePlusTheV1Base() {
    Map<String, Object> server = Spec.map(((List<?>) SPEC.root().get("servers")).get(0));
    assertThat(server).containsEntry("url", "{vault_addr}/v1");
    Map<String, Object> variable = Spec.map(Spec.map(server.get("variables")).get("vault_addr"));
    assertThat((String) variable.get("default")).matches("https?://[^/]+");
  }

  @Test
  @SuppressWarnings("unchecked")
  void namespaceHeader_isAnOptionalSecurityScheme() {
    Map<String, Object> schemes =
        Spec.map(Spec.map(SPEC.root().get("components")).get("securitySchemes"));
    assertThat(Spec.map(schemes.get("VaultNamespace")))
        .containsEntry("type", "apiKey")
        .containsEntry("in", "header")
        .containsEntry("name", "X-Vault-Namespace");
    assertThat((List<Object>) SPEC.root().get("security"))
        .as("token with namespace, or token alone")
        .containsExactly(
            Map.of("VaultToken", List.of(), "VaultNamespace", List.of()),
            Map.of("VaultToken", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void everyOperation_saysHowItMayBeRetried(Spec.Operation operation) {
    assertThat(operation.body().get("x-vault-retry"))
        .as("x-vault-retry")
        .isIn("read", "idempotent-write", "once");
    if (operation.method().equals("get")) {
      assertThat(operation.body().get("x-vault-retry")).as("a GET is a read").isEqualTo("read");
    }
  }

  @Test
  void joinAndBootstrap_areTheOnlyUnauthenticatedOperations_bothAnsweredByTheNodeItself() {
    assertThat(SPEC.operations())
        .filteredOn(o -> o.body().containsKey("security"))
        .extracting(Spec.Operation::operationId)
        .containsExactlyInAnyOrder("joinRaftCluster", "bootstrapRaftCluster");
    assertThat(SPEC.operations())
        .filteredOn(o -> Boolean.TRUE.equals(o.body().get("x-vault-node-local")))
        .extracting(Spec.Operation::operationId)
        .containsExactlyInAnyOrder("joinRaftCluster", "bootstrapRaftCluster");
  }

  @Test
  void openBaoOnlyOperations_sayItInTheSummary() {
    assertThat(SPEC.operations())
        .filteredOn(o -> ((String) o.body().get("summary")).contains("OpenBao 2.2+ only"))
        .extracting(Spec.Operation::operationId)
        .containsExactlyInAnyOrder("promoteRaftPeer", "demoteRaftPeer");
  }

  @Test
  void everySchema_hasAnExample_andNoEnum() {
    for (Map.Entry<String, Object> schema : SPEC.schemas().entrySet()) {
      assertThat(Spec.map(schema.getValue())).as(schema.getKey()).containsKey("example");
      assertThat(Spec.json(schema.getValue())).as(schema.getKey()).doesNotContain("\"enum\"");
    }
  }
}
