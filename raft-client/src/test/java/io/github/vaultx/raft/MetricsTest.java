package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.internal.MockVault;
import io.github.vaultx.raft.internal.TestSnapshots;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Request timings, retry counts and breaker state published to a SimpleMeterRegistry. */
@ParameterizedClass
@EnumSource(ClientKind.class)
class MetricsTest {
  static final String CONFIG = "{\"data\":{\"config\":{\"index\":1,\"servers\":[]}}}";

  @TempDir Path dir;

  @RegisterExtension final MockVault vault;

  MetricsTest(ClientKind kind) {
    vault = MockVault.create().clients(kind);
  }

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  VaultRaftClient client(int maxRetries) {
    return vault.newClient(
        options -> {
          options.maxRetries = maxRetries;
          options.meterRegistry = registry;
        });
  }

  Timer requests(String operation, String outcome, String status, String exception) {
    return registry
        .get("vaultx.raft.requests")
        .tags("operation", operation, "outcome", outcome, "status", status, "exception", exception)
        .timer();
  }

  double retryCalls(String name, String kind) {
    return registry
        .get("resilience4j.retry.calls")
        .tags("name", name, "kind", kind)
        .functionCounter()
        .count();
  }

  @Test
  void builderOption_publishesARequestTimerPerOperationAndOutcome() {
    vault.enqueue(new MockResponse().setBody(CONFIG));
    vault.enqueue(new MockResponse().setResponseCode(403).setBody("{\"errors\":[\"denied\"]}"));
    try (VaultRaftClient client =
        vault
            .kind()
            .view(
                VaultRaftClient.builder()
                    .environment(Map.of("HOME", dir.toString()))
                    .address(vault.address())
                    .token("t")
                    .maxRetries(0)
                    .metrics(MicrometerMetrics.of(registry))
                    .build())) {
      client.readRaftConfig();
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(PermissionDeniedException.class);
    }

    Timer ok = requests("readRaftConfig", "success", "2xx", "none");
    assertThat(ok.count()).isEqualTo(1);
    assertThat(ok.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    assertThat(requests("readRaftConfig", "error", "403", "PermissionDeniedException").count())
        .isEqualTo(1);
  }

  @Test
  void retries_areCountedByResilience4jsTaggedRetryMetrics() {
    vault.enqueue(new MockResponse().setResponseCode(503).setBody("{\"errors\":[\"busy\"]}"));
    vault.enqueue(new MockResponse().setBody(CONFIG));
    vault.enqueue(new MockResponse().setResponseCode(503).setBody("{\"errors\":[\"busy\"]}"));
    try (VaultRaftClient client = client(1)) {
      client.readRaftConfig();
      assertThatThrownBy(() -> client.removeRaftNode("n3"))
          .isInstanceOf(VaultUnavailableException.class);

      assertThat(retryCalls("vaultx-raft-read", "successful_with_retry")).isEqualTo(1);
      assertThat(retryCalls("vaultx-raft-once", "failed_without_retry")).isEqualTo(1);
      assertThat(requests("removeRaftNode", "error", "503", "VaultUnavailableException").count())
          .isEqualTo(1);
    }
  }

  @Test
  void breakerState_isPublishedPerNode_andRemovedOnClose() {
    String node = vault.server().getHostName() + ":" + vault.server().getPort();
    VaultRaftClient client = client(0);
    assertThat(
            registry
                .get("resilience4j.circuitbreaker.state")
                .tags("name", node, "state", "closed")
                .gauge()
                .value())
        .isEqualTo(1.0);

    client.close();

    assertThat(registry.find("resilience4j.circuitbreaker.state").gauges()).isEmpty();
    assertThat(registry.find("resilience4j.retry.calls").functionCounters()).isEmpty();
  }

  /**
   * The body is throttled to take about 200 ms after the headers, so a timer that stopped at the
   * headers would hold a fraction of the transfer; the timer and the snapshot's own elapsed time
   * start and stop at nearby but different instants, hence the 10% allowance.
   */
  @Test
  void snapshotDownload_isTimedWithItsWholeTransfer() {
    byte[] bytes = TestSnapshots.complete();
    vault.enqueue(
        new MockResponse()
            .setBody(new Buffer().write(bytes))
            .throttleBody(bytes.length / 10 + 1, 20, java.util.concurrent.TimeUnit.MILLISECONDS));
    vault.enqueue(
        new MockResponse().setResponseCode(404).setBody("{\"errors\":[]}").setHeader("X", "y"));
    try (VaultRaftClient client = client(0)) {
      SnapshotInfo info = client.takeRaftSnapshot(dir.resolve("s.snap"));
      assertThat(client.listRaftAutoSnapshotConfigs()).isEmpty();

      Timer snapshot = requests("takeRaftSnapshot", "success", "2xx", "none");
      assertThat(snapshot.count()).isEqualTo(1);
      assertThat(snapshot.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
          .isGreaterThanOrEqualTo(info.elapsed().toNanos() * 0.9);
      assertThat(requests("listRaftAutoSnapshotConfigs", "success", "2xx", "none").count())
          .as("LIST's 404 with no errors means an empty list, a success")
          .isEqualTo(1);
    }
  }

  @Test
  void metrics_ofNull_isRejected() {
    assertThatThrownBy(() -> MicrometerMetrics.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("registry must not be null");
    assertThatThrownBy(() -> VaultRaftClient.builder().metrics(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metrics must not be null");
  }
}
