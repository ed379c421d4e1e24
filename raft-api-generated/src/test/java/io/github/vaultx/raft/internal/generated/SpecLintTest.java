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
  void spec_describesAllFourteenRaftOperations() {
    assertThat(SPEC.operations())
        .extracting(Spec.Operation::operationId)
        .containsExactlyInAnyOrder(
            "joinRaftCluster",
            "readRaftConfiguration",
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
            "readRaftAutoSnapshotStatus");
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
    assertThat(operation.path()).startsWith("/sys/storage/raft/");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void autoSnapshotOperations_areMarkedEnterpriseAndSudo(Spec.Operation operation) {
    boolean autoSnapshot = operation.path().contains("/snapshot-auto/");
    assertThat(operation.body().get("x-vault-enterprise")).isEqualTo(autoSnapshot ? true : null);
    if (autoSnapshot) {
      assertThat(operation.body().get("x-vault-sudo")).isEqualTo(true);
    }
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
  void join_isTheOnlyUnauthenticatedOperation() {
    assertThat(SPEC.operations())
        .filteredOn(o -> o.body().containsKey("security"))
        .extracting(Spec.Operation::operationId)
        .containsExactly("joinRaftCluster");
  }

  @Test
  void everySchema_hasAnExample_andNoEnum() {
    for (Map.Entry<String, Object> schema : SPEC.schemas().entrySet()) {
      assertThat(Spec.map(schema.getValue())).as(schema.getKey()).containsKey("example");
      assertThat(Spec.json(schema.getValue())).as(schema.getKey()).doesNotContain("\"enum\"");
    }
  }
}
