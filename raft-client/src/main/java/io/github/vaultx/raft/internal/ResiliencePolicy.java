package io.github.vaultx.raft.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.vaultx.raft.CircuitOpenException;
import io.github.vaultx.raft.IncompleteSnapshotException;
import io.github.vaultx.raft.RateLimitedException;
import io.github.vaultx.raft.RemovedNodeException;
import io.github.vaultx.raft.StandbyNodeException;
import io.github.vaultx.raft.UnsupportedEndpointException;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultRaftException;
import io.github.vaultx.raft.VaultSealedException;
import io.github.vaultx.raft.VaultServerException;
import io.github.vaultx.raft.internal.access.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do when a call fails: retry it (per {@link Operation.RetryClass}, with backoff), rest a
 * failing node (one circuit breaker per node) or fail over to the next node. Resilience4j is named
 * here and in {@link CallExecutor} only.
 */
final class ResiliencePolicy {
  private static final Logger LOG = LoggerFactory.getLogger(ResiliencePolicy.class);

  /**
   * The HTTP statuses worth another attempt of a call that is safe to repeat (503 only when it is
   * not "Vault is sealed"); the documents' lists of "retryable failures" are rendered from this one
   * by RetryDocsTest.
   */
  static final List<Integer> RETRYABLE_STATUSES = List.of(412, 429, 500, 502, 503, 504);

  private final ResolvedSettings config;
  private final RetryRegistry retryRegistry = RetryRegistry.ofDefaults();
  private final CircuitBreakerRegistry breakerRegistry = CircuitBreakerRegistry.ofDefaults();
  private final Map<Operation.RetryClass, Retry> retries =
      new EnumMap<>(Operation.RetryClass.class);
  private final List<CircuitBreaker> breakers = new ArrayList<>();
  private final AtomicReferenceArray<@Nullable Throwable> lastFailures;

  ResiliencePolicy(ResolvedSettings config, List<NodeClients.Node> nodes) {
    this.config = config;
    this.lastFailures = new AtomicReferenceArray<>(nodes.size());
    for (NodeClients.Node node : nodes) {
      breakers.add(breaker(node.hostPort()));
    }
    for (Operation.RetryClass retryClass : Operation.RetryClass.values()) {
      retries.put(retryClass, retry(retryClass));
    }
  }

  /** The retry for an operation's class. */
  Retry retryFor(Operation operation) {
    // The constructor puts one retry for every class: a null here is a bug.
    return Objects.requireNonNull(retries.get(operation.retryClass), "retry for every class");
  }

  /** The breaker of the node at this index. */
  CircuitBreaker breaker(int nodeIndex) {
    return breakers.get(nodeIndex);
  }

  /**
   * Tells the node's breaker about a failed attempt and, when it counts against the node, remembers
   * it as the reason an open breaker gives.
   */
  void failed(int nodeIndex, long took, Throwable e) {
    CircuitBreaker breaker = breakers.get(nodeIndex);
    if (countsAgainstNode(e)) {
      lastFailures.set(nodeIndex, e);
    }
    breaker.onError(took, breaker.getTimestampUnit(), e);
  }

  /** The exception for a call refused by the node's open breaker, naming the last failure. */
  CircuitOpenException circuitOpen(int nodeIndex, String method, String path, String node) {
    return ErrorMapper.circuitOpen(
        method, path, node, config.breakerOpenDuration, lastFailures.get(nodeIndex));
  }

  /** Binds the retry and breaker metrics, if a meter registry was given. */
  Metrics metrics(@Nullable Object meterRegistry) {
    // MicrometerBinding is named only here: without a registry it is never loaded, nor Micrometer.
    return meterRegistry == null
        ? Metrics.NONE
        : MicrometerBinding.bind(meterRegistry, retryRegistry, breakerRegistry);
  }

  private CircuitBreaker breaker(String name) {
    CircuitBreakerConfig breakerConfig =
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(config.breakerWindow)
            .minimumNumberOfCalls(config.breakerWindow)
            .failureRateThreshold(50)
            .waitDurationInOpenState(config.breakerOpenDuration)
            .permittedNumberOfCallsInHalfOpenState(1)
            .recordException(ResiliencePolicy::countsAgainstNode)
            .clock(clockOf(config.sleeper))
            .build();
    return breakerRegistry.circuitBreaker(name, breakerConfig);
  }

