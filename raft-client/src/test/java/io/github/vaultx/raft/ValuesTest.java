package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public value types: validation, copies, builders. */
class ValuesTest {
  @TempDir Path dir;

  @Test
  void seedsAutoSnapshotCall_isOneReadableStatement() {
    AutoSnapshotConfig config =
        AutoSnapshotConfig.local(Duration.ofDays(1), "/opt/vault/backups")
            .retain(5)
            .localMaxSpace(100_000)
            .filePrefix("vault-raft-auto-snapshot")
            .build();

    assertThat(config.storageType()).isEqualTo(AutoSnapshotStorageType.LOCAL);
    assertThat(config.interval()).isEqualTo(Duration.ofDays(1));
    assertThat(config.retain()).isEqualTo(5);
    assertThat(config.localMaxSpace()).isEqualTo(100_000L);
    assertThat(config.filePrefix()).isEqualTo("vault-raft-auto-snapshot");
    assertThat(config.toVaultParameters())
        .containsExactly(
            Map.entry("storage_type", "local"),
            Map.entry("interval", "86400s"),
            Map.entry("path_prefix", "/opt/vault/backups"),
            Map.entry("retain", 5),
            Map.entry("local_max_space", 100_000L),
            Map.entry("file_prefix", "vault-raft-auto-snapshot"));
  }

  @Test
  void autoSnapshotConfig_roundTripsThroughVaultParameters() {
    AutoSnapshotConfig azure =
        AutoSnapshotConfig.azureBlob(Duration.ofHours(12), "raft", "snapshots")
            .accountName("acct")
            .authMode("managed")
            .clientId("cid")
            .retain(3)
            .parameter("azure_new_option", "x")
            .build();

    assertThat(AutoSnapshotConfig.fromVaultParameters(azure.toVaultParameters())).isEqualTo(azure);
  }

  @Test
  void autoSnapshotConfig_rejectsBadIntervalsAndDocumentedNamesInTheEscapeHatch() {
    assertThatThrownBy(() -> AutoSnapshotConfig.local(Duration.ofMillis(1500), "/b"))
        .hasMessage("interval must be a whole number of seconds, at least one second");
    assertThatThrownBy(() -> AutoSnapshotConfig.local(Duration.ofDays(1), " "))
        .hasMessage("pathPrefix must not be blank");
    assertThatThrownBy(() -> AutoSnapshotConfig.awsS3(Duration.ofDays(1), "p", ""))
        .hasMessage("bucket must not be blank");
    assertThatThrownBy(
            () -> AutoSnapshotConfig.local(Duration.ofDays(1), "/b").parameter("retain", 3))
        .hasMessageContaining("use its typed method");
    assertThatThrownBy(
            () ->
                AutoSnapshotConfig.local(Duration.ofDays(1), "/b")
                    .parameter("x", new ArrayList<>()))
        .hasMessage("value must be a string, number or boolean");
    assertThatThrownBy(() -> AutoSnapshotConfig.local(Duration.ofDays(1), "/b").localMaxSpace(-1))
        .hasMessage("localMaxSpace must not be negative");
  }

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
