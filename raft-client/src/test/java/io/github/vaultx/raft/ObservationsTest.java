package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.internal.MockVault;
import io.github.vaultx.raft.internal.TestSnapshots;
import io.github.vaultx.raft.testing.VaultResponses;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One observation per public call with its HTTP attempts as children, on both clients, in the
 * situations only MockWebServer can stage (a 503 then a 200, a refused connection, a standby's
 * redirect, a snapshot cut short). ObservationIT shows the same against the real cluster.
 */
@ParameterizedClass
@EnumSource(ClientKind.class)
class ObservationsTest {
  static final String CALL = DefaultRaftCallObservationConvention.NAME;
  static final String ATTEMPT = DefaultRaftAttemptObservationConvention.NAME;
  static final String CONFIG = "{\"data\":{\"config\":{\"index\":1,\"servers\":[]}}}";

  @TempDir Path dir;

  @RegisterExtension final MockVault vault;
  @RegisterExtension final MockVault second = MockVault.create();

  final TestObservationRegistry registry = TestObservationRegistry.create();

  /** Every observation as it stopped, in order. */
  final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

  /** For a call's observation, what a check saw at the moment it stopped. */
  final Map<Observation.Context, Object> seenAtStop = new ConcurrentHashMap<>();

  Function<Observation.Context, Object> checkAtCallStop = context -> "unchecked";

  ObservationsTest(ClientKind kind) {
    vault = MockVault.create().clients(kind);
    registry
        .observationConfig()
        .observationHandler(
            new ObservationHandler<>() {
              @Override
              public void onStop(Observation.Context context) {
                if (CALL.equals(context.getName())) {
                  seenAtStop.put(context, checkAtCallStop.apply(context));
                }
                stopped.add(context);
              }

              @Override
              public boolean supportsContext(Observation.Context context) {
                return true;
              }
            });
  }

  VaultRaftClient client(int maxRetries, String... addresses) {
    return vault.newClient(
        options -> {
          options.maxRetries = maxRetries;
          options.observations = MicrometerObservations.of(registry);
          if (addresses.length > 0) {
            options.addresses = List.of(addresses);
          }
        });
  }

  List<Observation.Context> calls() {
    return stopped.stream().filter(c -> CALL.equals(c.getName())).toList();
  }

