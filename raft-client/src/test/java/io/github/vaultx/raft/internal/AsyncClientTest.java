package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.vaultx.raft.CircuitOpenException;
import io.github.vaultx.raft.PermissionDeniedException;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.VaultRaftAsyncClient;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultUnavailableException;
import io.github.vaultx.raft.internal.access.ClientSettings;
import io.github.vaultx.raft.internal.access.Sleeper;
import io.github.vaultx.raft.testing.VaultResponses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the async client has: threads, cancellation, waits on the timer, the future's wrapping,
 * and the state it shares with its sync view. Everything both clients do is tested once for both
 * (the suites parametrised over {@link ClientKind}).
 */
class AsyncClientTest {
  static final String CONFIG = RetryAndFailoverTest.CONFIG;

  @TempDir Path dir;
  @RegisterExtension final MockVault vault = MockVault.create();

  VaultRaftClient client(Consumer<ClientSettings> settings) {
    return vault.newClient(settings);
  }

  static MockResponse config() {
    return VaultResponses.json(200, CONFIG);
  }

  /**
   * The live threads of a client, by name, whose names start with {@code prefix}; OkHttp renames a
   * thread while it runs a call, so they are found by their group.
   */
  static Set<String> threads(ThreadGroup group, String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getThreadGroup() == group)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .collect(Collectors.toSet());
  }

  static Set<String> threads(ThreadGroup group) {
    return threads(group, "");
  }

  /**
   * The client's threads without OkHttp's process-wide "OkHttp TaskRunner" and "Okio Watchdog",
   * which may start from a client thread (so in its group) and grow in number on a busy machine.
   */
  static Set<String> ownThreads(ThreadGroup group) {
    Set<String> own = new HashSet<>(threads(group));
    own.removeIf(name -> name.startsWith("OkHttp TaskRunner") || name.equals("Okio Watchdog"));
    return own;
  }

  /**
   * The group of the client's threads, learnt from the thread that completes a call. The server
   * holds its answer until the callback is attached: a call already complete would run the callback
   * on this thread instead.
   */
  ThreadGroup threadGroup(VaultRaftAsyncClient client) throws Exception {
    Dispatcher answering = vault.server().getDispatcher();
    CountDownLatch attached = new CountDownLatch(1);
    vault
        .server()
        .setDispatcher(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                attached.await(10, TimeUnit.SECONDS);
                return answering.dispatch(request);
              }
            });
    try {
      CompletableFuture<ThreadGroup> group =
          client.readRaftConfig().thenApply(c -> Thread.currentThread().getThreadGroup());
      attached.countDown();
      ThreadGroup found = group.get(10, TimeUnit.SECONDS);
      assertThat(found.getName()).matches("vaultx-raft-\\d+-threads");
      return found;
    } finally {
      vault.server().setDispatcher(answering);
    }
  }

  /** Live threads named by the client (not only its own: the snapshot verifier too). */
  static Set<String> namedThreads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .collect(Collectors.toSet());
  }

  List<String> files() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void fiveHundredConcurrentReads_completeOnABoundedNumberOfThreads() throws Exception {
    AtomicInteger served = new AtomicInteger();
    List<Integer> httpThreads = new CopyOnWriteArrayList<>();
    ThreadGroup[] group = new ThreadGroup[1];
    vault
        .server()
        .setDispatcher(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                if (group[0] != null) {
                  httpThreads.add(ownThreads(group[0]).size());
                }
                served.incrementAndGet();
                return config().setHeadersDelay(5, TimeUnit.MILLISECONDS);
              }
            });
    int limit = 16;
    try (VaultRaftClient client = client(o -> o.maxConcurrentRequests = limit)) {
      VaultRaftAsyncClient async = client.async();
      group[0] = threadGroup(async);

      List<CompletableFuture<RaftConfiguration>> calls = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        calls.add(async.readRaftConfig());
      }
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

      assertThat(calls).allSatisfy(call -> assertThat(call.join().index()).isEqualTo(7));
      assertThat(served).hasValue(501);
      assertThat(httpThreads).hasSize(500);
      assertThat(httpThreads.stream().mapToInt(Integer::intValue).max().orElseThrow())
          .isPositive()
          .isLessThanOrEqualTo(limit);
    }
  }

  @Test
  void close_leavesNoClientThreadRunning() throws Exception {
    vault.enqueue(config()); // learn the thread group
    vault.enqueue(VaultResponses.vaultError(503, "no active node")); // retried: the timer runs
    vault.enqueue(config());
    vault.enqueue(VaultResponses.snapshot(TestSnapshots.complete()));
    VaultRaftClient client =
        client(
            o -> {
              o.maxRetries = 1;
              o.sleeper = Sleeper.THREAD;
              o.initialBackoff = Duration.ofMillis(20);
            });
    VaultRaftAsyncClient async = client.async();
    ThreadGroup group = threadGroup(async);
    assertThat(async.readRaftConfig().get(10, TimeUnit.SECONDS).index()).isEqualTo(7);
    assertThat(
            async.takeRaftSnapshot(dir.resolve("vault.snap")).get(10, TimeUnit.SECONDS).sizeBytes())
        .isPositive();
    assertThat(threads(group)).anyMatch(n -> n.contains("-timer-"));
    assertThat(threads(group)).anyMatch(n -> n.contains("-snapshot-"));

    client.close();

    // OkHttp's "OkHttp TaskRunner" and "Okio Watchdog" serve every OkHttp client of the process
    // and may have been started from the client's threads (so in its group); they are not the
    // client's, and end on their own when idle.
    String own = group.getName().replace("threads", "");
    assertThat(threads(group, own)).isEmpty();
    assertThat(namedThreads("vaultx-raft-snapshot-verify")).isEmpty();
  }

  @Test
  void aClientUsedOnlySynchronously_startsNoThread() {
    vault.enqueue(config());
    try (VaultRaftClient client = client(o -> {})) {
      Set<String> before = namedThreads("vaultx-raft-");
      client.readRaftConfig();
      assertThat(namedThreads("vaultx-raft-")).isSubsetOf(before);
    }
  }

  @Test
  void takeRaftSnapshot_cancelled_cancelsTheCallAndLeavesNoFile() throws Exception {
    byte[] state = new byte[8 * 1024 * 1024];
    new Random(3).nextBytes(state);
    // About 80 s at this pace: only a cancelled call ends sooner.
    vault.enqueue(
        VaultResponses.snapshot(TestSnapshots.intact(java.util.Map.of("k", state)))
            .throttleBody(64 * 1024, 100, TimeUnit.MILLISECONDS));
    Path target = dir.resolve("vault.snap");
    CountDownLatch flowing = new CountDownLatch(1);
    try (VaultRaftClient client = client(o -> {})) {
      CompletableFuture<?> download =
          client.async().takeRaftSnapshot(target, bytes -> flowing.countDown());
      assertThat(flowing.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(files()).singleElement().asString().endsWith(".partial");

      assertThat(download.cancel(true)).isTrue();

      assertThatThrownBy(download::join).isInstanceOf(CancellationException.class);
      await().atMost(Duration.ofSeconds(10)).until(() -> files().isEmpty());
      assertThat(target).doesNotExist();
    }
  }

  @Test
  void readRaftConfig_cancelledWhileWaitingToRetry_sendsNoFurtherAttempt() throws Exception {
    vault.enqueue(VaultResponses.vaultError(503, "no active node"));
    vault.enqueue(config());
    // Virtual time: the backoff is a future the test holds, so the cancel always lands inside it.
    List<CompletableFuture<Void>> waits = new CopyOnWriteArrayList<>();
    Sleeper held =
        new Sleeper() {
          @Override
          public void sleep(Duration duration) {
            throw new AssertionError("the async client slept on a thread");
          }

          @Override
          public CompletableFuture<Void> after(Duration duration, ScheduledExecutorService timer) {
            CompletableFuture<Void> wait = new CompletableFuture<>();
            waits.add(wait);
            return wait;
          }
        };
    try (VaultRaftClient client =
        client(
            o -> {
              o.maxRetries = 2;
              o.sleeper = held;
            })) {
      CompletableFuture<RaftConfiguration> read = client.async().readRaftConfig();
      assertThat(vault.server().takeRequest(10, TimeUnit.SECONDS)).isNotNull();
      await().atMost(Duration.ofSeconds(10)).until(() -> waits.size() == 1);

      read.cancel(true);
      // The backoff ends after the cancel: the cancelled call must not go on to a retry.
      waits.get(0).complete(null);

      assertThat(vault.server().takeRequest(500, TimeUnit.MILLISECONDS)).isNull();
      assertThat(vault.server().getRequestCount()).isEqualTo(1);
      assertThat(read).isCancelled();
    }
  }

  @Test
  void readRaftConfig_completedByTheCallersTimeout_cancelsTheRequestInFlight() throws Exception {
    // No answer ever; with one request allowed in flight, the next call can only be sent once
    // the first was cancelled.
    vault.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    vault.enqueue(config());
    try (VaultRaftClient client = client(o -> o.maxConcurrentRequests = 1)) {
      CompletableFuture<RaftConfiguration> slow =
          client.async().readRaftConfig().orTimeout(200, TimeUnit.MILLISECONDS);
      assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class);

      assertThat(client.async().readRaftConfig().get(10, TimeUnit.SECONDS).index()).isEqualTo(7);
    }
  }

  @Test
  void retries_waitOnTheTimer_neverOnASleepingThread() throws Exception {
    List<Duration> scheduled = new CopyOnWriteArrayList<>();
    Sleeper timerOnly =
        new Sleeper() {
          @Override
          public void sleep(Duration duration) {
            throw new AssertionError("the async client slept on a thread");
          }

          @Override
          public CompletableFuture<Void> after(Duration duration, ScheduledExecutorService timer) {
            scheduled.add(duration);
            return Sleeper.THREAD.after(duration, timer);
          }
        };
    vault.enqueue(VaultResponses.vaultError(503, "no active node"));
    vault.enqueue(VaultResponses.vaultError(500, "internal error"));
    vault.enqueue(config());
    try (VaultRaftClient client =
        client(
            o -> {
              o.maxRetries = 2;
              o.sleeper = timerOnly;
              o.initialBackoff = Duration.ofMillis(10);
            })) {
      assertThat(client.async().readRaftConfig().get(10, TimeUnit.SECONDS).index()).isEqualTo(7);
    }
    assertThat(scheduled).hasSize(2);
  }

  @Test
  void failures_joinWrapsInCompletionException_getInExecutionException() {
    vault.enqueue(VaultResponses.vaultError(403, "permission denied"));
    vault.enqueue(VaultResponses.vaultError(403, "permission denied"));
    try (VaultRaftClient client = client(o -> {})) {
      assertThatThrownBy(() -> client.async().readRaftConfig().join())
          .isExactlyInstanceOf(CompletionException.class)
          .cause()
          .isExactlyInstanceOf(PermissionDeniedException.class)
          .hasMessage("403 on GET /v1/sys/storage/raft/configuration: permission denied");
      assertThatThrownBy(() -> client.async().readRaftConfig().get())
          .isExactlyInstanceOf(ExecutionException.class)
          .hasCauseExactlyInstanceOf(PermissionDeniedException.class);
    }
  }

  @Test
  void syncAndAsyncViews_shareTheCircuitBreakers() {
    vault.enqueue(VaultResponses.vaultError(500, "internal error"));
    vault.enqueue(VaultResponses.vaultError(500, "internal error"));
    try (VaultRaftClient client = client(o -> o.breakerWindow = 2)) {
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(VaultUnavailableException.class);
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(VaultUnavailableException.class);

      assertThatThrownBy(() -> client.async().readRaftConfig().join())
          .hasCauseInstanceOf(CircuitOpenException.class);
    }
    assertThat(vault.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void close_cancelsTheCallsInFlight_andLaterCallsThrow() throws Exception {
    vault.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    VaultRaftClient client = client(o -> {});
    VaultRaftAsyncClient async = client.async();
    CompletableFuture<RaftConfiguration> pending = async.readRaftConfig();
    assertThat(vault.server().takeRequest(10, TimeUnit.SECONDS)).isNotNull();

    async.close();

    assertThat(pending).isCancelled();
    assertThatThrownBy(async::readRaftConfig)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the client is closed");
    assertThatThrownBy(client::readRaftConfig).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builder_buildAsync_andBadConcurrency() {
    vault.enqueue(config());
    try (VaultRaftAsyncClient async =
        VaultRaftClient.builder()
            .environment(java.util.Map.of("HOME", dir.toString()))
            .address(vault.address())
            .token("t")
            .maxConcurrentRequests(4)
            .buildAsync()) {
      assertThat(async.readRaftConfig().join().index()).isEqualTo(7);
      assertThat(async.toString()).contains("maxConcurrentRequests=4");
    }
    assertThatThrownBy(() -> VaultRaftClient.builder().maxConcurrentRequests(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConcurrentRequests must be at least 1");
  }
}
