package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.internal.generated.api.RaftApi;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Response;

/**
 * One public call, checked and ready to run on either client: its {@link Operation}, how to make
 * the Retrofit call of each attempt and how to read a successful answer. {@link Calls} defines one
 * per operation; {@link CallExecutor} runs it, blocking or not.
 *
 * @param operation the operation, which steers retries, failover, timeouts and metrics
 * @param newCall makes the Retrofit call of one attempt
 * @param onSuccess maps a successful answer; for a LIST also "nothing to list" (a 404 without
 *     errors, passed on as is)
 * @param secret a secret the call carries besides the client token (a DR operation token), masked
 *     in Vault's error messages as the token is; {@code null} for none
 * @param <T> the Retrofit body type
 * @param <R> the public result type
 */
record PreparedCall<T, R>(
    Operation operation,
    NewCall<T> newCall,
    Function<Response<T>, R> onSuccess,
    @Nullable String secret) {

  /** A call that carries no secret besides the client token. */
  PreparedCall(Operation operation, NewCall<T> newCall, Function<Response<T>, R> onSuccess) {
    this(operation, newCall, onSuccess, null);
  }

  /** This call, carrying {@code secret}, which is masked in Vault's errors (see ErrorMapper). */
  PreparedCall<T, R> withSecret(@Nullable String secret) {
    return new PreparedCall<>(operation, newCall, onSuccess, secret);
  }

  /**
   * This call, each of whose attempts carries {@code observed} in an {@link AttemptTag}, so that
   * the observing interceptor makes every attempt a child of the call.
   */
  PreparedCall<T, R> observedAs(Observations.Call observed) {
    AttemptTag tag = new AttemptTag(operation, observed);
    return new PreparedCall<>(operation, (api, ignored) -> newCall.on(api, tag), onSuccess, secret);
  }

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "PreparedCall[" + operation + (secret == null ? "" : ", secret=***") + "]";
  }

  /**
   * Makes the Retrofit call of one attempt; must pass {@code tag} on as the call's tag. The tag is
   * the operation, or an {@link AttemptTag} that carries it with the call's observation.
   */
  @FunctionalInterface
  interface NewCall<T> {
    Call<T> on(RaftApi api, RaftApi.CallTag tag);
  }

  /** A call whose answer carries nothing to return. */
  static <T> PreparedCall<T, Void> send(Operation operation, NewCall<T> newCall) {
    return new PreparedCall<>(operation, newCall, response -> null);
  }
}
