package io.github.vaultx.raft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.testing.VaultResponses;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command line with the real client against a local MockWebServer: flags, env, errors. */
class RealClientWiringTest {
  private final MockWebServer server = new MockWebServer();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private int run(Map<String, String> env, String... args) {
    return VaultRaftCli.run(
        new VaultRaftCli.Runtime(
            env,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            false,
            VaultRaftCli.Runtime::openClient),
        args);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  @Test
  void environment_addressAndToken_areUsed() throws Exception {
    server.enqueue(
        VaultResponses.json(
            200,
            "{\"data\":{\"config\":{\"index\":0,\"servers\":[{\"node_id\":\"node1\","
                + "\"address\":\"127.0.0.1:8211\",\"leader\":true,\"voter\":true,"
                + "\"protocol_version\":\"3\"}]}}}"));

    int code =
        run(
            Map.of("VAULT_ADDR", url(), "VAULT_TOKEN", "from-env", "HOME", "/nonexistent"),
            "list-peers");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("node1    127.0.0.1:8211    leader    true");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/configuration");
    assertThat(request.getHeader("X-Vault-Token")).isEqualTo("from-env");
  }

  @Test
  void flags_overrideTheEnvironment() throws Exception {
    server.enqueue(VaultResponses.noContent());

    int code =
        run(
            Map.of("VAULT_ADDR", "http://127.0.0.1:1", "VAULT_TOKEN", "from-env"),
            "remove-peer",
            "-address=" + url(),
            "-token=from-flag",
            "node3");

    assertThat(code).isZero();
    RecordedRequest request = server.takeRequest();
    assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/remove-peer");
    assertThat(request.getHeader("X-Vault-Token")).isEqualTo("from-flag");
    assertThat(request.getBody().readUtf8()).contains("\"server_id\":\"node3\"");
  }

  @Test
  void sealedNode_isReportedAsVaultSaysIt_withExitOne() {
    server.enqueue(VaultResponses.sealed());

    // A sealed node is retried (it may be unsealed in a moment): one answer, so no retries.
    int code =
        run(
            Map.of("VAULT_ADDR", url(), "VAULT_TOKEN", "s.cli-token", "VAULT_MAX_RETRIES", "0"),
            "list-peers");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo("Error: 503 on GET /v1/sys/storage/raft/configuration: Vault is sealed\n");
  }

  @Test
  void vaultsErrorBody_isShownAsSentWithExitOne() {
    server.enqueue(VaultResponses.vaultError(403, "permission denied"));

    int code = run(Map.of("VAULT_ADDR", url(), "VAULT_TOKEN", "bogus"), "autopilot", "state");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo("Error: 403 on GET /v1/sys/storage/raft/autopilot/state: permission denied\n");
  }

  @Test
  void malformedVariable_exitsTwoNamingIt() {
    int code = run(Map.of("VAULT_ADDR", "not a url"), "list-peers");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("Error: VAULT_ADDR must be an http or https URL with a host\n");
    assertThat(server.getRequestCount()).isZero();
  }
}
