package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.internal.MockVault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input is refused with an IllegalArgumentException before any request is sent. */
@ParameterizedClass
@EnumSource(ClientKind.class)
class InputValidationTest {
  @RegisterExtension final MockVault vault;

  InputValidationTest(ClientKind kind) {
    vault = MockVault.create().clients(kind);
  }

  @AfterEach
  void nothingWasSent() {
    assertThat(vault.server().getRequestCount()).as("requests that reached the server").isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a/b",
        "..",
        "a..b",
        "x?list=true",
        "x#y",
        "%2F",
        "a b",
        "tab\tname",
        "line\nbreak",
        "\u0000",
        "."
      })
  void autoSnapshotNames_thatCouldReachAnotherPath_areRejected(String name) {
    String rule =
        "name must not be '.' or contain '/', '\\', '..', '?', '#', '%', whitespace or control"
            + " characters";
    assertThatThrownBy(() -> vault.client().readRaftAutoSnapshotStatus(name)).hasMessage(rule);
    assertThatThrownBy(() -> vault.client().readRaftAutoSnapshotConfig(name)).hasMessage(rule);
    assertThatThrownBy(() -> vault.client().deleteRaftAutoSnapshotConfig(name)).hasMessage(rule);
    assertThatThrownBy(
            () ->
                vault
                    .client()
                    .createOrUpdateRaftAutoSnapshotConfig(
                        name, AutoSnapshotConfig.local(Duration.ofHours(1), "/b", 0).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(rule);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void blankNamesAndIds_areRejected(String blank) {
    assertThatThrownBy(() -> vault.client().readRaftAutoSnapshotConfig(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank");
    assertThatThrownBy(() -> vault.client().removeRaftNode(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nodeId must not be blank");
  }

  @Test
  void nullArguments_areRejectedNamingTheParameter() {
    assertThatThrownBy(() -> vault.client().removeRaftNode(null))
        .hasMessage("nodeId must not be blank");
    assertThatThrownBy(() -> vault.client().updateRaftAutopilotConfig(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("config must not be null");
    assertThatThrownBy(() -> vault.client().createOrUpdateRaftAutoSnapshotConfig("daily", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("config must not be null");
    assertThatThrownBy(() -> vault.client().joinRaftCluster((RaftJoinRequest) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("request must not be null");
    assertThatThrownBy(() -> vault.client().takeRaftSnapshot((Path) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("target must not be null");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "vault-0:8200", "ftp://vault-0", "https://", "not a url", "file:///etc"})
  void leaderApiAddr_mustBeAnHttpUrl(String address) {
    assertThatThrownBy(() -> vault.client().joinRaftCluster(address))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("leaderApiAddr must be an http or https URL");
  }

  @Test
  void badAutoSnapshotConfig_isRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> AutoSnapshotConfig.local(Duration.ofHours(1), "/b", 0).retain(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retain must not be negative");
    assertThatThrownBy(() -> AutoSnapshotConfig.local(Duration.ofHours(1), "", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pathPrefix must not be blank");
    assertThatThrownBy(
            () ->
                vault
                    .client()
                    .createOrUpdateRaftAutoSnapshotConfig(
                        "daily",
                        AutoSnapshotConfig.fromVaultParameters(
                            Map.of(
                                "storage_type",
                                "local",
                                "interval",
                                "5 hours",
                                "path_prefix",
                                "/b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("interval must be a duration");
  }

  @Test
  void builderSettings_areChecked() {
    assertThatThrownBy(() -> VaultRaftClient.builder().address("vault:8200"))
        .hasMessage("address must be an http or https URL with a host");
    assertThatThrownBy(() -> VaultRaftClient.builder().maxRetries(-1))
        .hasMessage("maxRetries must not be negative");
    assertThatThrownBy(() -> VaultRaftClient.builder().retryBudget(Duration.ofSeconds(-1)))
        .hasMessage("retryBudget must not be negative");
    assertThatThrownBy(() -> VaultRaftClient.builder().timeout(Duration.ZERO))
        .hasMessage("timeout must be positive");
    assertThatThrownBy(() -> VaultRaftClient.builder().addresses(java.util.List.of()))
        .hasMessage("addresses must not be empty");
  }
}