  Observation.Context onlyCall() {
    assertThat(calls()).hasSize(1);
    return calls().get(0);
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

  static String high(Observation.Context context, String key) {
    KeyValue value = context.getHighCardinalityKeyValue(key);
    return value == null ? "<absent>" : value.getValue();
  }

  static String port(MockVault node) {
    return Integer.toString(node.server().getPort());
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void readRaftConfig_isOneObservation_withItsAttemptAsChild() {
    vault.enqueue(VaultResponses.json(200, CONFIG));

    client(0).readRaftConfig();

    Observation.Context call = onlyCall();
    assertThat(call.getContextualName()).isEqualTo("readRaftConfig");
    assertThat(call.getParentObservation()).isNull();
    assertThat(low(call, "vault.raft.operation")).isEqualTo("readRaftConfig");
    assertThat(low(call, "outcome")).isEqualTo("success");
    assertThat(low(call, "error.type")).isEqualTo("none");
    assertThat(low(call, "http.status_class")).isEqualTo("2xx");
    assertThat(low(call, "server.address")).isEqualTo(vault.server().getHostName());
    assertThat(low(call, "server.port")).isEqualTo(port(vault));
    assertThat(high(call, "vault.raft.attempts")).isEqualTo("1");
    assertThat(call.getLowCardinalityKeyValue("url.full")).isNull();

    List<Observation.Context> attempts = attemptsOf(call);
    assertThat(attempts).hasSize(1);
    Observation.Context attempt = attempts.get(0);
    assertThat(attempt.getContextualName()).isEqualTo("GET");
    assertThat(low(attempt, "http.request.method")).isEqualTo("GET");
    assertThat(low(attempt, "server.address")).isEqualTo(vault.server().getHostName());
    assertThat(low(attempt, "server.port")).isEqualTo(port(vault));
    assertThat(low(attempt, "http.response.status_code")).isEqualTo("200");
    assertThat(low(attempt, "error.type")).isEqualTo("none");
    assertThat(high(attempt, "url.full"))
        .isEqualTo(vault.address() + "v1/sys/storage/raft/configuration");
    assertThat(attempt.getHighCardinalityKeyValue("http.request.resend_count")).isNull();
    assertThat(attempt.getLowCardinalityKeyValue("url.full")).isNull();
    TestObservationRegistryAssert.assertThat(registry)
        .hasNumberOfObservationsEqualTo(2)
        .doesNotHaveAnyRemainingCurrentObservation();
  }

  @Test
  void retriedCall_hasOneChildPerAttempt_andResendCountFromTheSecond() {
    vault.enqueue(VaultResponses.vaultError(503, "no active node"));
    vault.enqueue(VaultResponses.json(200, CONFIG));

    client(1).readRaftConfig();

    Observation.Context call = onlyCall();
    assertThat(low(call, "outcome")).isEqualTo("success");
    assertThat(high(call, "vault.raft.attempts")).isEqualTo("2");
    List<Observation.Context> attempts = attemptsOf(call);
    assertThat(attempts).hasSize(2);
    assertThat(low(attempts.get(0), "http.response.status_code")).isEqualTo("503");
    assertThat(low(attempts.get(0), "error.type")).isEqualTo("503");
    assertThat(attempts.get(0).getHighCardinalityKeyValue("http.request.resend_count")).isNull();
    assertThat(low(attempts.get(1), "http.response.status_code")).isEqualTo("200");
    assertThat(high(attempts.get(1), "http.request.resend_count")).isEqualTo("1");
  }

  @Test
  void meters_carryOnlyTheLowCardinalityKeys() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    vault.enqueue(VaultResponses.vaultError(503, "no active node"));
    vault.enqueue(VaultResponses.json(200, CONFIG));

    client(1).readRaftConfig();

    // "error" is DefaultMeterObservationHandler's own tag (the exception's simple name or "none").
    Timer call = meters.get(CALL).timer();
    assertThat(call.count()).isEqualTo(1);
    assertThat(call.getId().getTags())
        .extracting(Tag::getKey)
        .containsExactlyInAnyOrder(
            "vault.raft.operation",
            "outcome",
            "error.type",
            "http.status_class",
            "server.address",
            "server.port",
            "error");
    Collection<Timer> attempts = meters.get(ATTEMPT).timers();
    assertThat(attempts).hasSize(2); // the 503 and the 200
    for (Timer attempt : attempts) {
      assertThat(attempt.getId().getTags())
          .extracting(Tag::getKey)
          .containsExactlyInAnyOrder(
              "http.request.method",
              "server.address",
              "server.port",
              "http.response.status_code",
              "error.type",
              "vault.raft.operation",
              "error");
    }
    // url.full, http.request.resend_count and vault.raft.attempts are on no meter at all.
    assertThat(meters.getMeters())
        .flatExtracting(meter -> meter.getId().getTags())
        .extracting(Tag::getKey)
        .doesNotContain("url.full", "http.request.resend_count", "vault.raft.attempts");
  }

  @Test
  void failover_toASecondAddress_isAnAttemptOfTheSameCall() throws Exception {
    int dead = closedPort();
    second.enqueue(VaultResponses.json(200, CONFIG));

    client(0, "http://127.0.0.1:" + dead, second.address()).readRaftConfig();

    Observation.Context call = onlyCall();
    assertThat(low(call, "outcome")).isEqualTo("success");
    assertThat(low(call, "server.port")).isEqualTo(port(second));
    List<Observation.Context> attempts = attemptsOf(call);
    assertThat(attempts).hasSize(2);
    Observation.Context refused = attempts.get(0);
    assertThat(low(refused, "server.port")).isEqualTo(Integer.toString(dead));
    assertThat(low(refused, "http.response.status_code")).isEqualTo("none");
    assertThat(low(refused, "error.type")).isEqualTo("java.net.ConnectException");
    assertThat(refused.getError()).isInstanceOf(java.net.ConnectException.class);
    assertThat(low(attempts.get(1), "server.port")).isEqualTo(port(second));
    assertThat(high(attempts.get(1), "http.request.resend_count")).isEqualTo("1");
  }

  @Test
  void failedCall_carriesTheExceptionAndVaultsStatusClass() {
    vault.enqueue(VaultResponses.vaultError(403, "permission denied"));

    assertThatThrownBy(() -> client(0).readRaftConfig())
        .isInstanceOf(PermissionDeniedException.class);

    Observation.Context call = onlyCall();
    assertThat(call.getError()).isInstanceOf(PermissionDeniedException.class);
    assertThat(low(call, "outcome")).isEqualTo("error");
    assertThat(low(call, "error.type")).isEqualTo("PermissionDeniedException");
    assertThat(low(call, "http.status_class")).isEqualTo("4xx");
    Observation.Context attempt = attemptsOf(call).get(0);
    assertThat(low(attempt, "http.response.status_code")).isEqualTo("403");
    assertThat(low(attempt, "error.type")).isEqualTo("403");
  }

  @Test
  void callWithoutAnyAnswer_namesNoServerAndNoStatus() throws Exception {
    assertThatThrownBy(() -> client(0, "http://127.0.0.1:" + closedPort()).readRaftConfig())
        .isInstanceOf(VaultClientException.class);

    Observation.Context call = onlyCall();
    assertThat(low(call, "error.type")).isEqualTo("VaultClientException");
    assertThat(low(call, "http.status_class")).isEqualTo("none");
    assertThat(low(call, "server.address")).isEqualTo("none");
    assertThat(low(call, "server.port")).isEqualTo("none");
  }

  @Test
  void takeRaftSnapshot_observationEndsOnceTheFileIsInPlace() throws Exception {
    byte[] snapshot = TestSnapshots.complete();
    vault.enqueue(VaultResponses.snapshot(snapshot));
    Path target = dir.resolve("vault.snap");
    checkAtCallStop = context -> Files.exists(target);

    client(0).takeRaftSnapshot(target);

    Observation.Context call = onlyCall();
    assertThat(seenAtStop.get(call)).isEqualTo(true);
    assertThat(low(call, "vault.raft.operation")).isEqualTo("takeRaftSnapshot");
    assertThat(low(call, "outcome")).isEqualTo("success");
    assertThat(attemptsOf(call)).hasSize(1);
  }

  @Test
  void takeRaftSnapshot_intoAStream_endsOnceEveryByteIsWritten() {
    byte[] snapshot = TestSnapshots.complete();
    vault.enqueue(VaultResponses.snapshot(snapshot));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    checkAtCallStop = context -> out.size();

    client(0).takeRaftSnapshot(out);

    assertThat(seenAtStop.get(onlyCall())).isEqualTo(snapshot.length);
  }

  @Test
  void takeRaftSnapshot_throughAStandbysRedirect_isAnsweredByTheActiveNode() {
    vault.enqueue(
        new MockResponse()
            .setResponseCode(307)
            .setHeader("Location", second.server().url("/v1/sys/storage/raft/snapshot")));
    second.enqueue(VaultResponses.snapshot(TestSnapshots.complete()));

    client(0).takeRaftSnapshot(new ByteArrayOutputStream());

    Observation.Context call = onlyCall();
    assertThat(low(call, "server.port")).isEqualTo(port(second));
    List<Observation.Context> hops = attemptsOf(call);
    assertThat(hops).hasSize(2);
    assertThat(low(hops.get(0), "server.port")).isEqualTo(port(vault));
    assertThat(low(hops.get(0), "http.response.status_code")).isEqualTo("307");
    assertThat(low(hops.get(1), "server.port")).isEqualTo(port(second));
    assertThat(high(hops.get(1), "http.request.resend_count")).isEqualTo("1");
  }

  @Test
  void takeRaftSnapshot_cutShort_isAnErrorAfterA2xx() {
    vault.enqueue(VaultResponses.snapshot(TestSnapshots.withoutSealedSums()));

    assertThatThrownBy(() -> client(0).takeRaftSnapshot(dir.resolve("cut.snap")))
        .isInstanceOf(IncompleteSnapshotException.class);

    Observation.Context call = onlyCall();
    assertThat(low(call, "error.type")).isEqualTo("IncompleteSnapshotException");
    assertThat(low(call, "http.status_class")).isEqualTo("2xx");
  }

  @Test
  void restoreRaftSnapshot_observationEndsAfterTheWholeFileWasSent() throws Exception {
    byte[] snapshot = TestSnapshots.complete();
    Path source = dir.resolve("in.snap");
    Files.write(source, snapshot);
    vault.enqueue(new MockResponse().setResponseCode(204));
    List<Long> sent = new CopyOnWriteArrayList<>();
    checkAtCallStop = context -> sent.isEmpty() ? 0L : sent.get(sent.size() - 1);

    client(0).restoreRaftSnapshot(source, sent::add);

    Observation.Context call = onlyCall();
    assertThat(seenAtStop.get(call)).isEqualTo((long) snapshot.length);
    Observation.Context attempt = attemptsOf(call).get(0);
    assertThat(low(attempt, "http.request.method")).isEqualTo("POST");
    assertThat(low(attempt, "http.response.status_code")).isEqualTo("204");
  }

  @Test
  void theCallersCurrentObservation_isTheParentOfTheCall() {
    vault.enqueue(VaultResponses.json(200, CONFIG));
    VaultRaftClient client = client(0);

    Observation application = Observation.start("application.work", registry);
    Observation.Scope scope = application.openScope();
    try {
      client.readRaftConfig();
    } finally {
      scope.close();
      application.stop();
    }

    assertThat(onlyCall().getParentObservation()).isSameAs(application);
    TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyRemainingCurrentObservation();
  }

  @Test
  void noKeyValue_carriesTheTokenOrAQueryValue() {
    vault.enqueue(VaultResponses.json(200, "{\"data\":{\"keys\":[\"daily\"]}}"));

    client(0).listRaftAutoSnapshotConfigs();

    Observation.Context attempt = attemptsOf(onlyCall()).get(0);
    assertThat(high(attempt, "url.full"))
        .endsWith("/v1/sys/storage/raft/snapshot-auto/config?list=REDACTED");
    for (Observation.Context context : stopped) {
      assertThat(context.getAllKeyValues())
          .extracting(KeyValue::getValue)
          .noneMatch(value -> value.contains(MockVault.TOKEN) || value.contains("list=true"));
    }
  }

  @Test
  void aReplacedConvention_namesTheCall() {
    vault.enqueue(VaultResponses.json(200, CONFIG));
    VaultRaftClient client =
        vault.newClient(
            options -> {
              options.observations =
                  MicrometerObservations.of(registry)
                      .withCallConvention(
                          new DefaultRaftCallObservationConvention() {
                            @Override
                            public String getName() {
                              return "my.vault.calls";
                            }
                          });
            });

    client.readRaftConfig();

    TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo("my.vault.calls")
        .that()
        .hasLowCardinalityKeyValue("vault.raft.operation", "readRaftConfig")
        .hasBeenStopped();
    TestObservationRegistryAssert.assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(ATTEMPT, 1);
  }

  @Test
  void aReplacedAttemptConvention_namesAndTagsTheAttempts() {
    vault.enqueue(VaultResponses.json(200, CONFIG));
    VaultRaftClient client =
        vault.newClient(
            options -> {
              options.observations =
                  MicrometerObservations.of(registry)
                      .withAttemptConvention(
                          new DefaultRaftAttemptObservationConvention() {
                            @Override
                            public String getName() {
                              return "my.vault.attempts";
                            }

                            @Override
                            public KeyValues getLowCardinalityKeyValues(
                                RaftAttemptContext context) {
                              return KeyValues.of("node", context.serverAddress());
                            }
                          });
            });

    client.readRaftConfig();

    TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo("my.vault.attempts")
        .that()
        .hasLowCardinalityKeyValue("node", vault.server().getHostName())
        .doesNotHaveLowCardinalityKeyValueWithKey("http.request.method")
        .hasParentObservationContextMatching(parent -> CALL.equals(parent.getName()));
    TestObservationRegistryAssert.assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(ATTEMPT, 0)
        .hasNumberOfObservationsWithNameEqualTo(CALL, 1);
  }

  /** A convention registered on the registry rather than given to the client. */
  static final class GlobalCallConvention extends DefaultRaftCallObservationConvention
      implements GlobalObservationConvention<RaftCallContext> {
    @Override
    public String getName() {
      return "global.vault.calls";
    }
  }

  @Test
  void aGlobalConventionOfTheRegistry_replacesTheDefault() {
    registry.observationConfig().observationConvention(new GlobalCallConvention());
    vault.enqueue(VaultResponses.json(200, CONFIG));

    client(0).readRaftConfig();

    TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo("global.vault.calls")
        .that()
        .hasLowCardinalityKeyValue("vault.raft.operation", "readRaftConfig");
    TestObservationRegistryAssert.assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(CALL, 0);
  }

  @Test
  void badInput_throwsBeforeAnyObservation() {
    assertThatThrownBy(() -> client(0).readRaftAutoSnapshotStatus("a/b"))
        .isInstanceOf(IllegalArgumentException.class);
    TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyObservation();
  }
}
