package io.github.vaultx.raft.spring.boot;

import io.github.vaultx.raft.AutopilotServer;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultServerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@code raft} health check, apart from either Spring Boot generation's health API: reads
 * autopilot's state, judges it and keeps the answer for a while.
 *
 * <ul>
 *   <li>UP: autopilot reports the cluster healthy and its failure tolerance is at least the minimum
 *       (configured, else 1 with 3 or more voters, else 0).
 *   <li>OUT_OF_SERVICE: the cluster has a leader and answers, but autopilot reports it unhealthy or
 *       its failure tolerance is below the minimum: it still serves, one more failure may stop it.
 *   <li>DOWN: no leader, or no usable answer (no node reachable, an error from Vault, no answer
 *       within the timeout); the details name the exception's type and message.
 * </ul>
 *
 * <p>One check at a time: concurrent probes wait for it and share its result, and a read still in
 * flight after a timeout is awaited again rather than sent twice.
 */
final class RaftHealthCheck {
  enum Status {
    UP,
    OUT_OF_SERVICE,
    DOWN
  }

  /** A judged answer: the status and the details to show. */
  record Result(Status status, Map<String, Object> details) {
    Result {
      details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
  }

  private final Supplier<CompletableFuture<AutopilotState>> read;
  private final Clock clock;
  private final Duration cacheTtl;
  private final Duration timeout;
  private final @Nullable Integer minFailureTolerance;

  private @Nullable Result cached;
  private Instant cachedAt = Instant.MIN;
  private @Nullable CompletableFuture<AutopilotState> inFlight;

  RaftHealthCheck(
      Supplier<CompletableFuture<AutopilotState>> read,
      Clock clock,
      VaultRaftProperties.Health settings) {
    this.read = read;
    this.clock = clock;
    this.cacheTtl = settings.getCacheTtl();
    this.timeout = settings.getTimeout();
    this.minFailureTolerance = settings.getMinFailureTolerance();
    if (cacheTtl.isNegative()) {
      throw new IllegalArgumentException(
          "Invalid configuration property vaultx.raft.health.cache-ttl: must not be negative");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "Invalid configuration property vaultx.raft.health.timeout: must be positive");
    }
    Integer min = minFailureTolerance;
    if (min != null && min < 0) {
      throw new IllegalArgumentException(
          "Invalid configuration property vaultx.raft.health.min-failure-tolerance: must not be"
              + " negative");
    }
  }

  synchronized Result check() {
    Result last = cached;
    if (last != null && clock.instant().isBefore(cachedAt.plus(cacheTtl))) {
      return last;
    }
    Result fresh = evaluate();
    cached = fresh;
    cachedAt = clock.instant();
    return fresh;
  }

  private Result evaluate() {
    CompletableFuture<AutopilotState> pending = inFlight;
    CompletableFuture<AutopilotState> call =
        pending != null && !pending.isDone() ? pending : read.get();
    inFlight = call;
    try {
      return judge(call.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return failed(cause);
    } catch (TimeoutException e) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("error", TimeoutException.class.getName());
      details.put("message", "autopilot did not answer within " + timeout);
      details.put("reason", "no answer within vaultx.raft.health.timeout");
      return new Result(Status.DOWN, details);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(e);
    } catch (RuntimeException e) {
      // A client that throws instead of failing its future.
      return failed(e);
    }
  }

  private Result judge(AutopilotState state) {
    int voters = state.voters().size();
    Integer configured = minFailureTolerance;
    int min = configured != null ? configured : voters >= 3 ? 1 : 0;
    Map<String, Object> details = new LinkedHashMap<>();
    String leader = state.leader();
    if (leader != null && !leader.isEmpty()) {
      details.put("leader", leader);
    }
    details.put("voters", state.voters());
    details.put("nonVoters", state.nonVoters());
    details.put("failureTolerance", state.failureTolerance());
    details.put("minFailureTolerance", min);
    details.put("healthy", state.healthy());
    Map<String, String> unhealthy = new LinkedHashMap<>();
    for (AutopilotServer server : state.servers().values()) {
      if (!server.healthy()) {
        unhealthy.put(server.nodeId(), why(server));
      }
    }
    if (!unhealthy.isEmpty()) {
      details.put("unhealthyServers", unhealthy);
    }
    Status status;
    if (leader == null || leader.isEmpty()) {
      status = Status.DOWN;
      details.put("reason", "the cluster has no leader");
    } else if (!state.healthy()) {
      status = Status.OUT_OF_SERVICE;
      details.put("reason", "autopilot reports the cluster unhealthy");
    } else if (state.failureTolerance() < min) {
      status = Status.OUT_OF_SERVICE;
      details.put(
          "reason",
          "failure tolerance " + state.failureTolerance() + " is below the minimum " + min);
    } else {
      status = Status.UP;
    }
    return new Result(status, details);
  }

  private static String why(AutopilotServer server) {
    return "node status "
        + server.nodeStatus()
        + ", "
        + server.status()
        + ", last contact "
        + server.lastContact()
        + " ago";
  }

  private static Result failed(Throwable cause) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("error", cause.getClass().getName());
    String message = cause.getMessage();
    details.put("message", message != null ? message : "");
    if (cause instanceof VaultClientException client) {
      details.put(
          "reason",
          client.mayHaveReachedServer()
              ? "no node gave a usable answer"
              // The client reports the last node it tried: with others alive but not answering
              // usably (no leader), "no node could be reached" would be false.
              : "no node gave a usable answer; the last one tried could not be reached");
    } else if (cause instanceof VaultServerException server) {
      details.put("reason", "Vault answered " + server.statusCode());
    }
    return new Result(Status.DOWN, details);
  }
}
