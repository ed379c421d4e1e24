package io.github.vaultx.raft.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import io.github.vaultx.raft.testing.ServerFlavour;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spec as a product for other languages: the Python, Go, TypeScript and Rust clients generated
 * from it (by this module's openapi-generator executions, with the options in spec/generators/)
 * pass their smoke tests (spec/generators/smoke/, run by scripts/client-smoke.sh) against a real
 * cluster, and none of them can send a recovery, which they would send as a write.
 */
class GeneratedClientsIT {
  private static final long TIMEOUT_MINUTES = 10;
  private static final List<String> LANGUAGES = List.of("python", "go", "typescript-fetch", "rust");

  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  @Test
  void pythonClient_passesItsSmokeTest() throws Exception {
    assertPassesTheCommonChecks("python", "python smoke");
  }

  @Test
  void goClient_passesItsSmokeTest_andStreamsTheSnapshotBothWays() throws Exception {
    Run run = assertPassesTheCommonChecks("go", "go smoke");
    assertThat(run.output())
        .contains("go smoke: ok: SaveSnapshot streamed")
        .contains("go smoke: ok: SaveSnapshot refuses a snapshot without SHA256SUMS.sealed")
        .contains("go smoke: ok: RestoreSnapshot streamed the file back")
        .contains("go smoke: ok: SaveSnapshot sends the configuration's DefaultHeader namespace");
  }

  @Test
  void typeScriptClient_passesItsSmokeTest_compiledStrict() throws Exception {
    Run run = assertPassesTheCommonChecks("typescript-fetch", "typescript smoke");
    assertThat(run.output()).contains("typescript smoke: ok: stableSince stays RFC 3339 text");
  }

  @Test
  void rustClient_passesItsSmokeTest() throws Exception {
    Run run = assertPassesTheCommonChecks("rust", "rust smoke");
    assertThat(run.output()).contains("rust smoke: ok: the DR token is sent as given, and alone");
  }

  @Test
  void smokeTest_failsWhenTheServerRefusesTheToken() throws Exception {
    Run run = smoke("python", "not-a-token");
    assertThat(run.exitCode()).as(run.output()).isNotZero();
    assertThat(run.output()).contains("permission denied");
  }

  @Test
  void noGeneratedClient_hasTheRecovery_whichItWouldSendAsAPost() throws IOException {
    // recoverFromLoadedSnapshot is x-internal in the spec; its query parameter is used by no other
    // operation, so its absence from every generated source file means the operation was left out.
    // (Go's api/openapi.yaml is a copy of the spec, not code.)
    for (String language : LANGUAGES) {
      Path client = clientsDir().resolve(language);
      assertThat(client.resolve("README.md")).as(language + " client generated").exists();
      try (Stream<Path> files = Files.walk(client)) {
        List<Path> withRecovery =
            files
                .filter(Files::isRegularFile)
                .filter(f -> f.toString().matches(".*\\.(py|go|ts|rs|md)$"))
                .filter(f -> contains(f, "recover_snapshot_id"))
                .toList();
        assertThat(withRecovery).as(language).isEmpty();
      }
    }
  }

  /**
   * What every smoke test checks (issue 27): the calls the older ones made, a call with a token and
   * no namespace, a bogus DR token, promote/demote as the server serves them, and the headers.
   */
  private static Run assertPassesTheCommonChecks(String language, String prefix)
      throws IOException, InterruptedException {
    Run run = smoke(language, CLUSTER.cluster().rootToken());
    assertThat(run.exitCode()).as(run.output()).isZero();
    boolean openBao = CLUSTER.cluster().serverBinary().flavour() == ServerFlavour.OPENBAO;
    assertThat(run.output())
        .contains(prefix + ": ok: configuration lists 3 servers")
        .contains(prefix + ": ok: a bogus DR token is refused: 403")
        .containsPattern(prefix + ": ok: [^\n]*streamed[^\n]*SHA256SUMS\\.sealed")
        .contains(prefix + ": ok: Enterprise-only call: 404")
        .contains(prefix + ": ok: bad token: 403")
        .contains(prefix + ": ok: a call without a namespace sends the token alone")
        .contains(prefix + ": ok: X-Vault-Namespace and X-Vault-Token are sent")
        .contains(prefix + ": ok: the DR token is sent as given")
        .contains(
            openBao
                ? prefix + ": ok: promoted "
                : prefix + ": ok: promote/demote refused by Vault: 404")
        .doesNotContain("promote/demote not checked")
        .contains(" passed, 0 failed");
    return run;
  }

  private static boolean contains(Path file, String text) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path clientsDir() {
    return Path.of(System.getProperty("vaultx.clients.dir", "target/clients")).toAbsolutePath();
  }

  private record Run(int exitCode, String output) {}

  private static Run smoke(String language, String token) throws IOException, InterruptedException {
    LocalRaftCluster cluster = CLUSTER.cluster();
    Path root = OpenApiDocument.repoRoot();
    Path client = clientsDir().resolve(language);
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
    env.put(
        "VAULTX_SERVER_FLAVOUR",
        cluster.serverBinary().flavour().name().toLowerCase(java.util.Locale.ROOT));
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
