package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.internal.MockVault;
import io.github.vaultx.raft.internal.TestSnapshots;
import io.github.vaultx.raft.testing.VaultResponses;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every public call is one observation with its HTTP attempt as a child: each method of {@link
 * VaultRaftClient}, found by reflection so that a method added later is covered without a new case,
 * and (through {@link ClientKind#ASYNC}) its {@link VaultRaftAsyncClient} twin. Vault answers each
 * with a 403, which every operation maps to {@link PermissionDeniedException} after one attempt, so
 * the same expectations hold for all; the convenience overloads that delegate to another method
 * must still make one observation, not two. ObservationsTest covers retries, failover, redirects
 * and snapshot transfers; ObservationIT the real cluster.
 */
@ParameterizedClass
@EnumSource(ClientKind.class)
class EveryCallObservedTest {
  static final String CALL = DefaultRaftCallObservationConvention.NAME;
  static final String ATTEMPT = DefaultRaftAttemptObservationConvention.NAME;

  @TempDir Path dir;

  @RegisterExtension final MockVault vault;

  final TestObservationRegistry registry = TestObservationRegistry.create();
  final StoppedObservations recorder = new StoppedObservations();
  final List<Observation.Context> stopped = recorder.stopped;
  final AtomicInteger targets = new AtomicInteger();

  EveryCallObservedTest(ClientKind kind) {
    vault = MockVault.create().clients(kind);
    registry.observationConfig().observationHandler(recorder);
  }

  /** The public calls: every instance method but {@code async()} and {@code close()}. */
  static List<Method> publicCalls() {
    return Arrays.stream(VaultRaftClient.class.getDeclaredMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .filter(m -> !m.getName().equals("close") && !m.getName().equals("async"))
        .sorted(Comparator.comparing(Method::toGenericString))
        .toList();
  }

  /** An argument the client accepts for each parameter type of the API. */
  Object argument(Class<?> type, int position, String method) throws Exception {
    if (type == String.class) {
      if (method.equals("joinRaftCluster")) {
        return "http://127.0.0.1:8200";
      }
      if (method.equals("loadRaftAutoSnapshot") && position == 1) {
        return "s3://bucket/a.snap";
      }
      return position == 1 ? "secret/app" : "daily";
    }
    if (type == boolean.class) {
      return true;
    }
    if (type == Path.class) {
      if (method.equals("takeRaftSnapshot")) {
        return dir.resolve("taken-" + targets.incrementAndGet() + ".snap");
      }
      Path source = dir.resolve("source.snap");
      if (!Files.exists(source)) {
        Files.write(source, TestSnapshots.complete());
      }
      return source;
    }
    if (type == OutputStream.class) {
      return new ByteArrayOutputStream();
    }
    if (type == SnapshotProgressListener.class) {
      return (SnapshotProgressListener) bytes -> {};
    }
    if (type == RestoreOption[].class) {
      return new RestoreOption[0];
    }
    if (type == DrOperationToken.class) {
      return DrOperationToken.of("dr-operation-token");
    }
    if (type == RaftJoinRequest.class) {
      return RaftJoinRequest.builder("http://127.0.0.1:8200").build();
    }
    if (type == AutopilotConfig.class) {
      return AutopilotConfig.builder().maxTrailingLogs(500).build();
    }
    if (type == AutoSnapshotConfig.class) {
      return AutoSnapshotConfig.local(Duration.ofHours(1), "/tmp/vaultx-auto", 100_000).build();
    }
    throw new AssertionError("no test argument for " + type + " of " + method);
  }

  static String low(Observation.Context context, String key) {
    KeyValue value = context.getLowCardinalityKeyValue(key);
    return value == null ? "<absent>" : value.getValue();
  }

  @Test
  void everyPublicCall_isOneObservation_withItsAttemptAsChild() throws Exception {
    List<Method> calls = publicCalls();
    assertThat(calls).hasSizeGreaterThan(30);
    VaultRaftClient client =
        vault.newClient(options -> options.observations = MicrometerObservations.of(registry));
    List<String> problems = new ArrayList<>();

    for (Method method : calls) {
      vault.enqueue(VaultResponses.vaultError(403, "permission denied"));
      Class<?>[] types = method.getParameterTypes();
      Object[] args = new Object[types.length];
      for (int i = 0; i < types.length; i++) {
        args[i] = argument(types[i], i, method.getName());
      }
      int before = stopped.size();
      Throwable thrown = null;
      try {
        method.invoke(client, args);
      } catch (InvocationTargetException e) {
        thrown = e.getCause();
      }
      String name = method.toGenericString();
      if (!(thrown instanceof PermissionDeniedException)) {
        problems.add(name + " threw " + thrown + " instead of PermissionDeniedException");
        continue;
      }
      List<Observation.Context> mine = stopped.subList(before, stopped.size());
      List<Observation.Context> callObservations =
          mine.stream().filter(c -> CALL.equals(c.getName())).toList();
      if (callObservations.size() != 1) {
        problems.add(name + " made " + callObservations.size() + " call observations");
        continue;
      }
      Observation.Context call = callObservations.get(0);
      if (!low(call, "vault.raft.operation").equals(method.getName())
          || !low(call, "outcome").equals("error")
          || !low(call, "error.type").equals("PermissionDeniedException")
          || !low(call, "http.status_class").equals("4xx")
          || !(call.getError() instanceof PermissionDeniedException)) {
        problems.add(name + " observed as " + call.getLowCardinalityKeyValues());
      }
      List<Observation.Context> attempts =
          mine.stream().filter(c -> ATTEMPT.equals(c.getName())).toList();
      ObservationView parent = attempts.size() == 1 ? attempts.get(0).getParentObservation() : null;
      if (parent == null || parent.getContextView() != call) {
        problems.add(name + " made " + attempts.size() + " attempts, not one child of its call");
      } else if (!low(attempts.get(0), "http.response.status_code").equals("403")) {
        problems.add(
            name + "'s attempt observed as " + attempts.get(0).getLowCardinalityKeyValues());
      }
      if (mine.size() != 2) {
        problems.add(name + " made " + mine.size() + " observations in all, not 2");
      }
    }

    assertThat(problems).isEmpty();
    assertThat(vault.server().getRequestCount()).isEqualTo(calls.size());
    TestObservationRegistryAssert.assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(CALL, calls.size())
        .hasNumberOfObservationsWithNameEqualTo(ATTEMPT, calls.size())
        .doesNotHaveAnyRemainingCurrentObservation();
  }
}
