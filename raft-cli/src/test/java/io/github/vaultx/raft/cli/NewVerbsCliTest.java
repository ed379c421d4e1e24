package io.github.vaultx.raft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.EnterpriseOnlyException;
import io.github.vaultx.raft.LoadedSnapshot;
import io.github.vaultx.raft.UnsupportedEndpointException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbs of issue 17: promote, demote, bootstrap, the DR token flag, and the snapshot verbs for
 * loaded snapshots, against a fake client.
 */
class NewVerbsCliTest {
  private final FakeVaultRaftClient client = new FakeVaultRaftClient();

  @TempDir Path dir;

  @Test
  void promoteDemoteAndBootstrap_callTheClient() {
    assertThat(CliRun.run(client, "promote", "node-3").out)
        .isEqualTo("Server promoted; autopilot applies it within seconds.\n");
    assertThat(CliRun.run(client, "demote", "-format=json", "node-2").out.strip())
        .isEqualTo("{\n  \"demoted\": \"node-2\"\n}".strip());
    assertThat(CliRun.run(client, "bootstrap").out).isEqualTo("Raft cluster bootstrapped.\n");
    assertThat(client.calls)
        .containsExactly("promoteRaftNode node-3", "demoteRaftNode node-2", "bootstrapRaftCluster");
  }

  @Test
  void promote_onVault_exitsOneWithTheServersAnswer() {
    client.failure =
        new UnsupportedEndpointException(
            404,
            "POST",
            "/v1/sys/storage/raft/promote",
            List.of("1 error occurred:\n\t* unsupported path\n\n"));

    CliRun run = CliRun.run(client, "promote", "node-3");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err)
        .isEqualTo(
            "Error: 404 on POST /v1/sys/storage/raft/promote: this server does not serve this"
                + " endpoint (it answered: 1 error occurred: * unsupported path)\n");
  }

  @Test
  void drToken_fromAFile_goesToTheOverloads_andIsNeverPrinted() throws Exception {
    String secret = "DR-CLI-SECRET-9";
    Path file = Files.writeString(dir.resolve("dr"), secret + "\n");

    CliRun remove = CliRun.run(client, "remove-peer", "-dr-token=@" + file, "node-3");
    CliRun state = CliRun.run(client, "autopilot", "state", "-dr-token", secret);

    assertThat(remove.exitCode).isZero();
    assertThat(client.calls)
        .containsExactly(
            "removeRaftNode node-3 with a DR token", "readRaftAutopilotState with a DR token");
    assertThat(client.drToken).isNotNull();
    assertThat(client.drToken.reveal()).isEqualTo(secret);
    assertThat(remove.out + remove.err + state.out + state.err).doesNotContain(secret);
  }

  @Test
  void drToken_fromAMissingFile_exitsTwo_beforeAnyCall() {
    CliRun run = CliRun.run(client, "list-peers", "-dr-token=@" + dir.resolve("absent"));

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).isEqualTo("Error: -dr-token @file must name a readable file\n");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void snapshotLoad_ofAFile_andOfAnAutoSnapshot_printTheLoadedSnapshot() throws Exception {
    client.loaded =
        new LoadedSnapshot(
            "snap-1", "loading", "c-1", null, Instant.parse("2026-12-01T10:00:00Z"), null);
    Path file = Files.write(dir.resolve("s.snap"), new byte[] {1, 2, 3});

    CliRun load = CliRun.run(client, "snapshot", "load", file.toString());
    CliRun auto =
        CliRun.run(client, "snapshot", "load", "-format=json", "-config=daily", "s3://b/x.snap");

    assertThat(load.exitCode).isZero();
    assertThat(load.out).contains("snapshot_id", "snap-1", "loading", "2026-12-01T10:00:00Z");
    assertThat(auto.out).contains("\"snapshot_id\": \"snap-1\"", "\"error\": null");
    assertThat(client.calls)
        .containsExactly("loadRaftSnapshot s.snap", "loadRaftAutoSnapshot daily s3://b/x.snap");
  }

  @Test
  void snapshotLoaded_listsOrReads_andUnloadTakesForce() {
    client.loadedIds = List.of("snap-1", "snap-2");
    client.loaded = new LoadedSnapshot("snap-1", "ready", null, null, null, null);

    assertThat(CliRun.run(client, "snapshot", "loaded").out).contains("snap-1", "snap-2");
    assertThat(CliRun.run(client, "snapshot", "loaded", "snap-1").out).contains("ready");
    assertThat(CliRun.run(client, "snapshot", "unload", "-force", "snap-1").out)
        .isEqualTo("Snapshot snap-1 unloaded.\n");
    assertThat(client.calls)
        .containsExactly(
            "listRaftLoadedSnapshots",
            "readRaftLoadedSnapshot snap-1",
            "unloadRaftSnapshot snap-1 force");
  }

  @Test
  void snapshotReadAndRecover_callTheClient() {
    client.snapshotData = Map.of("password", "old");

    assertThat(CliRun.run(client, "snapshot", "read", "snap-1", "secret/app").out)
        .contains("password", "old");
    assertThat(CliRun.run(client, "snapshot", "recover", "snap-1", "secret/app").out)
        .isEqualTo("Recovered secret/app from snapshot snap-1.\n");
    assertThat(client.calls)
        .containsExactly(
            "readFromLoadedSnapshot snap-1 secret/app",
            "recoverFromLoadedSnapshot snap-1 secret/app");
  }

  @Test
  void snapshotRecover_onOpenSource_exitsOne() {
    client.failure = new EnterpriseOnlyException(405, "RECOVER", "/v1/secret/app", List.of());

    CliRun run = CliRun.run(client, "snapshot", "recover", "snap-1", "secret/app");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err)
        .startsWith("Error: 405 on RECOVER /v1/secret/app: this endpoint needs Vault");
  }
}
