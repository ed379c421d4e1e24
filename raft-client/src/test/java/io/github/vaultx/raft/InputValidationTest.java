package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input is refused with an IllegalArgumentException before any request is sent. */
class InputValidationTest {
  @TempDir Path home;
  MockWebServer server;
  VaultRaftClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client =
        VaultRaftClient.builder()
            .environment(Map.of("HOME", home.toString()))
            .address(server.url("/").toString())
            .token("t")
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    assertThat(server.getRequestCount()).as("requests that reached the server").isZero();
    server.shutdown();
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
    assertThatThrownBy(() -> client.readRaftAutoSnapshotStatus(name)).hasMessage(rule);
    assertThatThrownBy(() -> client.readRaftAutoSnapshotConfig(name)).hasMessage(rule);
    assertThatThrownBy(() -> client.deleteRaftAutoSnapshotConfig(name)).hasMessage(rule);
    assertThatThrownBy(
            () ->
                client.createOrUpdateRaftAutoSnapshotConfig(
                    name, AutoSnapshotConfig.local(Duration.ofHours(1), "/b", 0).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(rule);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void blankNamesAndIds_areRejected(String blank) {
    assertThatThrownBy(() -> client.readRaftAutoSnapshotConfig(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank");
    assertThatThrownBy(() -> client.removeRaftNode(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("serverId must not be blank");
  }

  @Test
  void nullArguments_areRejectedNamingTheParameter() {
    assertThatThrownBy(() -> client.removeRaftNode(null)).hasMessage("serverId must not be blank");
    assertThatThrownBy(() -> client.updateRaftAutopilotConfig(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("config must not be null");
    assertThatThrownBy(() -> client.createOrUpdateRaftAutoSnapshotConfig("daily", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("config must not be null");
    assertThatThrownBy(() -> client.joinRaftCluster((RaftJoinRequest) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("request must not be null");
    assertThatThrownBy(() -> client.takeRaftSnapshot((Path) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("target must not be null");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "vault-0:8200", "ftp://vault-0", "https://", "not a url", "file:///etc"})
  void leaderApiAddr_mustBeAnHttpUrl(String address) {
    assertThatThrownBy(() -> client.joinRaftCluster(address))
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
                client.createOrUpdateRaftAutoSnapshotConfig(
                    "daily",
                    AutoSnapshotConfig.fromVaultParameters(
                        Map.of(
                            "storage_type", "local", "interval", "5 hours", "path_prefix", "/b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("interval must be a duration");
  }

  @Test
  void builderSettings_areChecked() {
    assertThatThrownBy(() -> VaultRaftClient.builder().address("vault:8200"))
        .hasMessage("address must be an http or https URL with a host");
    assertThatThrownBy(() -> VaultRaftClient.builder().maxRetries(-1))
        .hasMessage("maxRetries must not be negative");
    assertThatThrownBy(() -> VaultRaftClient.builder().timeout(Duration.ZERO))
        .hasMessage("timeout must be positive");
    assertThatThrownBy(() -> VaultRaftClient.builder().addresses(java.util.List.of()))
        .hasMessage("addresses must not be empty");
  }
}
