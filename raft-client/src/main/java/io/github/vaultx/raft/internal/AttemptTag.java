package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.internal.generated.api.RaftApi;
import okhttp3.Request;

/**
 * The Retrofit tag of one attempt: its {@link Operation}, and the observed call it belongs to, so
 * the observing interceptor finds the parent in the request itself on whatever thread sends it.
 *
 * @param operation the operation
 * @param call the call's observation
 */
record AttemptTag(Operation operation, Observations.Call call) implements RaftApi.CallTag {
  @Override
  public String operationId() {
    return operation.operationId();
  }

  /** The observed call a request belongs to; a request without one is not observed. */
  static Observations.Call callOf(Request request) {
    RaftApi.CallTag tag = request.tag(RaftApi.CallTag.class);
    return tag instanceof AttemptTag attempt ? attempt.call : Observations.Call.NONE;
  }
}
