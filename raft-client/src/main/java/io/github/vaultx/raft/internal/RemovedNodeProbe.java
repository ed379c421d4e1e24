package io.github.vaultx.raft.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Asks a node that answered "Vault is sealed" whether it was removed from its cluster: Vault 1.19+
 * seals a removed node, and only its {@code sys/seal-status} ({@code removed_from_cluster: true})
 * says why. One unauthenticated GET per sealed answer, never on a successful call, never retried;
 * any failure of the probe leaves the sealed answer as it was.
 */
final class RemovedNodeProbe {
  private final OkHttpClient http;
  private final JsonAdapter<Map<String, Object>> json;

  /**
   * @param http the client's HTTP client without its interceptors: the request carries no token and
   *     no operation tag
   */
  RemovedNodeProbe(OkHttpClient http, Moshi moshi) {
    this.http = http;
    this.json = moshi.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  }

  /** Completes with whether the node at {@code baseUrl} (ending in {@code /v1/}) was removed. */
  CompletableFuture<Boolean> removed(HttpUrl baseUrl, Attempts attempts) {
    HttpUrl url = baseUrl.resolve("sys/seal-status");
    if (url == null) {
      return CompletableFuture.completedFuture(false);
    }
    Request request = new Request.Builder().url(url).get().build();
    return attempts
        .sendPlain(http.newCall(request))
        .handle(
            (response, failure) -> {
              if (failure != null || response == null) {
                return false;
              }
              try (response) {
                return response.isSuccessful() && removed(response.body());
              }
            });
  }

  private boolean removed(@Nullable ResponseBody body) {
    if (body == null) {
      return false;
    }
    try {
      Map<String, Object> status = json.fromJson(body.source());
      return status != null && Boolean.TRUE.equals(status.get("removed_from_cluster"));
    } catch (java.io.IOException | RuntimeException e) {
      return false; // not a seal status: the sealed answer stands
    }
  }
}
