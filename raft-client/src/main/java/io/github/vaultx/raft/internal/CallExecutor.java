package io.github.vaultx.raft.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.vaultx.raft.VaultRaftException;
import io.github.vaultx.raft.VaultSealedException;
import io.github.vaultx.raft.internal.generated.model.ErrorResponseWire;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Runs one public call for both clients: retries around failover across the nodes around one
 * breaker-guarded attempt, each attempt a fresh Retrofit call tagged with its {@link Operation} and
 * the call's observation ({@link AttemptTag}), timed for the metrics and observed. Written once as
 * a chain of stages; {@link Attempts} decides whether they run blocking on the caller's thread or
 * by callback.
 */
final class CallExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(CallExecutor.class);

  private final List<NodeClients.Node> nodes;
  private final ResiliencePolicy policy;
  private final TransportErrors transportErrors;
  private final JsonAdapter<ErrorResponseWire> errorAdapter;
  private final ResolvedSettings config;
  private final Metrics metrics;
  private final Observations observations;
  private final AtomicInteger preferred = new AtomicInteger();
  private final RemovedNodeProbe probe;

  CallExecutor(
      ResolvedSettings config,
      List<NodeClients.Node> nodes,
      ResiliencePolicy policy,
      JsonAdapter<ErrorResponseWire> errorAdapter,
      Metrics metrics,
      Observations observations,
      RemovedNodeProbe probe) {
    this.observations = observations;
    this.config = config;
    this.probe = probe;
    this.nodes = nodes;
    this.policy = policy;
    this.transportErrors = new TransportErrors(config);
    this.errorAdapter = errorAdapter;
    this.metrics = metrics;
  }

  /** Runs a public call, with retries and failover, and maps its answer; measured and observed. */
  <T, R> CompletableFuture<R> run(PreparedCall<T, R> call, Attempts attempts) {
    return measured(call.operation(), observed -> attempted(call, attempts, observed));
  }

  /**
   * Runs {@code call}, with retries and failover, as part of a public call already {@linkplain
   * #measured measured} (a snapshot download, whose transfer follows).
   */
  <T, R> CompletableFuture<R> attempted(
      PreparedCall<T, R> call, Attempts attempts, Observations.Call observed) {
    Operation operation = call.operation();
    Retry.AsyncContext<R> retry = policy.retryFor(operation).asyncContext();
    return retried(
        call.observedAs(observed), attempts, retry, RetryBudget.start(config, operation));
  }

  /**
   * Runs a public call's body, timed as the caller sees it for the metrics and observed from here
   * to its result. The observation starts on the caller's thread, so its current observation is the
   * parent, and is current while {@code body} runs there (the whole call, on the sync client).
   */
  <R> CompletableFuture<R> measured(
      Operation operation, Function<Observations.Call, CompletableFuture<R>> body) {
    long start = System.nanoTime();
    Observations.Call observed = observations.start(operation);
    CompletableFuture<R> result;
    Observations.Scope scope = observed.openScope();
    try {
      result = body.apply(observed);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    } finally {
      scope.close();
    }
    return result.whenComplete(
        (value, failure) -> {
          Throwable cause = failure == null ? null : Attempts.unwrap(failure);
          metrics.record(operation, System.nanoTime() - start, cause);
          observed.stop(cause);
        });
  }

  private <T, R> CompletableFuture<R> retried(
      PreparedCall<T, R> call, Attempts attempts, Retry.AsyncContext<R> retry, RetryBudget budget) {
    return onNodes(call, attempts, budget)
        .handle(
            (result, failure) -> {
              if (failure == null) {
                retry.onComplete();
                return CompletableFuture.completedFuture(result);
              }
              Throwable cause = Attempts.unwrap(failure);
              long wait = attempts.stopped() ? -1 : retry.onError(cause);
              if (wait < 0) {
                return CompletableFuture.<R>failedFuture(cause);
              }
              Duration allowed = budget.next(Duration.ofMillis(wait));
              if (allowed == null) {
                retry.onError(new ResiliencePolicy.BudgetSpent(cause));
                if (LOG.isDebugEnabled()) {
                  LOG.debug(
                      "{} stops after {} retries: the retry budget of {} is spent; last failure: {}",
                      call.operation().publicName,
                      budget.retries(),
                      config.retryBudget,
                      cause.getMessage());
                }
                return CompletableFuture.<R>failedFuture(cause);
              }
              return attempts
                  .pause(allowed)
                  .thenCompose(waited -> retried(call, attempts, retry, budget));
            })
        .thenCompose(Function.identity());
  }

  private <T, R> CompletableFuture<R> onNodes(
      PreparedCall<T, R> call, Attempts attempts, RetryBudget budget) {
    boolean nodeLocal = call.operation().has(Operation.Trait.NODE_LOCAL);
    int start = nodeLocal ? 0 : preferred.get();
    int tries = nodeLocal ? 1 : nodes.size();
    return onNode(call, attempts, budget, start, 0, tries);
  }

  /** Tries the {@code i}th node of this round, moving on to the next when failover allows. */
  private <T, R> CompletableFuture<R> onNode(
      PreparedCall<T, R> call, Attempts attempts, RetryBudget budget, int start, int i, int tries) {
    Operation operation = call.operation();
    int index = (start + i) % nodes.size();
    NodeClients.Node node = nodes.get(index);
    Call<T> http = call.newCall().on(node.apiFor(operation), operation);
    Request request = http.request();
    if (Operation.of(request) != operation) {
      throw new Operation.MissingTagException(
          operation + " was given a call tagged " + Operation.of(request));
    }
    CircuitBreaker breaker = policy.breaker(index);
    if (!breaker.tryAcquirePermission()) {
      return onNext(
          call,
          attempts,
          budget,
          start,
          i,
          tries,
          node,
          policy.circuitOpen(
              index, request.method(), request.url().encodedPath(), node.hostPort()));
    }
    long began = breaker.getCurrentTimestamp();
    return attempts
        .send(http)
        .handle(
            (response, failure) -> {
              long took = breaker.getCurrentTimestamp() - began;
              R result;
              try {
                result =
                    answer(
                        operation,
                        node,
                        request,
                        response,
                        failure,
                        call.onSuccess(),
                        call.secret());
              } catch (RuntimeException e) {
                if (attempts.stopped()) {
                  // The caller gave up and cancelled the call: that says nothing about the node.
                  breaker.releasePermission();
                  return CompletableFuture.<R>failedFuture(e);
                }
                if (e instanceof VaultSealedException sealed) {
                  // Vault 1.19+ seals a node removed from its cluster; only the node says so.
                  return probe
                      .removed(node.baseUrl(), attempts)
                      .thenCompose(
                          removed ->
                              failed(
                                  call,
                                  attempts,
                                  budget,
                                  start,
                                  i,
                                  tries,
                                  index,
                                  took,
                                  removed
                                      ? ErrorMapper.removedWhileSealed(sealed, node.hostPort())
                                      : sealed));
                }
                return failed(call, attempts, budget, start, i, tries, index, took, e);
              }
              breaker.onResult(took, breaker.getTimestampUnit(), result);
              preferred.set(index);
              return CompletableFuture.completedFuture(result);
            })
        .thenCompose(Function.identity());
  }

  /** An attempt on the {@code i}th node failed: fail over, or end the round with {@code e}. */
  private <T, R> CompletableFuture<R> failed(
      PreparedCall<T, R> call,
      Attempts attempts,
      RetryBudget budget,
      int start,
      int i,
      int tries,
      int index,
      long took,
      RuntimeException e) {
    policy.failed(index, took, e);
    if (!(e instanceof VaultRaftException vaultFailure)) {
      return CompletableFuture.failedFuture(e);
    }
    if (!ResiliencePolicy.failOver(call.operation(), vaultFailure)) {
      preferred.set(index);
      return CompletableFuture.failedFuture(e);
    }
    return onNext(call, attempts, budget, start, i, tries, nodes.get(index), vaultFailure);
  }

  private <T, R> CompletableFuture<R> onNext(
      PreparedCall<T, R> call,
      Attempts attempts,
      RetryBudget budget,
      int start,
      int i,
      int tries,
      NodeClients.Node node,
      VaultRaftException failure) {
    if (LOG.isDebugEnabled() && i + 1 < tries) {
      LOG.debug(
          "{} fails over from {} to the next address after: {}",
          call.operation().publicName,
          node.hostPort(),
          failure.getMessage());
    }
    if (i + 1 == tries) {
      return CompletableFuture.failedFuture(failure);
    }
    if (budget.spent()) {
      // Failing over within a round is a retry too: with every node hung, trying each in turn
      // would hold the call for a whole-call timeout per node past its budget (58 s seen with a
      // 15 s budget and a 10 s timeout on three nodes).
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} does not fail over from {}: the retry budget of {} is spent",
            call.operation().publicName,
            node.hostPort(),
            config.retryBudget);
      }
      return CompletableFuture.failedFuture(failure);
    }
    return onNode(call, attempts, budget, start, i + 1, tries);
  }

  /** Maps one attempt's outcome, an answer or a failure to get one, for both clients. */
  private <T, R> R answer(
      Operation operation,
      NodeClients.Node node,
      Request request,
      @Nullable Response<T> response,
      @Nullable Throwable failure,
      Function<Response<T>, R> onSuccess,
      @Nullable String secret) {
    String method = request.method();
    String path = request.url().encodedPath();
    if (failure != null || response == null) {
      Throwable cause = failure == null ? new IOException("no response") : failure;
      if (cause instanceof RestoreCheck.Refused refused) {
        // The local check failed while the file was being sent: the file's fault, not the node's.
        throw refused.reason;
      }
      if (cause instanceof Interceptors.RedirectRefusedException refused) {
        throw ErrorMapper.redirectRefused(refused.status, method, path, refused.reason);
      }
      if (cause instanceof JsonEncodingException || cause instanceof JsonDataException) {
        throw ErrorMapper.malformed(method, path, (Exception) cause);
      }
      if (cause instanceof IOException io) {
        throw ErrorMapper.noAnswer(
            method,
            path,
            node.hostPort(),
            transportErrors.describe(io, operation.streamsSnapshot()),
            io);
      }
      if (cause instanceof VaultRaftException || cause instanceof Operation.MissingTagException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Exception e) {
        throw ErrorMapper.malformed(method, path, e);
      }
      if (cause instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(cause);
    }
    if (!response.isSuccessful()) {
      List<String> errors =
          ErrorMapper.errors(response.errorBody(), errorAdapter, config.token, secret);
      if (operation.has(Operation.Trait.LIST) && response.code() == 404 && errors.isEmpty()) {
        // Vault's LIST answers "nothing to list" with 404 and an empty errors array.
        return onSuccess.apply(response);
      }
      if (operation.has(Operation.Trait.UPLOADS_SNAPSHOT)) {
        errors = ErrorMapper.withUploadHint(errors);
      }
      throw ErrorMapper.map(
          response.code(),
          method,
          path,
          errors,
          response.headers().get("Retry-After"),
          operation.has(Operation.Trait.ENTERPRISE),
          Instant.now());
    }
    try {
      return onSuccess.apply(response);
    } catch (WireMapper.MalformedResponse e) {
      throw ErrorMapper.malformed(method, path, e);
    }
  }
}
