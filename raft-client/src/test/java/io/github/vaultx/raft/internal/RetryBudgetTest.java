package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.CircuitOpenException;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.StandbyNodeException;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultSealedException;
import io.github.vaultx.raft.VaultServerException;
import io.github.vaultx.raft.internal.access.ClientSettings;
import io.github.vaultx.raft.testing.VaultResponses;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The retry budget on virtual time ({@link VirtualClock}): calls that are safe to repeat go on
 * retrying after their maxRetries until the budget is spent, calls sent once do not, and the whole
 * wait of a call that never succeeds is exactly the budget.
 */
@ParameterizedClass
@EnumSource(ClientKind.class)
class RetryBudgetTest {
  static final String CONFIG =
      "{\"data\":{\"config\":{\"index\":7,\"servers\":[{\"node_id\":\"n1\",\"address\":\"a:8201\","
          + "\"leader\":true,\"voter\":true,\"protocol_version\":\"3\"}]}}}";

  @RegisterExtension final MockVault vault;
  @RegisterExtension final MockVault second = MockVault.create();
  @RegisterExtension final MockVault third = MockVault.create();
  final VirtualClock clock = new VirtualClock();
  final AtomicInteger requests = new AtomicInteger();

  RetryBudgetTest(ClientKind kind) {
    vault = MockVault.create().clients(kind);
  }

  VaultRaftClient client(int maxRetries, Duration budget) {
    return vault.newClient(
        o -> {
          o.maxRetries = maxRetries;
          o.retryBudget = budget;
          o.initialBackoff = Duration.ofMillis(500);
          o.maxBackoff = Duration.ofSeconds(4);
          o.sleeper = clock;
        });
  }

