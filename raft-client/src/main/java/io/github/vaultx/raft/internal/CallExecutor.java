package io.github.vaultx.raft.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.retry.Retry;
import io.github.vaultx.raft.VaultRaftException;
import io.github.vaultx.raft.internal.generated.api.RaftApi;
import io.github.vaultx.raft.internal.generated.model.ErrorResponseWire;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Runs one public call: retries around failover across the nodes around one breaker-guarded
 * attempt, each attempt a fresh Retrofit call tagged with its {@link Operation}, and times it for
 * the metrics.
 */
final class CallExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultVaultRaftClient.class);

  /** Makes the Retrofit call of one attempt; must pass the operation on as the call's tag. */
  @FunctionalInterface
  interface NewCall<T> {
    Call<T> on(RaftApi api, Operation operation);
  }

  private final List<NodeClients.Node> nodes;
  private final ResiliencePolicy policy;
  private final TransportErrors transportErrors;
  private final JsonAdapter<ErrorResponseWire> errorAdapter;
  private final ClientConfig config;
  private final Metrics metrics;
  private final AtomicInteger preferred = new AtomicInteger();

  CallExecutor(
      ClientConfig config,
      List<NodeClients.Node> nodes,
      ResiliencePolicy policy,
      JsonAdapter<ErrorResponseWire> errorAdapter,
      Metrics metrics) {
    this.config = config;
    this.nodes = nodes;
    this.policy = policy;
    this.transportErrors = new TransportErrors(config);
    this.errorAdapter = errorAdapter;
    this.metrics = metrics;
  }

  /**
   * Runs a call and maps its answer. A call that downloads a snapshot is timed by its transfer
   * instead (see {@link #measured}), so that the metric covers the bytes too.
   *
   * @param onSuccess maps a successful answer; for a LIST also "nothing to list" (a 404 without
   *     errors, passed on as is)
   */
  <T, R> R call(Operation operation, NewCall<T> newCall, Function<Response<T>, R> onSuccess) {
    return call(operation, newCall, onSuccess, null);
  }

  /**
   * Runs a call that carries a secret of its own besides the client token (a DR operation token),
   * which is masked in Vault's error messages as the token is.
   */
  <T, R> R call(
      Operation operation,
      NewCall<T> newCall,
      Function<Response<T>, R> onSuccess,
      @Nullable String secret) {
    Supplier<R> retried =
        Retry.decorateSupplier(
            policy.retryFor(operation), () -> onNodes(operation, newCall, onSuccess, secret));
    return operation.has(Operation.Trait.DOWNLOADS_SNAPSHOT)
        ? retried.get()
        : measured(operation, retried);
  }

  /** Runs a public call's body, timing it as the caller sees it for the metrics. */
  <R> R measured(Operation operation, Supplier<R> body) {
    long start = System.nanoTime();
    try {
      R result = body.get();
      metrics.record(operation, System.nanoTime() - start, null);
      return result;
    } catch (RuntimeException e) {
      metrics.record(operation, System.nanoTime() - start, e);
      throw e;
    }
  }

  private <T, R> R onNodes(
      Operation operation,
      NewCall<T> newCall,
      Function<Response<T>, R> onSuccess,
      @Nullable String secret) {
    boolean nodeLocal = operation.has(Operation.Trait.NODE_LOCAL);
    int start = nodeLocal ? 0 : preferred.get();
    int tries = nodeLocal ? 1 : nodes.size();
    VaultRaftException last = null;
    for (int i = 0; i < tries; i++) {
      int index = (start + i) % nodes.size();
      NodeClients.Node node = nodes.get(index);
      Call<T> call = newCall.on(node.apiFor(operation), operation);
      Request request = call.request();
      if (Operation.of(request) != operation) {
        throw new Operation.MissingTagException(
            operation + " was given a call tagged " + Operation.of(request));
      }
      try {
        R result =
            policy
                .breaker(index)
                .executeSupplier(() -> attempt(operation, node, call, onSuccess, secret));
        preferred.set(index);
        return result;
      } catch (CallNotPermittedException e) {
        last =
            ErrorMapper.circuitOpen(request.method(), request.url().encodedPath(), node.hostPort());
      } catch (VaultRaftException e) {
        if (!ResiliencePolicy.failOver(operation, e)) {
          preferred.set(index);
          throw e;
        }
        if (LOG.isDebugEnabled() && i + 1 < tries) {
          LOG.debug(
              "{} fails over from {} to the next address after: {}",
              operation.publicName,
              node.hostPort(),
              e.getMessage());
        }
        last = e;
      }
    }
    throw last;
  }

  private <T, R> R attempt(
      Operation operation,
      NodeClients.Node node,
      Call<T> call,
      Function<Response<T>, R> onSuccess,
      @Nullable String secret) {
    Request request = call.request();
    String method = request.method();
    String path = request.url().encodedPath();
    Response<T> response;
    try {
      response = call.execute();
    } catch (Interceptors.RedirectRefusedException e) {
      throw ErrorMapper.redirectRefused(e.status, method, path, e.reason);
    } catch (JsonEncodingException | JsonDataException e) {
      throw ErrorMapper.malformed(method, path, e);
    } catch (IOException e) {
      throw ErrorMapper.noAnswer(
          method,
          path,
          node.hostPort(),
          transportErrors.describe(e, operation.streamsSnapshot()),
          e);
    } catch (VaultRaftException | Operation.MissingTagException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ErrorMapper.malformed(method, path, e);
    }
    if (!response.isSuccessful()) {
      List<String> errors =
          ErrorMapper.errors(response.errorBody(), errorAdapter, config.token, secret);
      if (operation.has(Operation.Trait.LIST) && response.code() == 404 && errors.isEmpty()) {
        // Vault's LIST answers "nothing to list" with 404 and an empty errors array.
        return onSuccess.apply(response);
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
