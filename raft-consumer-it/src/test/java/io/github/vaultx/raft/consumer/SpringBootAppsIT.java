package io.github.vaultx.raft.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * raft-examples/spring-boot-app, built by invoker on Spring Boot 3.5 and on 4.0 against the fresh
 * starter, runs in its own JVM configured by properties alone and watches a real 3-node cluster
 * through {@code /actuator/health/raft}: UP with 3 voters, and its client and async client beans
 * answer; OUT_OF_SERVICE with failure tolerance 0 after one node is killed; DOWN after a second;
 * and {@code /actuator/metrics} lists the client's meters after a few calls. The killed nodes are
 * restarted afterwards, so each generation meets 3.
 */
@ParameterizedClass
@ValueSource(strings = {"boot3", "boot4"})
class SpringBootAppsIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  private static final Path EXAMPLES =
      Path.of(System.getProperty("vaultx.consumer.examples", "target/examples"));
  private static final Duration STATE_CHANGE = Duration.ofSeconds(90);
  private static final Type JSON_MAP =
      Types.newParameterizedType(Map.class, String.class, Object.class);

  final String generation;
  final HttpClient http = HttpClient.newHttpClient();
  final List<Integer> killed = new ArrayList<>();
  Process app;
  Path log;
  String base;

  SpringBootAppsIT(String generation) {
    this.generation = generation;
  }

  @Test
  void raftHealthAndMetrics_fromPropertiesAlone_followTheClusterAsNodesDie(@TempDir Path dir)
      throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    cluster.waitForHealthyVoters(3, Duration.ofSeconds(60));
    long started = System.nanoTime();
    start(cluster, dir);

    Map<String, Object> up = awaitRaftHealth("UP");
    System.out.printf(
        "FIGURE spring-boot-app (%s, %s): /actuator/health/raft UP %d ms after the JVM started%n",
        generation, cluster.serverBinary().flavour(), (System.nanoTime() - started) / 1_000_000);
    assertThat((List<?>) details(up).get("voters")).hasSize(3);
    assertThat(details(up)).containsEntry("failureTolerance", 1.0);

    for (int i = 0; i < 3; i++) {
      HttpResponse<String> servers = get("/raft/servers");
      assertThat(servers.statusCode()).as(servers.body()).isEqualTo(200);
      assertThat(servers.body()).contains(cluster.nodeId(1));
    }
    // The async client bean, through a controller that returns its future.
    HttpResponse<String> leaderPage = get("/raft/leader");
    assertThat(leaderPage.statusCode()).as(leaderPage.body()).isEqualTo(200);
    assertThat(leaderPage.body()).isEqualTo(cluster.nodeId(cluster.leaderIndex()));
    Map<String, Object> metrics = json(get("/actuator/metrics").body());
    assertThat(String.valueOf(metrics.get("names"))).contains("vaultx.raft.requests");
    String readConfig =
        json(get("/actuator/metrics/vaultx.raft.requests?tag=operation:readRaftConfig").body())
            .toString();
    assertThat(readConfig).contains("COUNT").contains("value=3.0");
    // The application's ObservationRegistry gets one observation per call, with its attempts.
    assertThat(String.valueOf(metrics.get("names")))
        .contains("vaultx.raft.call")
        .contains("vaultx.raft.call.attempt");
    String observed =
        json(get("/actuator/metrics/vaultx.raft.call?tag=vault.raft.operation:readRaftConfig")
                .body())
            .toString();
    assertThat(observed).contains("COUNT").contains("value=3.0");

    int leader = cluster.leaderIndex();
    int first = leader == 1 ? 2 : 1;
    int second = 6 - leader - first;
    kill(cluster, first);
    // Autopilot may call the cluster unhealthy a moment before it recounts the tolerance.
    Map<String, Object> degraded =
        awaitRaftHealth("OUT_OF_SERVICE", d -> Double.valueOf(0).equals(d.get("failureTolerance")));
    assertThat(details(degraded)).containsEntry("failureTolerance", 0.0);
    assertThat(details(degraded).get("unhealthyServers").toString())
        .contains(cluster.nodeId(first));
    assertThat(get("/actuator/health/raft").statusCode()).isEqualTo(503);

    kill(cluster, second);
    Map<String, Object> down = awaitRaftHealth("DOWN");
    System.out.printf(
        "FIGURE spring-boot-app (%s, %s): two of three nodes dead: %s%n",
        generation, cluster.serverBinary().flavour(), details(down));
    // Said so, typed: no leader, or the client's exception with what it means.
    assertThat(details(down)).containsKey("reason");
    assertThat(get("/actuator/health/raft").statusCode()).isEqualTo(503);
  }

  private void start(LocalRaftCluster cluster, Path dir) throws IOException {
    Path tokenFile = Files.writeString(dir.resolve("vault-token"), cluster.rootToken() + "\n");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    Path target = EXAMPLES.resolve("spring-boot-app/target").resolve(generation);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-cp",
            target.resolve("app.jar")
                + File.pathSeparator
                + target.resolve("lib")
                + File.separator
                + "*",
            "io.github.vaultx.examples.boot.RaftApplication",
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--vaultx.raft.addresses=" + String.join(",", cluster.addresses()),
            "--vaultx.raft.token-file=" + tokenFile,
            // Quicker than the defaults, so that the test sees each change soon.
            "--vaultx.raft.health.cache-ttl=1s",
            "--vaultx.raft.health.timeout=3s",
            "--vaultx.raft.retry-budget=2s"));
    log = dir.resolve("app.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("VAULT"));
    app = builder.start();
  }

  private Map<String, Object> awaitRaftHealth(String status) {
    return awaitRaftHealth(status, details -> true);
  }

  private Map<String, Object> awaitRaftHealth(
      String status, java.util.function.Predicate<Map<String, Object>> details) {
    return await("raft health " + status)
        .atMost(STATE_CHANGE)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> json(get("/actuator/health/raft").body()),
            h -> status.equals(h.get("status")) && details.test(details(h)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(Map<String, Object> health) {
    return (Map<String, Object>) health.get("details");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    if (!app.isAlive()) {
      throw new AssertionError("the application exited:\n" + Files.readString(log));
    }
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, Object> json(String body) throws IOException {
    Map<String, Object> map =
        new Moshi.Builder().build().<Map<String, Object>>adapter(JSON_MAP).fromJson(body);
    if (map == null) {
      throw new IOException("not a JSON object: " + body);
    }
    return map;
  }

  private void kill(LocalRaftCluster cluster, int node) {
    cluster.kill(node);
    killed.add(node);
  }

  /** Stops the application and brings the killed nodes back for the next generation. */
  @AfterEach
  void stopAndRestore() throws Exception {
    if (app != null) {
      app.destroy();
      if (!app.waitFor(20, TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
    }
    LocalRaftCluster cluster = CLUSTER.cluster();
    for (int node : killed) {
      cluster.restart(node);
    }
    if (!killed.isEmpty()) {
      cluster.waitForHealthyVoters(3, Duration.ofSeconds(120));
    }
  }
}
