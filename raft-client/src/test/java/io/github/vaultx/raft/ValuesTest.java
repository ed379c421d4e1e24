package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public value types: validation, copies, builders. */
class ValuesTest {
  @TempDir Path dir;

  @Test
  void raftJoinRequest_pathOverloadsReadPemFiles() throws Exception {
    Path ca = dir.resolve("ca.pem");
    Files.writeString(ca, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

    RaftJoinRequest request =
        RaftJoinRequest.builder("https://leader:8200").leaderCaCert(ca).build();

    assertThat(request.leaderCaCert()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(request.retry()).isNull();
    assertThatThrownBy(() -> RaftJoinRequest.builder("https://l").leaderCaCert(dir.resolve("no")))
        .hasMessageStartingWith("leaderCaCert must be an existing regular file");
    assertThatThrownBy(() -> RaftJoinRequest.builder("https://l").leaderCaCert("/etc/ca.pem"))
        .hasMessage("leaderCaCert must be PEM text (-----BEGIN ...)");
    assertThatThrownBy(
            () ->
                RaftJoinRequest.builder("https://l")
                    .leaderClientCert("-----BEGIN CERTIFICATE-----")
                    .build())
        .hasMessage("leaderClientCert and leaderClientKey must be set together");
    assertThatThrownBy(() -> RaftJoinRequest.builder("https://l").autoJoinScheme("ftp"))
        .hasMessage("autoJoinScheme must be http or https");
    assertThatThrownBy(() -> RaftJoinRequest.builder("https://l").autoJoinPort(0))
        .hasMessage("autoJoinPort must be between 1 and 65535");
  }

  @Test
  void raftJoinRequest_isAValueWhoseToStringHidesEveryPemAndTheAutoJoinConfig() {
    String ca = "-----BEGIN CERTIFICATE-----\nCA-TEXT\n-----END CERTIFICATE-----";
    String cert = "-----BEGIN CERTIFICATE-----\nCLIENT-TEXT\n-----END CERTIFICATE-----";
    String key = "-----BEGIN PRIVATE KEY-----\nKEY-TEXT\n-----END PRIVATE KEY-----";
    RaftJoinRequest request =
        RaftJoinRequest.builder(" https://leader:8200 ")
            .leaderCaCert(ca)
            .leaderClientCert(cert)
            .leaderClientKey(key)
            .autoJoin("provider=aws secret_access_key=AUTO-JOIN-SECRET")
            .autoJoinScheme("HTTPS")
            .autoJoinPort(8200)
            .retry(true)
            .build();

    assertThat(request)
        .isEqualTo(
            new RaftJoinRequest(
                "https://leader:8200",
                true,
                ca,
                cert,
                key,
                null,
                "provider=aws secret_access_key=AUTO-JOIN-SECRET",
                "https",
                8200,
                null));
    assertThat(request.toString())
        .doesNotContain("CA-TEXT", "CLIENT-TEXT", "KEY-TEXT", "AUTO-JOIN-SECRET")
        .contains("leaderApiAddr=https://leader:8200", "leaderClientKey=****", "autoJoin=****");
  }

  @Test
  void raftJoinRequest_canonicalConstructor_checksWhatTheBuilderChecks() {
    String cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----";
    assertThatThrownBy(
            () ->
                new RaftJoinRequest(
                    "ftp://l", null, null, null, null, null, null, null, null, null))
        .hasMessageStartingWith("leaderApiAddr must be an http or https URL");
    assertThatThrownBy(
            () ->
                new RaftJoinRequest(
                    "https://l", null, null, cert, null, null, null, null, null, null))
        .hasMessage("leaderClientCert and leaderClientKey must be set together");
    assertThatThrownBy(
            () ->
                new RaftJoinRequest(
                    "https://l", null, "/etc/ca.pem", null, null, null, null, null, null, null))
        .hasMessage("leaderCaCert must be PEM text (-----BEGIN ...)");
    assertThatThrownBy(
            () ->
                new RaftJoinRequest(
                    "https://l", null, null, null, null, null, null, "ftp", null, null))
        .hasMessage("autoJoinScheme must be http or https");
    assertThatThrownBy(
            () ->
                new RaftJoinRequest(
                    "https://l", null, null, null, null, null, null, null, 70000, null))
        .hasMessage("autoJoinPort must be between 1 and 65535");
  }

  @Test
  void records_copyTheirCollections() {
    List<RaftServer> servers = new ArrayList<>();
    servers.add(new RaftServer("n1", "a:1", false, true, "3"));
    RaftConfiguration config = new RaftConfiguration(1, servers);
    servers.clear();

    assertThat(config.servers()).hasSize(1);
    assertThat(config.leader()).isNull();
    assertThatThrownBy(() -> config.servers().add(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void autopilotConfig_rejectsNegativeValues() {
    assertThatThrownBy(() -> AutopilotConfig.builder().minQuorum(-1).build())
        .hasMessage("minQuorum must not be negative");
    assertThatThrownBy(
            () -> AutopilotConfig.builder().lastContactThreshold(Duration.ofSeconds(-1)).build())
        .hasMessage("lastContactThreshold must not be negative");
  }
}
