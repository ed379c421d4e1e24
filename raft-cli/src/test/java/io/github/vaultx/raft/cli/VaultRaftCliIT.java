package io.github.vaultx.raft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a real local cluster (3 nodes of the configured server), in-process and
 * as a jar.
 */
class VaultRaftCliIT {
  /** Started before the first test; a failed test prints every node's health and log tail. */
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  private static LocalRaftCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = CLUSTER.cluster();
    cluster.waitForHealthyVoters(3, Duration.ofSeconds(60));
  }

  /** Vault's errors as a message shows them: whitespace collapsed, joined with "; ". */
  private static String oneLine(List<String> errors) {
    return String.join("; ", errors.stream().map(e -> e.replaceAll("\\s+", " ").trim()).toList());
  }

  /** One run of the command line with the real client, as the jar's main would make it. */
  private record Result(int exitCode, String out, String err) {}

  private static Result cli(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        VaultRaftCli.run(
            new VaultRaftCli.Runtime(
                env,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                false,
                VaultRaftCli.Runtime::openClient),
            args);
    return new Result(code, out.toString(), err.toString());
  }

  private static Map<String, String> leaderEnv() {
    return Map.of(
        "VAULT_ADDR", cluster.leaderAddress(), "VAULT_TOKEN", cluster.rootToken(), "HOME", "/");
  }

  @Test
  void listPeers_printsEveryNodeAndOneLeader() {
    Result run = cli(leaderEnv(), "list-peers");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).matches("Node\\s+Address\\s+State\\s+Voter");
    for (int i = 1; i <= 3; i++) {
      assertThat(run.out()).contains(cluster.nodeId(i));
    }
    assertThat(lines.stream().filter(l -> l.contains(" leader "))).hasSize(1);
  }

  @Test
  void listPeers_json_fromAStandbyWithFlags() {
    int follower = cluster.followerIndex();
    Result run =
        cli(
            Map.of("HOME", "/"),
            "list-peers",
            "-address=" + cluster.address(follower),
            "-token=" + cluster.rootToken(),
            "-format=json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("{\n  \"config\": {")
        .contains("\"node_id\": \"" + cluster.nodeId(1) + "\"");
  }

  @Test
  void autopilotState_showsAHealthyCluster() {
    cluster.waitForHealthyVoters(3, Duration.ofSeconds(60));

    Result run = cli(leaderEnv(), "autopilot", "state");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("Healthy\\s+true");
    assertThat(run.out())
        .containsPattern("Node\\s+Address\\s+State\\s+Voter\\s+Healthy\\s+Last Contact");
    assertThat(run.out().lines().filter(l -> l.contains("alive")).count())
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void autopilotSetAndGetConfig_roundTrip() {
    Result set =
        cli(leaderEnv(), "autopilot", "set-config", "-max-trailing-logs=1500", "-min-quorum=3");
    Result get = cli(leaderEnv(), "autopilot", "get-config", "-format=json");

    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(get.out()).contains("\"max_trailing_logs\": 1500", "\"min_quorum\": 3");
  }

  @Test
  void autopilotSetConfig_rejectedByVault_exitsOneWithVaultsMessage() {
    Result run =
        cli(
            leaderEnv(),
            "autopilot",
            "set-config",
            "-cleanup-dead-servers",
            "-min-quorum=1",
            "-dead-server-last-contact-threshold=1m");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("Error: 400 on POST /v1/sys/storage/raft/autopilot/configuration: ");
  }

  @Test
  void snapshotSaveAndRestore_bringsBackTheSavedData(@TempDir Path dir) throws Exception {
    cluster.enableKvAndWrite("cli-it", "value", "before");
    Path file = dir.resolve("cluster.snap");

    Result save = cli(leaderEnv(), "snapshot", "save", file.toString());
    cluster.enableKvAndWrite("cli-it", "value", "after");
    Result restore = cli(leaderEnv(), "snapshot", "restore", file.toString());

    assertThat(save.exitCode()).as(save.err()).isZero();
    assertThat(save.out()).isEmpty();
    assertThat(save.err()).isEmpty();
    assertThat(Files.size(file)).isPositive();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
    assertThat(restore.exitCode()).as(restore.err()).isZero();
    // Vault applies a restore after answering.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions() // the leader may be busy installing the snapshot
        .until(() -> cluster.readKv("cli-it", "value"), v -> v.equals(Optional.of("before")));
  }

  @Test
  void join_addsAnUninitialisedNode() {
    int node = cluster.addNode();

    Result join =
        cli(
            Map.of("HOME", "/"),
            "join",
            "-address=" + cluster.address(node),
            cluster.leaderAddress());
    cluster.unseal(node);

    assertThat(join.exitCode()).as(join.err()).isZero();
    assertThat(join.out()).containsPattern("Joined\\s+true");
    Result peers = cli(leaderEnv(), "list-peers");
    assertThat(peers.out()).contains(cluster.nodeId(node));
  }

  @Test
  void badToken_exitsOneWithVaultsPermissionDenied() {
    Map<String, String> env = new HashMap<>(leaderEnv());
    env.put("VAULT_TOKEN", "not-a-token");

    Result run = cli(env, "list-peers");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    // OpenBao says "permission denied", Vault CE "2 errors occurred: * permission denied * invalid
    // token".
    assertThat(run.err())
        .isEqualTo(
            "Error: 403 on GET /v1/sys/storage/raft/configuration: "
                + oneLine(cluster.serverBinary().flavour().invalidTokenErrors())
                + "\n");
  }

  @Test
  void autoSnapshot_onOpenSourceServer_exitsOneWithTheServersEnterpriseOnlyAnswer() {
    // Vault CE says "enterprise-only feature", OpenBao "1 error occurred: * unsupported path".
    String answered = oneLine(cluster.serverBinary().flavour().enterpriseOnlyErrors());

    Result run = cli(leaderEnv(), "auto-snapshot", "list");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("Error: 404 on GET ")
        .contains("this endpoint needs Vault Enterprise (the server answered: " + answered + ")");
  }

  @Test
  void snapshotLoaded_onOpenSourceServer_exitsOneWithUnsupportedPath() {
    Result run = cli(leaderEnv(), "snapshot", "loaded");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "Error: 404 on GET /v1/sys/storage/raft/snapshot-load: this endpoint needs Vault"
                + " Enterprise (the server answered: 1 error occurred: * unsupported path)\n");
  }

  @Test
  void promote_ofAVoter_isRefusedByOpenBao_andUnsupportedByVault() {
    String voter =
        cluster.nodeIds().stream()
            .filter(id -> !id.equals(cluster.nodeId(cluster.leaderIndex())))
            .findFirst()
            .orElseThrow();

    Result run = cli(leaderEnv(), "promote", voter);

    assertThat(run.exitCode()).isEqualTo(1);
    if (cluster.serverBinary().flavour().servesPromoteAndDemote()) {
      assertThat(run.err())
          .isEqualTo(
              "Error: 500 on POST /v1/sys/storage/raft/promote: 1 error occurred: * server is not"
                  + " a non-voter\n");
    } else {
      assertThat(run.err())
          .isEqualTo(
              "Error: 404 on POST /v1/sys/storage/raft/promote: this server does not serve this"
                  + " endpoint (it answered: 1 error occurred: * unsupported path)\n");
    }
  }

  @Test
  void launcher_runsListPeersFromTheShadedJarWithItsArchive() throws Exception {
    File[] jars =
        new File("target").listFiles((d, name) -> name.matches("vaultx-raft-cli-.*-all\\.jar"));
    assertThat(jars).as("the shaded jar is built in the package phase").hasSize(1);
    assertThat(new File("target/vaultx-raft-cli.jsa"))
        .as("the CDS archive is made in the package phase")
        .exists();
    ProcessBuilder builder =
        new ProcessBuilder(Path.of("..", "bin", "vaultx-raft").toString(), "list-peers")
            .redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("VAULT_ADDR", cluster.leaderAddress());
    builder.environment().put("VAULT_TOKEN", cluster.rootToken());
    builder.environment().put("JAVA_OPTS", "-Xlog:cds=info:stderr -Xlog:class+load=info:stderr");
    // Output to a file, not a pipe: reading a pipe to its end would block past any timeout.
    Path log = Files.createTempFile("vaultx-raft-launcher-", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    boolean finished = process.waitFor(60, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);

    assertThat(finished).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    // The launcher's JVM mapped the archive the build made (the cds log says so on stderr).
    assertThat(output).containsPattern("Opened archive \\S*vaultx-raft-cli\\.jsa");
    // picocli's classes (Java 5 bytecode) come from it too: only a static archive can hold them.
    assertThat(output)
        .contains("picocli.CommandLine source: shared objects file")
        .contains("okhttp3.OkHttpClient source: shared objects file");
    // No slf4j warning line (the class-load log names slf4j's classes, hence the line start).
    assertThat(output)
        .contains("Node")
        .contains(cluster.nodeId(1))
        .doesNotContainPattern("(?m)^SLF4J");
  }
}
