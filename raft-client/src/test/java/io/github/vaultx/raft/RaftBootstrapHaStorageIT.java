package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.vaultx.raft.testing.ServerBinary;
import io.github.vaultx.raft.testing.ServerFlavour;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bootstrap that succeeds: a Vault node initialised on {@code file} storage, restarted with Raft
 * as {@code ha_storage}, bootstraps a Raft cluster of its own. Vault only: OpenBao 2.7 has no
 * {@code file} storage, and with Raft storage a node bootstraps at {@code sys/init}
 * (docs/servers.md). The harness's clusters use Raft storage, so this test starts its one node
 * itself.
 */
class RaftBootstrapHaStorageIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void bootstrap_ofAnUnsealedNodeWithRaftAsHaStorage_startsAOneServerCluster() throws Exception {
    ServerBinary binary = ServerBinary.locate();
    assumeTrue(
        binary.flavour() == ServerFlavour.VAULT,
        "OpenBao 2.7 has no file storage to pair with ha_storage \"raft\"");
    int api;
    int cluster;
    try (ServerSocket a = new ServerSocket(0);
        ServerSocket b = new ServerSocket(0)) {
      api = a.getLocalPort();
      cluster = b.getLocalPort();
    }
    String address = "http://127.0.0.1:" + api;
    String common =
        "storage \"file\" { path = \""
            + dir.resolve("data")
            + "\" }\n"
            + "listener \"tcp\" { address = \"127.0.0.1:"
            + api
            + "\" cluster_address = \"127.0.0.1:"
            + cluster
            + "\" tls_disable = true }\n"
            + "api_addr = \""
            + address
            + "\"\ncluster_addr = \"https://127.0.0.1:"
            + cluster
            + "\"\n"
            + binary.flavour().extraConfig();
    Path fileOnly = Files.writeString(dir.resolve("file.hcl"), common);
    Path withRaft =
        Files.writeString(
            dir.resolve("raft.hcl"),
            common
                + "ha_storage \"raft\" { path = \""
                + Files.createDirectories(dir.resolve("raft"))
                + "\" node_id = \"ha-1\" }\n");

    String key;
    String token;
    Process node = start(binary, fileOnly);
    try {
      await(address, 501);
      String init =
          send("PUT", address, "sys/init", "{\"secret_shares\":1,\"secret_threshold\":1}");
      key = field(init, "keys");
      token = field(init, "root_token");
      send("PUT", address, "sys/unseal", "{\"key\":\"" + key + "\"}");
      await(address, 200);
      try (VaultRaftClient client = client(address, token)) {
        // Without Raft at all: the server says so.
        assertThatThrownBy(client::bootstrapRaftCluster)
            .isInstanceOf(VaultUnavailableException.class)
            .hasMessageContaining("raft backend not in use");
      }
    } finally {
      stop(node);
    }

    node = start(binary, withRaft);
    try {
      await(address, 503);
      send("PUT", address, "sys/unseal", "{\"key\":\"" + key + "\"}");
      await(address, 429); // unsealed, but no HA cluster to lead yet

      try (VaultRaftClient client = client(address, token)) {
        client.bootstrapRaftCluster();
        await(address, 200);
        assertThat(client.readRaftConfig().servers())
            .singleElement()
            .satisfies(
                s -> {
                  assertThat(s.nodeId()).isEqualTo("ha-1");
                  assertThat(s.leader()).isTrue();
                });
        assertThatThrownBy(client::bootstrapRaftCluster)
            .isInstanceOf(VaultUnavailableException.class)
            .hasMessageContaining("cluster already has state");
      }
    } finally {
      stop(node);
    }
  }

  private static VaultRaftClient client(String address, String token) {
    return VaultRaftClient.builder()
        .address(address)
        .token(token)
        .environment(Map.of())
        .maxRetries(0)
        .build();
  }

  private Process start(ServerBinary binary, Path config) throws IOException {
    return new ProcessBuilder(binary.path().toString(), "server", "-config=" + config)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(config.getFileName() + ".log").toFile())
        .start();
  }

  private static void stop(Process node) throws InterruptedException {
    node.destroy();
    if (!node.waitFor(20, TimeUnit.SECONDS)) {
      node.destroyForcibly().waitFor();
    }
  }

  private static String send(String method, String address, String path, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(address + "/v1/" + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path).isBetween(200, 299);
    return response.body();
  }

  /** Waits until {@code sys/health} answers {@code status}. */
  private static void await(String address, int status) {
    Awaitility.await("sys/health answering " + status)
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
        .until(
            () ->
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(address + "/v1/sys/health"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode(),
            answered -> answered == status);
  }

  /** The first string value of {@code name} in Vault's init answer (a string or an array). */
  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\\[?\"([^\"]+)\"").matcher(json);
    assertThat(m.find()).as(name + " in " + json).isTrue();
    return m.group(1);
  }
}
