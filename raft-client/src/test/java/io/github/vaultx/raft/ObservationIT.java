package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Observations against a real three-node cluster: one per call with its attempts as children, for
 * sync and async calls, a failed call, an async call failing over from a dead address, and a
 * snapshot taken through a standby, whose 307 to the active node makes a second attempt answered by
 * the active node.
 */
class ObservationIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  static final String CALL = DefaultRaftCallObservationConvention.NAME;
  static final String ATTEMPT = DefaultRaftAttemptObservationConvention.NAME;

  final TestObservationRegistry registry = TestObservationRegistry.create();
  final StoppedObservations recorder = new StoppedObservations();
  final List<Observation.Context> stopped = recorder.stopped;

  ObservationIT() {
    registry.observationConfig().observationHandler(recorder);
  }

  MicrometerObservations observations() {
    return MicrometerObservations.of(registry);
  }

  List<Observation.Context> calls() {
    return stopped.stream().filter(c -> CALL.equals(c.getName())).toList();
  }

  List<Observation.Context> attemptsOf(Observation.Context call) {
    List<Observation.Context> children = new ArrayList<>();
    for (Observation.Context context : stopped) {
      ObservationView parent = context.getParentObservation();
      if (ATTEMPT.equals(context.getName()) && parent != null && parent.getContextView() == call) {
        children.add(context);
      }
    }
    return children;
  }

  static String low(Observation.Context context, String key) {
    KeyValue value = context.getLowCardinalityKeyValue(key);
    return value == null ? "<absent>" : value.getValue();
  }

  static String port(String address) {
    return Integer.toString(URI.create(address).getPort());
  }

  @Test
  void syncAndAsyncCalls_areOneObservationEach_withTheirAttemptsAsChildren() throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    try (VaultRaftClient client =
        ClusterClients.builder(cluster)
            .addresses(cluster.addresses())
            .token(cluster.rootToken())
            .observations(observations())
            .build()) {
      client.readRaftConfig();
      client.readRaftAutopilotState();
      client.async().readRaftAutopilotConfig().get(60, TimeUnit.SECONDS);
    }

    assertThat(calls())
        .extracting(c -> low(c, "vault.raft.operation"))
        .containsExactly("readRaftConfig", "readRaftAutopilotState", "readRaftAutopilotConfig");
    List<String> ports = cluster.addresses().stream().map(ObservationIT::port).toList();
    for (Observation.Context call : calls()) {
      assertThat(low(call, "outcome")).isEqualTo("success");
      assertThat(low(call, "http.status_class")).isEqualTo("2xx");
      assertThat(ports).contains(low(call, "server.port"));
      List<Observation.Context> attempts = attemptsOf(call);
      assertThat(attempts).isNotEmpty();
      assertThat(low(attempts.get(attempts.size() - 1), "http.response.status_code"))
          .isEqualTo("200");
    }
    assertThat(stopped)
        .hasSize(calls().size() + calls().stream().mapToInt(c -> attemptsOf(c).size()).sum());
    TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyRemainingCurrentObservation();
  }

  @Test
  void snapshotThroughAStandby_isOneObservation_answeredByTheActiveNode() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int standby = cluster.followerIndex();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VaultRaftClient client =
        ClusterClients.builder(cluster)
            .address(cluster.address(standby))
            .token(cluster.rootToken())
            .observations(observations())
            .build()) {
      client.takeRaftSnapshot(out);
    }

    assertThat(calls()).hasSize(1);
    Observation.Context call = calls().get(0);
    assertThat(low(call, "vault.raft.operation")).isEqualTo("takeRaftSnapshot");
    assertThat(low(call, "outcome")).isEqualTo("success");
    assertThat(low(call, "server.port")).isEqualTo(port(cluster.leaderAddress()));
    List<Observation.Context> hops = attemptsOf(call);
    assertThat(hops).hasSize(2);
    assertThat(low(hops.get(0), "server.port")).isEqualTo(port(cluster.address(standby)));
    assertThat(low(hops.get(0), "http.response.status_code")).isEqualTo("307");
    assertThat(low(hops.get(1), "server.port")).isEqualTo(port(cluster.leaderAddress()));
    assertThat(low(hops.get(1), "http.response.status_code")).isEqualTo("200");
    assertThat(hops.get(1).getHighCardinalityKeyValue("http.request.resend_count").getValue())
        .isEqualTo("1");
    assertThat(out.size()).isPositive();
  }

  @Test
  void failover_fromADeadAddressToTheActiveNode_isOneObservationWithBothAttempts()
      throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    int dead;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      dead = socket.getLocalPort();
    }
    try (VaultRaftClient client =
        ClusterClients.builder(cluster)
            .addresses(List.of("http://127.0.0.1:" + dead, cluster.leaderAddress()))
            .token(cluster.rootToken())
            .observations(observations())
            .build()) {
      client.async().readRaftConfig().get(60, TimeUnit.SECONDS);
    }

    assertThat(calls()).hasSize(1);
    Observation.Context call = calls().get(0);
    assertThat(low(call, "outcome")).isEqualTo("success");
    assertThat(low(call, "server.port")).isEqualTo(port(cluster.leaderAddress()));
    List<Observation.Context> attempts = attemptsOf(call);
    assertThat(attempts).hasSize(2);
    assertThat(low(attempts.get(0), "server.port")).isEqualTo(Integer.toString(dead));
    assertThat(low(attempts.get(0), "http.response.status_code")).isEqualTo("none");
    assertThat(low(attempts.get(0), "error.type")).isEqualTo("java.net.ConnectException");
    assertThat(low(attempts.get(1), "http.response.status_code")).isEqualTo("200");
    assertThat(attempts.get(1).getHighCardinalityKeyValue("http.request.resend_count").getValue())
        .isEqualTo("1");
  }

  @Test
  void failedCall_carriesItsTypedErrorAndStatusClass() {
    LocalRaftCluster cluster = CLUSTER.cluster();
    try (VaultRaftClient client =
        ClusterClients.builder(cluster)
            .addresses(cluster.addresses())
            .token(cluster.rootToken())
            .observations(observations())
            .build()) {
      assertThatThrownBy(() -> client.readRaftAutoSnapshotStatus("daily"))
          .isInstanceOf(EnterpriseOnlyException.class);
    }

    Observation.Context call = calls().get(0);
    assertThat(low(call, "outcome")).isEqualTo("error");
    assertThat(low(call, "error.type")).isEqualTo("EnterpriseOnlyException");
    assertThat(low(call, "http.status_class")).isEqualTo("4xx");
    assertThat(attemptsOf(call)).hasSize(1);
    assertThat(low(attemptsOf(call).get(0), "error.type")).isEqualTo("404");
  }
}
