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
  void token_isTheOnlySecurityScheme() {
    Map<String, Object> schemes =
        Spec.map(Spec.map(SPEC.root().get("components")).get("securitySchemes"));
    assertThat(schemes).containsOnlyKeys("VaultToken");
    assertThat(Spec.map(schemes.get("VaultToken")))
        .containsEntry("type", "apiKey")
        .containsEntry("in", "header")
        .containsEntry("name", "X-Vault-Token");
    assertThat(SPEC.root().get("security")).isEqualTo(List.of(Map.of("VaultToken", List.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void namespace_isTheOneOptionalHeaderParameter_ofEveryOperationThatTakesAToken(
      Spec.Operation operation) {
    // A generator fills one API key for every scheme it is given, so the namespace as a second
    // scheme went out carrying the token; as a parameter it is its own per-call setting.
    List<Map<String, Object>> namespaces =
        operation.parameters().stream()
            .filter(p -> "X-Vault-Namespace".equals(p.get("name")))
            .toList();
    if (nodeLocal(operation)) {
      assertThat(namespaces).as("a node-local call without a token has no namespace").isEmpty();
      return;
    }
    assertThat(namespaces).hasSize(1);
    assertThat(namespaces.get(0))
        .containsEntry("in", "header")
        .containsEntry("required", false)
        .containsEntry("x-vault-client-setting", true);
    assertThat(rawParameterRefs(operation)).contains("#/components/parameters/Namespace");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void aTokenParameter_comesWithoutASecurityScheme_soNoGeneratedClientReplacesIt(
      Spec.Operation operation) {
    boolean tokenParameter =
        operation.parameters().stream()
            .anyMatch(p -> "header".equals(p.get("in")) && "X-Vault-Token".equals(p.get("name")));
    if (tokenParameter) {
      // Generated clients set the scheme's header after the parameters (TypeScript, Python, Go
      // overwrite it, Rust sends it twice): only an operation without a scheme sends the value
      // given.
      assertThat(operation.body().get("security")).isEqualTo(List.of());
      assertThat(
              operation.parameters().stream()
                  .filter(p -> "X-Vault-Token".equals(p.get("name")))
                  .findFirst()
                  .orElseThrow())
          .containsEntry("required", true);
    }
    if (List.of().equals(operation.body().get("security"))) {
      assertThat(tokenParameter || nodeLocal(operation))
          .as("an operation without a scheme takes its token as a parameter or none at all")
          .isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void anotherMethodThanTheOneWritten_keepsTheOperationOutOfGeneratedClients(
      Spec.Operation operation) {
    // Generators ignore x-vault-method and would send the written POST: on a server without
    // recovery an ordinary write. x-internal makes every generator leave the operation out; the
    // Java build turns it off (REMOVE_X_INTERNAL) because its template sends the method named.
    Object method = operation.body().get("x-vault-method");
    assertThat(operation.body().get("x-internal"))
        .as("x-internal")
        .isEqualTo(method != null ? true : null);
    if (method != null) {
      assertThat((String) operation.body().get("description")).contains("x-internal");
    }
  }

  @Test
  void infoDescription_isShort_andTheConventionsAreKeptBesideIt() {
    Map<String, Object> info = Spec.map(SPEC.root().get("info"));
    // Generators copy info.description into package metadata (Rust's Cargo.toml, npm's README).
    assertThat((String) info.get("description"))
        .hasSizeLessThan(400)
        .contains("x-vault-conventions");
    assertThat((String) info.get("x-vault-conventions"))
        .contains("X-Vault-Namespace", "x-vault-method", "x-internal", "DR operation token");
  }

  private static boolean nodeLocal(Spec.Operation operation) {
    return Boolean.TRUE.equals(operation.body().get("x-vault-node-local"));
  }

  private static List<Object> rawParameterRefs(Spec.Operation operation) {
    List<?> raw = (List<?>) operation.body().getOrDefault("parameters", List.of());
    return raw.stream().map(p -> Spec.map(p).get("$ref")).toList();
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
        .containsExactlyInAnyOrder(
            "joinRaftCluster",
            "bootstrapRaftCluster",
            // These two take their token as a parameter (a DR operation token on a DR secondary).
            "readRaftAutopilotState",
            "readRaftAutopilotConfiguration");
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