  /** Answers 503 "no active node" (an election) until the virtual clock reaches {@code at}. */
  void electionUntil(Duration at) {
    vault
        .server()
        .setDispatcher(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                requests.incrementAndGet();
                return clock.elapsed().compareTo(at) < 0
                    ? VaultResponses.vaultError(
                        503, "local node not active but no active node found")
                    : VaultResponses.json(200, CONFIG);
              }
            });
  }

  @Test
  void readRaftConfig_throughAnElectionShorterThanTheBudget_succeedsAfterMoreThanMaxRetries() {
    electionUntil(Duration.ofSeconds(8));
    try (VaultRaftClient client = client(2, Duration.ofSeconds(15))) {
      RaftConfiguration config = client.readRaftConfig();
      assertThat(config.index()).isEqualTo(7);
    }
    assertThat(clock.elapsed()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
    assertThat(requests.get()).isGreaterThan(3).isEqualTo(clock.waits.size() + 1);
  }

  @Test
  void readRaftConfig_neverAnswered_stopsWhenTheBudgetIsSpentAndTheLastWaitIsCut() {
    electionUntil(Duration.ofDays(1));
    try (VaultRaftClient client = client(2, Duration.ofSeconds(10))) {
      assertThatThrownBy(client::readRaftConfig)
          .isInstanceOf(StandbyNodeException.class)
          .hasMessageContaining("503 on GET /v1/sys/storage/raft/configuration");
    }
    // The waits add up to the budget exactly: the last one is cut to what was left.
    assertThat(clock.waited()).isEqualTo(Duration.ofSeconds(10));
    assertThat(clock.waits)
        .allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofSeconds(4)));
    assertThat(requests.get()).isEqualTo(clock.waits.size() + 1).isGreaterThan(3);
  }

  @Test
  void updateRaftAutopilotConfig_anIdempotentWrite_usesTheBudgetToo() {
    vault
        .server()
        .setDispatcher(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                requests.incrementAndGet();
                return clock.elapsed().compareTo(Duration.ofSeconds(6)) < 0
                    ? VaultResponses.vaultError(
                        503, "local node not active but no active node found")
                    : new MockResponse().setResponseCode(204);
              }
            });
    try (VaultRaftClient client = client(2, Duration.ofSeconds(15))) {
      client.updateRaftAutopilotConfig(
          io.github.vaultx.raft.AutopilotConfig.builder().cleanupDeadServers(false).build());
    }
    assertThat(requests.get()).isGreaterThan(3);
    assertThat(clock.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
  }

  /** A client whose single node's breaker opens after two failed calls and rests 5 s. */
  VaultRaftClient breakingClient() {
    return vault.newClient(
        o -> {
          o.maxRetries = 2;
          o.retryBudget = Duration.ofSeconds(15);
          o.initialBackoff = Duration.ofMillis(500);
          o.maxBackoff = Duration.ofSeconds(4);
          o.breakerWindow = 2;
          o.breakerOpenDuration = Duration.ofSeconds(5);
          o.sleeper = clock;
        });
  }

  /** Answers {@code failure} until the virtual clock reaches {@code at}, then the configuration. */
  void failingUntil(Duration at, MockResponse failure) {
    vault
        .server()
        .setDispatcher(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                requests.incrementAndGet();
                return clock.elapsed().compareTo(at) < 0
                    ? failure
                    : VaultResponses.json(200, CONFIG);
              }
            });
  }

  @Test
  void readRaftConfig_breakerOpenedBy5xx_waitsForItsTrialCallWithinTheBudget() {
    failingUntil(Duration.ofSeconds(8), VaultResponses.vaultError(500, "internal error"));
    try (VaultRaftClient client = breakingClient()) {
      assertThat(client.readRaftConfig().index()).isEqualTo(7);
    }
    // The breaker opened after two 500s; while it rested, the retries were refused without a
    // request, and its trial calls (one per 5 s rest) reached the node until it answered.
    assertThat(clock.elapsed()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(15));
    assertThat(requests.get()).isBetween(3, 5);
    assertThat(clock.waits.size() + 1).isGreaterThan(requests.get());
  }

  @Test
  void readRaftConfig_breakerOpenedBy5xxThatNeverEnds_failsWithTheBreakerAfterTheBudget() {
    failingUntil(Duration.ofDays(1), VaultResponses.vaultError(500, "internal error"));
    try (VaultRaftClient client = breakingClient()) {
      assertThatThrownBy(client::readRaftConfig)
          .isInstanceOfAny(CircuitOpenException.class, VaultServerException.class);
    }
    assertThat(clock.waited()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void readRaftConfig_breakerOpenedBySealedNode_failsAtOnce() {
    failingUntil(Duration.ofDays(1), VaultResponses.vaultError(503, "Vault is sealed"));
    try (VaultRaftClient client = breakingClient()) {
      // Each sealed answer is followed by the client's one seal-status question (a 503 here).
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(VaultSealedException.class);
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(VaultSealedException.class);
      clock.waits.clear();
      int before = requests.get();
      assertThatThrownBy(client::readRaftConfig)
          .isInstanceOf(CircuitOpenException.class)
          .hasCauseInstanceOf(VaultSealedException.class);
      assertThat(requests.get()).isEqualTo(before);
    }
    // Another attempt would not unseal it: the open breaker is not waited for.
    assertThat(clock.waits).isEmpty();
  }

  @Test
  void removeRaftNode_sentOnce_failsAtOnceOnAnOpenBreaker() {
    failingUntil(Duration.ofDays(1), VaultResponses.vaultError(500, "internal error"));
    try (VaultRaftClient client = breakingClient()) {
      assertThatThrownBy(client::readRaftConfig).isNotNull();
      clock.waits.clear();
      int before = requests.get();
      assertThatThrownBy(() -> client.removeRaftNode("node-2"))
          .isInstanceOf(CircuitOpenException.class)
          .satisfies(e -> assertThat(((CircuitOpenException) e).mayHaveReachedServer()).isFalse());
      assertThat(requests.get()).isEqualTo(before);
    }
    assertThat(clock.waits).isEmpty();
  }

  @Test
  void removeRaftNode_sentOnce_neverUsesTheBudget() {
    electionUntil(Duration.ofDays(1));
    try (VaultRaftClient client = client(2, Duration.ofSeconds(15))) {
      assertThatThrownBy(() -> client.removeRaftNode("node-2"))
          .isInstanceOf(StandbyNodeException.class);
    }
    assertThat(requests.get()).isEqualTo(1);
    assertThat(clock.waits).isEmpty();
  }

  @Test
  void zeroBudget_keepsToMaxRetries() {
    electionUntil(Duration.ofDays(1));
    try (VaultRaftClient client = client(2, Duration.ZERO)) {
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(StandbyNodeException.class);
    }
    assertThat(requests.get()).isEqualTo(3);
  }

  @Test
  void zeroMaxRetries_turnsRetryingOffWhateverTheBudget() {
    electionUntil(Duration.ofDays(1));
    try (VaultRaftClient client = client(0, Duration.ofSeconds(15))) {
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(StandbyNodeException.class);
    }
    assertThat(requests.get()).isEqualTo(1);
    assertThat(clock.waits).isEmpty();
  }

  @Test
  void backoff_onAnOpenBreaker_staysWithinHalfItsRest() {
    ClientSettings options = new ClientSettings();
    options.environment = java.util.Map.of();
    options.addresses = List.of("http://127.0.0.1:1");
    options.initialBackoff = Duration.ofMillis(500);
    options.maxBackoff = Duration.ofSeconds(30);
    options.breakerOpenDuration = Duration.ofSeconds(5);
    ResiliencePolicy policy = new ResiliencePolicy(ResolvedSettings.resolve(options), List.of());
    CircuitOpenException open = new CircuitOpenException("open");
    VaultServerException answered = new VaultServerException(500, "GET", "/x", List.of("boom"));
    for (int attempt = 1; attempt <= 12; attempt++) {
      assertThat(policy.backoff(attempt, open)).isLessThanOrEqualTo(Duration.ofMillis(2_500));
    }
    // A failure that reached a node keeps its exponential step: 500 ms << 7 = 64 s, capped at 30 s.
    assertThat(policy.backoff(8, answered)).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void budget_grantsTheCountFirstThenTimeAndCutsTheLastWait() {
    VirtualClock time = new VirtualClock();
    ClientSettings options = new ClientSettings();
    options.environment = java.util.Map.of();
    options.addresses = List.of("http://127.0.0.1:1");
    options.maxRetries = 2;
    options.retryBudget = Duration.ofSeconds(3);
    options.sleeper = time;
    ResolvedSettings config = ResolvedSettings.resolve(options);
    RetryBudget budget = RetryBudget.start(config, Operation.READ_CONFIGURATION);

    time.sleep(Duration.ofSeconds(5)); // the count is granted whatever the time
    assertThat(budget.next(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    assertThat(budget.next(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    assertThat(budget.next(Duration.ofSeconds(1))).isNull();

    RetryBudget fresh = RetryBudget.start(config, Operation.READ_CONFIGURATION);
    fresh.next(Duration.ZERO);
    fresh.next(Duration.ZERO);
    time.sleep(Duration.ofMillis(2_500));
    assertThat(fresh.next(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(500));
    time.sleep(Duration.ofMillis(500));
    assertThat(fresh.next(Duration.ofSeconds(2))).isNull();
    assertThat(fresh.retries()).isEqualTo(3);

    RetryBudget once = RetryBudget.start(config, Operation.REMOVE_PEER);
    assertThat(RetryBudget.budgetOf(config, Operation.REMOVE_PEER)).isZero();
    once.next(Duration.ZERO);
    once.next(Duration.ZERO);
    assertThat(once.next(Duration.ZERO)).isNull();
  }

  /** A node that takes 10 s of virtual time to say it has no active node to forward to. */
  static Dispatcher slowNoLeader(VirtualClock clock) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        clock.sleep(Duration.ofSeconds(10));
        return VaultResponses.vaultError(503, "local node not active but no active node found");
      }
    };
  }

  @Test
  void failoverWithinARound_stopsOnceTheBudgetIsSpent() {
    vault.server().setDispatcher(slowNoLeader(clock));
    second.server().setDispatcher(slowNoLeader(clock));
    third.server().setDispatcher(slowNoLeader(clock));
    try (VaultRaftClient client =
        vault.newClient(
            o -> {
              o.addresses = List.of(vault.address(), second.address(), third.address());
              o.maxRetries = 2;
              o.retryBudget = Duration.ofSeconds(15);
              o.sleeper = clock;
            })) {
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(StandbyNodeException.class);
    }
    // The first node answered at 10 s, within the budget: the call failed over. The second
    // answered at 20 s, past it: the third was never asked, and the two retries the count grants
    // whatever the time went to the first node alone. Without the stop, every round asked all
    // three nodes, 90 s of answers for a 15 s budget.
    assertThat(vault.server().getRequestCount()).isEqualTo(3);
    assertThat(second.server().getRequestCount()).isEqualTo(1);
    assertThat(third.server().getRequestCount()).isZero();
  }
}
