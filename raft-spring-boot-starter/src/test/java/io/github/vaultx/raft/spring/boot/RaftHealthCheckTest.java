package io.github.vaultx.raft.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.AutopilotServer;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultUnavailableException;
import io.github.vaultx.raft.spring.boot.RaftHealthCheck.Result;
import io.github.vaultx.raft.spring.boot.RaftHealthCheck.Status;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How the check judges autopilot's state, and how long it keeps an answer (on a fake clock). */
class RaftHealthCheckTest {

  /** A clock the test moves by hand. */
  static final class FakeClock extends Clock {
    Instant now = Instant.parse("2026-12-04T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  final FakeClock clock = new FakeClock();
  final VaultRaftProperties.Health settings = new VaultRaftProperties.Health();
  final AtomicInteger reads = new AtomicInteger();

  static AutopilotServer server(String id, boolean healthy, String status) {
    return new AutopilotServer(
        id,
        id,
        "127.0.0.1:8201",
        healthy ? "alive" : "failed",
        healthy ? Duration.ZERO : Duration.ofSeconds(12),
        3,
        61,
        healthy,
        null,
        status,
        "2.7.2",
        "voter");
  }

  /** A cluster of voters node-1 (leader), node-2, ...; the unhealthy ones listed. */
  static AutopilotState state(int voters, int tolerance, List<String> unhealthy) {
    Map<String, AutopilotServer> servers = new LinkedHashMap<>();
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 1; i <= voters; i++) {
      String id = "node-" + i;
      ids.add(id);
      servers.put(id, server(id, !unhealthy.contains(id), i == 1 ? "leader" : "voter"));
    }
    return new AutopilotState(unhealthy.isEmpty(), tolerance, "node-1", ids, List.of(), servers);
  }

  RaftHealthCheck check(Supplier<CompletableFuture<AutopilotState>> read) {
    return new RaftHealthCheck(
        () -> {
          reads.incrementAndGet();
          return read.get();
        },
        clock,
        settings);
  }

  RaftHealthCheck answering(AutopilotState state) {
    return check(() -> CompletableFuture.completedFuture(state));
  }

  @Test
  void threeHealthyVoters_toleranceOne_isUpWithDetails() {
    Result result = answering(state(3, 1, List.of())).check();

    assertThat(result.status()).isEqualTo(Status.UP);
    assertThat(result.details())
        .containsEntry("leader", "node-1")
        .containsEntry("voters", List.of("node-1", "node-2", "node-3"))
        .containsEntry("nonVoters", List.of())
        .containsEntry("failureTolerance", 1)
        .containsEntry("minFailureTolerance", 1)
        .containsEntry("healthy", true)
        .doesNotContainKey("unhealthyServers");
  }

  @Test
  void oneOfThreeVotersDead_toleranceZero_isOutOfServiceNamingTheServerAndWhy() {
    Result result = answering(state(3, 0, List.of("node-3"))).check();

    assertThat(result.status()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(result.details())
        .containsEntry("failureTolerance", 0)
        .containsEntry("healthy", false);
    @SuppressWarnings("unchecked")
    Map<String, String> unhealthy = (Map<String, String>) result.details().get("unhealthyServers");
    assertThat(unhealthy).containsOnlyKeys("node-3");
    assertThat(unhealthy.get("node-3")).contains("failed").contains("PT12S");
  }

  @Test
  void healthyButToleranceBelowConfiguredMinimum_isOutOfService() {
    settings.setMinFailureTolerance(2);

    Result result = answering(state(3, 1, List.of())).check();

    assertThat(result.status()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(result.details())
        .containsEntry("minFailureTolerance", 2)
        .containsEntry("reason", "failure tolerance 1 is below the minimum 2");
  }

  @Test
  void singleVoter_defaultMinimumIsZero_isUp() {
    Result result = answering(state(1, 0, List.of())).check();

    assertThat(result.status()).isEqualTo(Status.UP);
    assertThat(result.details()).containsEntry("minFailureTolerance", 0);
  }

  @Test
  void noLeader_isDown() {
    AutopilotState s = state(3, 0, List.of());
    AutopilotState leaderless =
        new AutopilotState(true, 0, null, s.voters(), s.nonVoters(), s.servers());

    Result result = answering(leaderless).check();

    assertThat(result.status()).isEqualTo(Status.DOWN);
    assertThat(result.details()).doesNotContainKey("leader").containsKey("reason");
  }

  @Test
  void noNodeReachable_isDownWithTheClientsExceptionTypeAndMessage() {
    VaultClientException refused =
        new VaultClientException(
            "GET /v1/sys/storage/raft/autopilot/state: connection refused",
            new ConnectException(),
            false);

    Result result = check(() -> CompletableFuture.failedFuture(refused)).check();

    assertThat(result.status()).isEqualTo(Status.DOWN);
    assertThat(result.details())
        .containsEntry("error", VaultClientException.class.getName())
        .containsEntry("message", refused.getMessage())
        .containsEntry(
            "reason", "no node gave a usable answer; the last one tried could not be reached");
  }

  @Test
  void vaultError_isDownWithItsStatus() {
    VaultUnavailableException unavailable =
        new VaultUnavailableException(
            500, "GET", "/v1/sys/storage/raft/autopilot/state", List.of("no leader"));

    Result result = check(() -> CompletableFuture.failedFuture(unavailable)).check();

    assertThat(result.status()).isEqualTo(Status.DOWN);
    assertThat(result.details())
        .containsEntry("error", VaultUnavailableException.class.getName())
        .containsEntry("reason", "Vault answered 500");
  }

  @Test
  void answer_isReusedForTheCacheTtl_thenReadAgain() {
    settings.setCacheTtl(Duration.ofSeconds(10));
    RaftHealthCheck check = answering(state(3, 1, List.of()));

    check.check();
    clock.advance(Duration.ofSeconds(9));
    check.check();
    check.check();
    assertThat(reads).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    check.check();
    assertThat(reads).hasValue(2);
  }

  @Test
  void cacheTtlZero_readsEveryTime() {
    settings.setCacheTtl(Duration.ZERO);
    RaftHealthCheck check = answering(state(3, 1, List.of()));

    check.check();
    check.check();

    assertThat(reads).hasValue(2);
  }

  @Test
  void noAnswerWithinTimeout_isDown_andTheReadStillInFlightIsNotSentAgain() {
    settings.setTimeout(Duration.ofMillis(1));
    settings.setCacheTtl(Duration.ofSeconds(10));
    CompletableFuture<AutopilotState> never = new CompletableFuture<>();
    RaftHealthCheck check = check(() -> never);

    Result first = check.check();
    clock.advance(Duration.ofSeconds(11));
    Result second = check.check();

    assertThat(first.status()).isEqualTo(Status.DOWN);
    assertThat(first.details())
        .containsEntry("error", java.util.concurrent.TimeoutException.class.getName())
        .containsEntry("reason", "no answer within vaultx.raft.health.timeout");
    assertThat(second.status()).isEqualTo(Status.DOWN);
    assertThat(reads).as("reads sent").hasValue(1);

    never.complete(state(3, 1, List.of()));
    clock.advance(Duration.ofSeconds(11));
    assertThat(check.check().status()).isEqualTo(Status.UP);
    assertThat(reads).as("a new read once the earlier one finished").hasValue(2);
  }

  @Test
  void badSettings_nameTheProperty() {
    settings.setCacheTtl(Duration.ofSeconds(-1));
    assertThatThrownBy(() -> answering(state(3, 1, List.of())))
        .hasMessageContaining("vaultx.raft.health.cache-ttl");
  }
}