  /**
   * The breakers' clock, read from the sleeper's monotonic time: an open breaker's rest then runs
   * on the same time as the retry budget that waits for it (virtual time in tests).
   */
  private static Clock clockOf(Sleeper sleeper) {
    Instant origin = Instant.now();
    long originNanos = sleeper.nanoTime();
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return origin.plusNanos(sleeper.nanoTime() - originNanos);
      }
    };
  }

  private Retry retry(Operation.RetryClass retryClass) {
    // A class on a retry budget has no count limit here: RetryBudget stops its calls, through
    // BudgetSpent, so that Resilience4j still counts them as failed.
    int maxAttempts =
        RetryBudget.timed(config.maxRetries, config.retryBudget, retryClass)
            ? Integer.MAX_VALUE
            : config.maxRetries + 1;
    RetryConfig retryConfig =
        RetryConfig.<Object>custom()
            .maxAttempts(maxAttempts)
            .retryOnException(e -> !(e instanceof BudgetSpent) && retryable(retryClass, e))
            // Only the wait is computed here; CallExecutor waits it out through Attempts (asleep
            // on the sync client's thread, on a timer for the async client), which is why it uses
            // Resilience4j's asynchronous retry context for both.
            .intervalBiFunction(
                (attempt, outcome) -> {
                  Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
                  Duration wait = backoff(attempt, failure);
                  if (LOG.isDebugEnabled()) {
                    // Our exception messages never hold the token or a body.
                    LOG.debug(
                        "retry {} ({} retries, then until {} from the first attempt) in {} ms"
                            + " after: {}",
                        attempt,
                        config.maxRetries,
                        maxAttempts == Integer.MAX_VALUE ? config.retryBudget : "no time",
                        wait.toMillis(),
                        failure == null ? "a result" : failure.getMessage());
                  }
                  return wait.toMillis();
                })
            .build();
    return retryRegistry.retry(
        "vaultx-raft-" + retryClass.name().toLowerCase(Locale.ROOT).replace('_', '-'), retryConfig);
  }

  /**
   * A call's retry budget is spent: handed to Resilience4j in place of the last failure so that its
   * retry counts the call as failed. Never thrown to a caller.
   */
  static final class BudgetSpent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetSpent(Throwable last) {
      super("retry budget spent", last, false, false);
    }
  }

  /** Whether the failure is worth another attempt for this kind of call. */
  static boolean retryable(Operation.RetryClass retryClass, Throwable e) {
    if (retryClass == Operation.RetryClass.ONCE) {
      return neverReachedServer(e) || redirectedUnprocessed(e);
    }
    if (e instanceof CircuitOpenException) {
      // Nothing was sent. A breaker rests its node for a few seconds, less than the retry budget,
      // and then lets a trial call through: worth waiting for when what opened it would itself be
      // worth another attempt (a transport failure, a 503), not when it would not (sealed,
      // removed).
      Throwable opener = e.getCause();
      return opener != null && retryable(retryClass, opener);
    }
    if (e instanceof IncompleteSnapshotException
        || e instanceof RemovedNodeException
        || e instanceof UnsupportedEndpointException) {
      // None of these changes with another attempt at the same node.
      return false;
    }
    if (e instanceof StandbyNodeException) {
      // A standby that could not serve did not act; during an election a moment later it can.
      return true;
    }
    if (e instanceof VaultServerException) {
      if (e instanceof VaultSealedException) {
        return false;
      }
      return RETRYABLE_STATUSES.contains(((VaultServerException) e).statusCode());
    }
    return e instanceof VaultClientException && e.getCause() instanceof IOException;
  }

  /**
   * A standby answered 307/308 instead of serving: it did not act on the request. While the cluster
   * elects a new leader, standbys redirect to the dead one, so this is worth another attempt and
   * another node even for calls that are sent once.
   */
  static boolean redirectedUnprocessed(Throwable e) {
    if (!(e instanceof StandbyNodeException)) {
      return false;
    }
    int status = ((StandbyNodeException) e).statusCode();
    return status == 307 || status == 308;
  }

  /** A refused, unroutable or unresolvable connection: the request was certainly not received. */
  static boolean neverReachedServer(Throwable e) {
    Throwable cause = e.getCause();
    return e instanceof VaultClientException
        && !(e instanceof CircuitOpenException)
        && (cause instanceof ConnectException
            || cause instanceof NoRouteToHostException
            || cause instanceof UnknownHostException);
  }

  static boolean countsAgainstNode(Throwable e) {
    if (e instanceof UnsupportedEndpointException) {
      return false; // the server's kind, not its health (Vault CE answers some of these with 500)
    }
    if (e instanceof StandbyNodeException) {
      // A standby that cannot reach an active node answers (500 "local node not active but active
      // cluster node not found", or a 307 to the dead leader) while the cluster elects one: the
      // node is healthy and serves again once a leader is elected, so resting it would only turn
      // the election's seconds into the breaker's open time.
      return false;
    }
    if (e instanceof VaultServerException) {
      return ((VaultServerException) e).statusCode() >= 500;
    }
    return e instanceof VaultClientException && e.getCause() instanceof IOException;
  }

  /** Whether to try the next node: this one is unreachable, timed out or sealed. */
  static boolean failOver(Operation operation, VaultRaftException e) {
    if (e instanceof VaultSealedException
        || e instanceof CircuitOpenException
        || e instanceof RemovedNodeException) {
      // None of them acted on the request: a removed node serves nothing until it is wiped.
      return true;
    }
    if (redirectedUnprocessed(e) || (e instanceof StandbyNodeException && !operation.sentOnce())) {
      return true;
    }
    if (neverReachedServer(e)) {
      return true;
    }
    Throwable cause = e.getCause();
    if (TransportErrors.isConnectTimeout(cause)) {
      return true;
    }
    return !operation.sentOnce()
        && e instanceof VaultClientException
        && cause instanceof InterruptedIOException;
  }

  /** The wait before retry {@code attempt}, with jitter. */
  Duration backoff(int attempt, @Nullable Throwable failure) {
    if (failure instanceof RateLimitedException) {
      Duration asked = ((RateLimitedException) failure).retryAfter();
      if (asked != null) {
        return asked.compareTo(config.maxBackoff) < 0 ? asked : config.maxBackoff;
      }
    }
    long initial = config.initialBackoff.toMillis();
    long exponential = initial << Math.min(Math.max(attempt - 1, 0), 20);
    long capped = Math.min(exponential, config.maxBackoff.toMillis());
    if (failure instanceof CircuitOpenException) {
      // Nothing was sent, so looking again costs nothing: within half a rest, so that a breaker's
      // trial call is not missed by a backoff grown long while every node was down.
      capped = Math.min(capped, Math.max(config.breakerOpenDuration.toMillis() / 2, 1));
    }
    // Full jitter around the exponential step, so clients that failed together do not retry
    // together.
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    return Duration.ofMillis(Math.min(jittered, config.maxBackoff.toMillis()));
  }
}
