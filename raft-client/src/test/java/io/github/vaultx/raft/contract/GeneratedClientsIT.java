package io.github.vaultx.raft.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spec as a product for other languages: the Python and Go clients generated from it (by this
 * module's openapi-generator executions, with the options in spec/generators/) pass their smoke
 * tests (spec/generators/smoke/, run by scripts/client-smoke.sh) against a real cluster.
 */
class GeneratedClientsIT {
  private static final long TIMEOUT_MINUTES = 5;

  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  @Test
  void pythonClient_passesItsSmokeTest() throws Exception {
    Run run = smoke("python", CLUSTER.cluster().rootToken());
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("python smoke: ok: bad token: 403")
        .contains("python smoke: ok: X-Vault-Namespace and X-Vault-Token are sent")
        .contains(" passed, 0 failed");
  }

  @Test
  void goClient_passesItsSmokeTest_andStreamsTheSnapshotBothWays() throws Exception {
    Run run = smoke("go", CLUSTER.cluster().rootToken());
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("go smoke: ok: SaveSnapshot streamed")
        .contains("go smoke: ok: SaveSnapshot refuses a snapshot without SHA256SUMS.sealed")
        .contains("go smoke: ok: RestoreSnapshot streamed the file back")
        .contains("go smoke: ok: X-Vault-Namespace and X-Vault-Token are sent")
        .contains(" passed, 0 failed");
  }

  @Test
  void smokeTest_failsWhenTheServerRefusesTheToken() throws Exception {
    Run run = smoke("python", "not-a-token");
    assertThat(run.exitCode()).as(run.output()).isNotZero();
    assertThat(run.output()).contains("permission denied");
  }

  private record Run(int exitCode, String output) {}

  private static Run smoke(String language, String token) throws IOException, InterruptedException {
    LocalRaftCluster cluster = CLUSTER.cluster();
    Path root = OpenApiDocument.repoRoot();
    Path client =
        Path.of(System.getProperty("vaultx.clients.dir", "target/clients"))
            .toAbsolutePath()
            .resolve(language);
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    "bash",
                    root.resolve("scripts/client-smoke.sh").toString(),
                    language,
                    client.toString()))
            .directory(root.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("VAULT_"));
    env.put("VAULT_ADDR", cluster.leaderAddress());
    env.put("VAULT_TOKEN", token);
    // Output to a file, so a hung smoke test cannot block the read past the timeout.
    Path log = Files.createTempFile(client.getParent(), language + "-smoke-", ".log");
    builder.redirectOutput(log.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(
          language + " smoke test still running after " + TIMEOUT_MINUTES + " minutes");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.printf(
        "%s smoke test: exit %d in %d ms%n%s",
        language, process.exitValue(), (System.nanoTime() - start) / 1_000_000, output);
    return new Run(process.exitValue(), output);
  }
}
