package io.github.vaultx.raft.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.PermissionDeniedException;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultServerException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's status port, read by the library's own client as if it were Vault Enterprise. The
 * agent's Vault is unreachable here, so its one snapshot fails: what the port reports is a real
 * failure status.
 */
class StatusServerTest {
  static final String STATUS_TOKEN = "status-reader-token";

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
  VaultRaftClient unreachable;
  RaftSnapshotAgent agent;
  String base;

  @BeforeEach
  void start() {
    unreachable = AgentConfigFileTest.unusedClient();
    agent =
        RaftSnapshotAgent.builder(unreachable)
            .configuration(
                "hourly",
                AutoSnapshotConfig.local(Duration.ofHours(1), dir.toString(), 1 << 20).build())
            .statusServer(new InetSocketAddress("127.0.0.1", 0), STATUS_TOKEN)
            .metrics(AgentMetrics.prometheus(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
            .clock(clock)
            .build();
    agent.start();
    InetSocketAddress bound = agent.statusAddress();
    assertThat(bound).isNotNull();
    base = "http://127.0.0.1:" + bound.getPort();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> agent.status("hourly").consecutiveErrors() == 1);
  }

  @AfterEach
  void stop() {
    agent.close();
    unreachable.close();
  }

  VaultRaftClient reader(String token) {
    return VaultRaftClient.builder().address(base).token(token).environment(Map.of()).build();
  }

  @Test
  void readRaftAutoSnapshotStatus_pointedAtTheAgent_returnsTheAgentsStatus() {
    try (VaultRaftClient reader = reader(STATUS_TOKEN)) {
      AutoSnapshotStatus read = reader.readRaftAutoSnapshotStatus("hourly");
      AutoSnapshotStatus own = agent.status("hourly");
      assertThat(read).isEqualTo(own);
      assertThat(read.consecutiveErrors()).isEqualTo(1);
      assertThat(read.lastSnapshotError()).isNotBlank();
      assertThat(read.lastSnapshotUrl()).isNull();
      assertThat(read.nextSnapshotStart()).isEqualTo(Instant.parse("2026-12-04T11:00:00Z"));
    }
  }

  @Test
  void status_withAWrongOrMissingToken_isVaults403() throws Exception {
    try (VaultRaftClient reader = reader("not-the-token")) {
      assertThatThrownBy(() -> reader.readRaftAutoSnapshotStatus("hourly"))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("permission denied")
          .hasMessageNotContaining("not-the-token");
    }
    HttpResponse<String> none = get("/v1/sys/storage/raft/snapshot-auto/status/hourly");
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(none.body()).contains("\"errors\"").contains("permission denied");
  }

  @Test
  void status_ofAnUnknownName_is404() {
    try (VaultRaftClient reader = reader(STATUS_TOKEN)) {
      assertThatThrownBy(() -> reader.readRaftAutoSnapshotStatus("weekly"))
          .isInstanceOf(VaultServerException.class)
          .satisfies(e -> assertThat(((VaultServerException) e).statusCode()).isEqualTo(404));
    }
  }

  @Test
  void healthz_isUpWithinTwoIntervalsOfTheStart_andDownAfter_withoutAToken() throws Exception {
    HttpResponse<String> fresh = get("/healthz");
    assertThat(fresh.statusCode()).isEqualTo(200);
    assertThat(fresh.body()).contains("\"healthy\": true");

    clock.advance(Duration.ofHours(2).plusSeconds(1));
    HttpResponse<String> stale = get("/healthz");
    assertThat(stale.statusCode()).isEqualTo(503);
    assertThat(stale.body()).contains("\"healthy\": false").contains("\"consecutive_errors\": 1");
  }

  @Test
  void metrics_servesTheFailure_underVaultEnterprisesTelemetryNames() throws Exception {
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("vault_autosnapshots_save_errors_total{snapshot_config_name=\"hourly\"} 1.0")
        .contains("vault_autosnapshots_last_success_time{snapshot_config_name=\"hourly\"} 0.0")
        .contains("vault_autosnapshots_percent_maxspace_used{snapshot_config_name=\"hourly\"}");
  }

  @Test
  void otherPathsAndMethods_areRefused() throws Exception {
    assertThat(get("/v1/sys/storage/raft/snapshot").statusCode()).isEqualTo(404);
    HttpResponse<String> post =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/healthz"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
