package io.github.vaultx.raft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code snapshot agent}'s refusals, before the agent starts: against a fake client. */
class AgentCommandTest {
  private final FakeVaultRaftClient client = new FakeVaultRaftClient();

  @TempDir Path dir;

  @Test
  void agent_withATokenOnTheCommandLine_isMisuse_andCallsNothing() {
    CliRun run =
        CliRun.run(client, "snapshot", "agent", "-token=s.secret", "-config=" + dir + "/a.json");
    assertThat(run.exitCode).isEqualTo(VaultRaftCli.USAGE);
    assertThat(run.err)
        .contains("snapshot agent takes no -token: set VAULT_TOKEN or use the token file")
        .doesNotContain("s.secret");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void agent_withoutConfig_isMisuse() {
    CliRun run = CliRun.run(client, "snapshot", "agent");
    assertThat(run.exitCode).isEqualTo(VaultRaftCli.USAGE);
    assertThat(run.err).contains("-config");
  }

  @Test
  void agent_withAMissingOrBadFile_namesTheFileAndTheProblem() throws Exception {
    CliRun missing = CliRun.run(client, "snapshot", "agent", "-config=" + dir + "/none.json");
    assertThat(missing.exitCode).isNotZero();
    assertThat(missing.err).contains(dir + "/none.json: no such file");

    Path s3 = dir.resolve("s3.json");
    Files.writeString(
        s3,
        "{\"nightly\": {\"storage_type\":\"azure-blob\",\"interval\":\"24h\",\"path_prefix\":\"v/\","
            + "\"azure_container_name\":\"c\",\"azure_account_key\":\"k3y\"}}");
    CliRun refused = CliRun.run(client, "snapshot", "agent", "-config=" + s3);
    assertThat(refused.exitCode).isNotZero();
    assertThat(refused.err)
        .contains("configuration nightly: azure_account_name must be set")
        // The CLI carries the Azure SDK (an optional dependency of the agent): only the bad
        // parameter is named, not a missing artifact.
        .doesNotContain("needs com.azure")
        .doesNotContain("k3y");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void agent_withAStatusAddressButNoStatusToken_isMisuse() throws Exception {
    Path file = dir.resolve("a.json");
    Files.writeString(
        file,
        "{\"a\": {\"storage_type\":\"local\",\"interval\":60,\"path_prefix\":\""
            + dir
            + "\",\"local_max_space\":1000}}");
    CliRun run =
        CliRun.run(client, "snapshot", "agent", "-config=" + file, "-status-address=127.0.0.1:0");
    assertThat(run.exitCode).isEqualTo(VaultRaftCli.USAGE);
    assertThat(run.err)
        .contains("-status-address needs the status token in VAULTX_AGENT_STATUS_TOKEN");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void agent_withALeasePathThatIsNotMountSlashPath_isMisuse_andCallsNothing() throws Exception {
    CliRun run =
        CliRun.run(client, "snapshot", "agent", "-config=" + localConfig(), "-lease-path=leases");
    assertThat(run.exitCode).isEqualTo(VaultRaftCli.USAGE);
    assertThat(run.err).contains("-lease-path: the lease path must be MOUNT/PATH");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void agent_withALeaseHolderButNoLeasePath_isMisuse() throws Exception {
    CliRun run =
        CliRun.run(client, "snapshot", "agent", "-config=" + localConfig(), "-lease-holder=a");
    assertThat(run.exitCode).isEqualTo(VaultRaftCli.USAGE);
    assertThat(run.err).contains("-lease-holder needs -lease-path");
  }

  @Test
  void agent_withALeaseOverHttpsAndAClientCertificate_namesTheVariable_andKeepsTheToken()
      throws Exception {
    CliRun run =
        CliRun.run(
            client,
            Map.of(
                "VAULT_ADDR", "https://vault-1:8200",
                "VAULT_TOKEN", "s.lease-secret",
                "VAULT_CLIENT_CERT", "/etc/vault/client.pem"),
            false,
            "snapshot",
            "agent",
            "-config=" + localConfig(),
            "-lease-path=leases/raft");
    assertThat(run.exitCode).isEqualTo(VaultRaftCli.USAGE);
    assertThat(run.err)
        .contains("VAULT_CLIENT_CERT is not supported by the snapshot lease's KV calls")
        .doesNotContain("s.lease-secret");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void agent_withALeaseButNoToken_saysSo() throws Exception {
    CliRun run =
        CliRun.run(
            client,
            Map.of("VAULT_ADDR", "http://127.0.0.1:8200", "HOME", dir.toString()),
            false,
            "snapshot",
            "agent",
            "-config=" + localConfig(),
            "-lease-path=leases/raft");
    assertThat(run.exitCode).isEqualTo(VaultRaftCli.USAGE);
    assertThat(run.err).contains("the lease needs a token");
    assertThat(client.calls).isEmpty();
  }

  private Path localConfig() throws Exception {
    Path file = dir.resolve("local.json");
    Files.writeString(
        file,
        "{\"a\": {\"storage_type\":\"local\",\"interval\":60,\"path_prefix\":\""
            + dir
            + "\",\"local_max_space\":1000}}");
    return file;
  }
}
