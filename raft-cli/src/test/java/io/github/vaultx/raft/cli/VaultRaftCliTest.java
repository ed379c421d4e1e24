package io.github.vaultx.raft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutopilotConfig;
import io.github.vaultx.raft.AutopilotServer;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.EnterpriseOnlyException;
import io.github.vaultx.raft.IncompleteSnapshotException;
import io.github.vaultx.raft.InvalidRequestException;
import io.github.vaultx.raft.PermissionDeniedException;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.RaftServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultRaftCliTest {
  private final FakeVaultRaftClient client = new FakeVaultRaftClient();

  @Test
  void eachCommandIsRegisteredUnderTheNameItsAnnotationGives() {
    assertThat(VaultRaftCli.COMMANDS)
        .isNotEmpty()
        .allSatisfy(
            (name, type) ->
                assertThat(type.getAnnotation(picocli.CommandLine.Command.class).name())
                    .isEqualTo(name));
  }

  @Test
  void helpAMissingAndAnUnknownCommandStillSeeEveryCommand() {
    CliRun help = CliRun.run(client, "--help");
    CliRun missing = CliRun.run(client);
    CliRun unknown = CliRun.run(client, "auto-snapshots");
    for (String name : VaultRaftCli.COMMANDS.keySet()) {
      assertThat(help.out).contains(name);
      assertThat(missing.err).contains(name);
    }
    assertThat(help.exitCode).isZero();
    assertThat(missing.exitCode).isEqualTo(VaultRaftCli.USAGE);
    // picocli suggests the nearest registered name, so every command was registered
    assertThat(unknown.err)
        .contains("Unmatched argument", "Did you mean: vaultx-raft auto-snapshot");
    assertThat(unknown.exitCode).isEqualTo(VaultRaftCli.USAGE);
  }

  private static RaftConfiguration threeNodes() {
    return new RaftConfiguration(
        0,
        List.of(
            new RaftServer("node1", "127.0.0.1:8211", true, true, "3"),
            new RaftServer("node2", "127.0.0.1:8221", false, false, "3"),
            new RaftServer("node-three", "127.0.0.1:8231", false, true, "3")));
  }

  private static AutopilotState autopilotState() {
    Map<String, AutopilotServer> servers = new LinkedHashMap<>();
    servers.put(
        "node1",
        new AutopilotServer(
            "node1",
            "node1",
            "127.0.0.1:8211",
            "alive",
            Duration.ZERO,
            3,
            32,
            true,
            Instant.parse("2026-11-29T01:18:49Z"),
            "leader",
            "2.7.2",
            "voter"));
    servers.put(
        "node2",
        new AutopilotServer(
            "node2",
            "node2",
            "127.0.0.1:8221",
            "alive",
            Duration.ofMillis(907),
            3,
            31,
            false,
            null,
            "non-voter",
            "2.7.2",
            "voter"));
    return new AutopilotState(true, 0, "node1", List.of("node1"), List.of("node2"), servers);
  }

  @Test
  void listPeers_printsAlignedTableLikeTheVaultCli() {
    client.config = threeNodes();

    CliRun run = CliRun.run(client, "list-peers");

    assertThat(run.exitCode).isZero();
    assertThat(run.err).isEmpty();
    assertThat(run.out)
        .isEqualTo(
            "Node          Address           State       Voter\n"
                + "----          -------           -----       -----\n"
                + "node1         127.0.0.1:8211    leader      true\n"
                + "node2         127.0.0.1:8221    follower    false\n"
                + "node-three    127.0.0.1:8231    follower    true\n");
    assertThat(client.closed).isTrue();
  }

  @Test
  void listPeers_withFormatJson_printsVaultsFieldNames() {
    client.config = threeNodes();

    CliRun run = CliRun.run(client, "list-peers", "-format=json");

    assertThat(run.exitCode).isZero();
    assertThat(run.out)
        .startsWith("{\n  \"config\": {\n    \"index\": 0,\n    \"servers\": [\n      {\n")
        .contains("\"node_id\": \"node1\"", "\"leader\": true", "\"protocol_version\": \"3\"");
  }

  @Test
  void format_fromVaultFormatVariable_whenNoFlag() {
    client.config = threeNodes();

    CliRun run = CliRun.run(client, Map.of("VAULT_FORMAT", "json"), false, "list-peers");

    assertThat(run.out).startsWith("{");
  }

  @Test
  void format_malformedVaultFormat_isUsageErrorBeforeAnyCall() {
    CliRun run = CliRun.run(client, Map.of("VAULT_FORMAT", "yaml"), false, "list-peers");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).isEqualTo("Error: VAULT_FORMAT must be table or json\n");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void addressAndTokenFlags_reachTheClientFactoryWithTheEnvironment() {
    client.config = threeNodes();
    Map<String, String> env = Map.of("VAULT_ADDR", "http://10.0.0.1:8200", "VAULT_TOKEN", "env");

    CliRun run =
        CliRun.run(
            client, env, false, "list-peers", "-address", "http://127.0.0.1:8200", "-token=s.x");

    assertThat(run.exitCode).isZero();
    assertThat(run.environment).isEqualTo(env);
    assertThat(run.address).isEqualTo("http://127.0.0.1:8200");
    assertThat(run.token).isEqualTo("s.x");
  }

  @Test
  void noFlags_leaveAddressAndTokenToTheEnvironment() {
    client.config = threeNodes();

    CliRun run = CliRun.run(client, "list-peers");

    assertThat(run.address).isNull();
    assertThat(run.token).isNull();
  }

  @Test
  void vaultError_exitsOneWithVaultsMessageOnStderr() {
    client.failure =
        new PermissionDeniedException(
            "GET", "/v1/sys/storage/raft/configuration", List.of("permission denied"));

    CliRun run = CliRun.run(client, "list-peers");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out).isEmpty();
    assertThat(run.err)
        .isEqualTo("Error: 403 on GET /v1/sys/storage/raft/configuration: permission denied\n");
  }

  @Test
  void enterpriseOnlyPath_exitsOneWithVaultsMessage() {
    client.failure =
        new EnterpriseOnlyException(
            "GET",
            "/v1/sys/storage/raft/snapshot-auto/config",
            List.of("1 error occurred:\n\t* unsupported path\n\n"));

    CliRun run = CliRun.run(client, "auto-snapshot", "list");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).startsWith("Error: ").contains("unsupported path");
  }

  @Test
  void invalidArgumentFromTheClient_exitsTwo() {
    client.failure = new IllegalArgumentException("nodeId must not be blank");

    CliRun run = CliRun.run(client, "remove-peer", " ");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).isEqualTo("Error: nodeId must not be blank\n");
  }

  @Test
  void unknownFlag_exitsTwoWithUsage() {
    CliRun run = CliRun.run(client, "list-peers", "-bogus");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("Unknown option: '-bogus'", "Usage: vaultx-raft list-peers");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void missingCommand_exitsTwo() {
    assertThat(CliRun.run(client).exitCode).isEqualTo(2);
    CliRun run = CliRun.run(client, "snapshot");
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("Missing command; one of: save, restore");
  }

  @Test
  void missingArgument_exitsTwo() {
    CliRun run = CliRun.run(client, "remove-peer");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("Missing required parameter: 'NODE_ID'");
  }

  @Test
  void help_exitsZero() {
    CliRun run = CliRun.run(client, "snapshot", "restore", "-help");

    assertThat(run.exitCode).isZero();
    assertThat(run.out).contains("Usage: vaultx-raft snapshot restore", "-force");
  }

  @Test
  void join_sendsLeaderAddressAndReadsPemFiles(@TempDir Path dir) throws Exception {
    Path ca = dir.resolve("ca.pem");
    Files.writeString(ca, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

    CliRun run =
        CliRun.run(
            client,
            "join",
            "-leader-ca-cert=" + ca,
            "-retry",
            "-leader-tls-servername=vault-0",
            "http://127.0.0.1:8210");

    assertThat(run.exitCode).isZero();
    assertThat(run.out).contains("Joined    true");
    assertThat(client.joinRequest).isNotNull();
    assertThat(client.joinRequest.leaderApiAddr()).isEqualTo("http://127.0.0.1:8210");
    assertThat(client.joinRequest.leaderCaCert()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(client.joinRequest.retry()).isTrue();
    assertThat(client.joinRequest.leaderTlsServerName()).isEqualTo("vault-0");
  }

  @Test
  void join_pemFlagThatIsNeitherPemNorAFile_exitsTwo() {
    CliRun run = CliRun.run(client, "join", "-leader-ca-cert=/nope/ca.pem", "http://a:8200");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("-leader-ca-cert must be PEM text or a readable PEM file");
  }

  @Test
  void join_malformedLeaderAddress_exitsTwo() {
    CliRun run = CliRun.run(client, "join", "not a url");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).startsWith("Error: leaderApiAddr");
  }

  @Test
  void removePeer_printsVaultsSuccessLine() {
    CliRun run = CliRun.run(client, "remove-peer", "node3");

    assertThat(run.exitCode).isZero();
    assertThat(client.calls).containsExactly("removeRaftNode node3");
    assertThat(run.out).isEqualTo("Peer removed successfully!\n");
  }

  @Test
  void snapshotSave_offTerminal_isQuiet(@TempDir Path dir) {
    client.snapshot = new byte[2048];

    CliRun run = CliRun.run(client, "snapshot", "save", dir.resolve("s.snap").toString());

    assertThat(run.exitCode).isZero();
    assertThat(run.out).isEmpty();
    assertThat(run.err).isEmpty();
    assertThat(dir.resolve("s.snap")).hasSize(2048);
  }

  @Test
  void snapshotSave_onTerminal_endsWithSizeRateAndTime(@TempDir Path dir) {
    client.snapshot = new byte[3 * 1024 * 1024];
    Path file = dir.resolve("s.snap");

    CliRun run = CliRun.run(client, Map.of(), true, "snapshot", "save", file.toString());

    assertThat(run.exitCode).isZero();
    assertThat(run.out).isEmpty();
    assertThat(run.err).matches("(?s).*\\rSaved " + "\\Q" + file + "\\E: 3\\.0 MiB, .*/s, .*s\n");
  }

  @Test
  void snapshotSave_onTerminal_drawsTheBytesTheClientReports(@TempDir Path dir) {
    client.snapshot = new byte[3 * 1024 * 1024];
    client.holdUntilProgressDrawn = true;

    CliRun run = CliRun.run(client, Map.of(), true, "snapshot", "save", dir + "/s.snap");

    assertThat(run.exitCode).isZero();
    assertThat(run.err).contains("\rSaving snapshot: 3.0 MiB, ");
  }

  @Test
  void snapshotRestore_onTerminal_drawsTheBytesTheClientReports(@TempDir Path dir)
      throws Exception {
    Path file = Files.write(dir.resolve("s.snap"), new byte[2048]);
    client.holdUntilProgressDrawn = true;

    CliRun run = CliRun.run(client, Map.of(), true, "snapshot", "restore", file.toString());

    assertThat(run.exitCode).isZero();
    assertThat(run.err).contains("\rRestoring " + file + " (2.0 KiB): 2.0 KiB, ");
  }

  @Test
  void snapshotSave_json_printsSizeAndSha256(@TempDir Path dir) {
    client.snapshot = new byte[10];

    CliRun run =
        CliRun.run(client, "snapshot", "save", "-format=json", dir.resolve("s.snap").toString());

    assertThat(run.out)
        .contains("\"size_bytes\": 10", "\"sha256\": \"ab12\"", "\"elapsed\": \"1.5s\"");
  }

  @Test
  void snapshotSave_incomplete_exitsOne(@TempDir Path dir) {
    client.failure =
        new IncompleteSnapshotException("snapshot ended without SHA256SUMS.sealed", null);

    CliRun run = CliRun.run(client, Map.of(), true, "snapshot", "save", dir + "/s.snap");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).endsWith("Error: snapshot ended without SHA256SUMS.sealed\n");
  }

  @Test
  void snapshotRestore_plainAndForced(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("s.snap"), new byte[5]);

    assertThat(CliRun.run(client, "snapshot", "restore", file.toString()).exitCode).isZero();
    assertThat(CliRun.run(client, "snapshot", "restore", "-force", file.toString()).exitCode)
        .isZero();

    assertThat(client.calls)
        .containsExactly("restoreRaftSnapshot s.snap", "forceRestoreRaftSnapshot s.snap");
  }

  @Test
  void snapshotRestore_otherUnsealKeys_showsVaultsHint(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("s.snap"), new byte[5]);
    client.failure =
        new InvalidRequestException(
            "POST",
            "/v1/sys/storage/raft/snapshot",
            List.of(
                "could not verify hash file, possibly the snapshot is using a different set of"
                    + " unseal keys; use the snapshot-force API to bypass this check"));

    CliRun run = CliRun.run(client, "snapshot", "restore", file.toString());

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err)
        .isEqualTo(
            "Error: 400 on POST /v1/sys/storage/raft/snapshot: could not verify hash file,"
                + " possibly the snapshot is using a different set of unseal keys; use the"
                + " snapshot-force API to bypass this check\n");
  }

  @Test
  void autopilotState_printsSummaryAndAlignedServerTable() {
    client.autopilotState = autopilotState();

    CliRun run = CliRun.run(client, "autopilot", "state");

    assertThat(run.exitCode).isZero();
    assertThat(run.out)
        .isEqualTo(
            "Key                  Value\n"
                + "---                  -----\n"
                + "Healthy              true\n"
                + "Failure Tolerance    0\n"
                + "Leader               node1\n"
                + "Voters               node1\n"
                + "Non Voters           node2\n"
                + "\n"
                + "Node     Address           State        Voter    Healthy    Last Contact"
                + "    Last Index    Node Status\n"
                + "----     -------           -----        -----    -------    ------------"
                + "    ----------    -----------\n"
                + "node1    127.0.0.1:8211    leader       true     true       0s"
                + "              32            alive\n"
                + "node2    127.0.0.1:8221    non-voter    false    false      907ms"
                + "           31            alive\n");
  }

  @Test
  void autopilotState_json_usesVaultsFieldNames() {
    client.autopilotState = autopilotState();

    CliRun run = CliRun.run(client, "autopilot", "state", "-format", "json");

    assertThat(run.out)
        .contains(
            "\"failure_tolerance\": 0",
            "\"last_contact\": \"907ms\"",
            "\"stable_since\": \"2026-11-29T01:18:49Z\"",
            "\"stable_since\": null",
            "\"non_voters\": [\n    \"node2\"\n  ]");
  }

  @Test
  void autopilotGetConfig_printsKeyValueTable() {
    client.autopilotConfig =
        new AutopilotConfig(
            false,
            Duration.ofSeconds(10),
            Duration.ofHours(24),
            1000L,
            3,
            Duration.ofSeconds(10),
            null);

    CliRun run = CliRun.run(client, "autopilot", "get-config");

    assertThat(run.out)
        .contains(
            "Cleanup Dead Servers                  false\n",
            "Dead Server Last Contact Threshold    24h0m0s\n",
            "Disable Upgrade Migration             n/a\n");
  }

  @Test
  void autopilotSetConfig_sendsOnlyTheFlagsGiven() {
    CliRun run =
        CliRun.run(
            client,
            "autopilot",
            "set-config",
            "-cleanup-dead-servers",
            "-dead-server-last-contact-threshold=1m30s",
            "-min-quorum=3",
            "-server-stabilization-time",
            "500ms",
            "-max-trailing-logs=250",
            "-last-contact-threshold=10");

    assertThat(run.exitCode).isZero();
    assertThat(client.updatedAutopilotConfig)
        .isEqualTo(
            new AutopilotConfig(
                true,
                Duration.ofSeconds(10),
                Duration.ofSeconds(90),
                250L,
                3,
                Duration.ofMillis(500),
                null));
  }

  @Test
  void autopilotSetConfig_falseValue() {
    CliRun.run(client, "autopilot", "set-config", "-cleanup-dead-servers=false");

    assertThat(client.updatedAutopilotConfig).isNotNull();
    assertThat(client.updatedAutopilotConfig.cleanupDeadServers()).isFalse();
    assertThat(client.updatedAutopilotConfig.minQuorum()).isNull();
  }

  @Test
  void autopilotSetConfig_badDuration_exitsTwoNamingTheFlag() {
    CliRun run = CliRun.run(client, "autopilot", "set-config", "-last-contact-threshold=soon");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err)
        .isEqualTo(
            "Error: -last-contact-threshold must be a duration such as 30s, 1m30s or 24h,"
                + " whole seconds, or whole days (1d)\n");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void autopilotSetConfig_durationBeyondGosRange_exitsTwoInsteadOfWrapping() {
    CliRun run =
        CliRun.run(client, "autopilot", "set-config", "-server-stabilization-time=3000000h");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err)
        .isEqualTo(
            "Error: -server-stabilization-time is out of range: Vault's durations end at"
                + " 2562047h47m16.854775807s (about 292 years)\n");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void autopilotSetConfig_notANumber_exitsTwo() {
    CliRun run = CliRun.run(client, "autopilot", "set-config", "-min-quorum=three");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("Invalid value for option '-min-quorum'");
  }

  @Test
  void autoSnapshotWrite_turnsPairsIntoATypedConfig() {
    CliRun run =
        CliRun.run(
            client,
            "auto-snapshot",
            "write",
            "daily",
            "storage_type=local",
            "interval=24h",
            "path_prefix=/backups",
            "retain=5",
            "local_max_space=100000",
            "autoload_enabled=true");

    assertThat(run.exitCode).isZero();
    assertThat(client.autoSnapshotConfig)
        .isEqualTo(
            AutoSnapshotConfig.local(Duration.ofDays(1), "/backups", 100_000)
                .retain(5)
                .parameter("autoload_enabled", "true")
                .build());

    CliRun s3 =
        CliRun.run(
            client,
            "auto-snapshot",
            "write",
            "hourly",
            "storage_type=aws-s3",
            "interval=1h",
            "path_prefix=raft",
            "aws_s3_bucket=b",
            "aws_s3_region=eu-west-1",
            "aws_s3_enable_kms=true",
            "autoload_enabled=true");

    assertThat(s3.exitCode).isZero();
    assertThat(client.autoSnapshotConfig)
        .isEqualTo(
            AutoSnapshotConfig.awsS3(Duration.ofHours(1), "raft", "b", "eu-west-1")
                .enableKms(true)
                .autoloadEnabled(true)
                .build());
  }

  @Test
  void autoSnapshotWrite_badValues_exitTwoNamingTheParameter() {
    CliRun retain =
        CliRun.run(
            client,
            "auto-snapshot",
            "write",
            "daily",
            "storage_type=local",
            "interval=24h",
            "path_prefix=/backups",
            "local_max_space=1",
            "retain=-1");
    CliRun interval =
        CliRun.run(
            client,
            "auto-snapshot",
            "write",
            "daily",
            "storage_type=local",
            "interval=daily",
            "path_prefix=/backups",
            "local_max_space=1");

    assertThat(retain.exitCode).isEqualTo(2);
    assertThat(retain.err).isEqualTo("Error: retain must not be negative\n");
    assertThat(interval.exitCode).isEqualTo(2);
    assertThat(interval.err).startsWith("Error: interval must be a duration");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void autoSnapshotWrite_pairWithoutEquals_exitsTwo() {
    CliRun run = CliRun.run(client, "auto-snapshot", "write", "daily", "storage_type");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("parameters must be key=value");
  }

  @Test
  void autoSnapshotRead_masksSecrets() {
    client.autoSnapshotConfig =
        AutoSnapshotConfig.awsS3(Duration.ofHours(1), "vault/", "backups", "eu-west-1")
            .credentials("AKIA", "very-secret")
            .parameter("aws_future_credential", "also-secret")
            .build();

    CliRun run = CliRun.run(client, "auto-snapshot", "read", "hourly");
    CliRun json = CliRun.run(client, "auto-snapshot", "read", "hourly", "-format=json");

    assertThat(run.out).contains("aws_secret_access_key    ****", "aws_access_key_id        AKIA");
    assertThat(run.out).contains("aws_future_credential    ****");
    assertThat(run.out + json.out).doesNotContain("very-secret", "also-secret");
  }

  @Test
  void autoSnapshotList_emptyAndJson() {
    assertThat(CliRun.run(client, "auto-snapshot", "list").out)
        .isEqualTo("No automated snapshot configurations.\n");
    client.autoSnapshotNames = List.of("daily", "hourly");
    assertThat(CliRun.run(client, "auto-snapshot", "list", "-format=json").out)
        .isEqualTo("{\n  \"keys\": [\n    \"daily\",\n    \"hourly\"\n  ]\n}\n");
  }

  @Test
  void autoSnapshotDeleteAndStatus() {
    client.autoSnapshotStatus =
        new io.github.vaultx.raft.AutoSnapshotStatus(
            0,
            Instant.parse("2026-01-01T00:00:00Z"),
            null,
            null,
            "/backups/x.snap",
            null,
            null,
            null);

    CliRun delete = CliRun.run(client, "auto-snapshot", "delete", "daily");
    CliRun status = CliRun.run(client, "auto-snapshot", "status", "daily");

    assertThat(delete.exitCode).isZero();
    assertThat(status.out)
        .contains(
            "last_snapshot_start    2026-01-01T00:00:00Z",
            "last_snapshot_end      n/a",
            "last_snapshot_url      /backups/x.snap");
    assertThat(client.calls)
        .containsExactly("deleteRaftAutoSnapshotConfig daily", "readRaftAutoSnapshotStatus daily");
  }
}
