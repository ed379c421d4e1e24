package io.github.vaultx.raft.testing;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Plain java.net.http calls for what is not a Raft endpoint (init, unseal, health, seal, mounts,
 * KV, tokens), so the harness never depends on the client under test for those.
 */
final class VaultHttp {
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private final HttpClient http;

  VaultHttp() {
    this(null);
  }

  /** With {@code tls}, trusts the cluster's CA and presents its client certificate, if any. */
  VaultHttp(@Nullable ClusterTls tls) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER);
    if (tls != null) {
      builder.sslContext(tls.sslContext());
    }
    this.http = builder.build();
  }

  /** A status and a body; {@code status} is -1 when no answer came (refused, timed out). */
  record Response(int status, String body) {
    Map<String, Object> json() {
      if (body.isBlank()) {
        return Map.of();
      }
      try {
        return asMap(JSON.fromJson(body));
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("not a JSON object (status " + status + "): " + body, e);
      }
    }

    Map<String, Object> data() {
      return asMap(json().get("data"));
    }

    Response expect(int... wanted) {
      for (int w : wanted) {
        if (status == w) {
          return this;
        }
      }
      throw new IllegalStateException("unexpected status " + status + ": " + body);
    }
  }

  Response send(
      String method, String url, @Nullable String token, @Nullable Object body, Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    if (token != null) {
      request.header("X-Vault-Token", token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(JSON.toJson(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Response(-1, String.valueOf(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + method + " " + url, e);
    }
  }

  /** The status only, without reading a possibly large body (a snapshot). */
  int statusOnly(String url, @Nullable String token, Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
    if (token != null) {
      request.header("X-Vault-Token", token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: GET " + url, e);
    }
  }

  @SuppressWarnings("unchecked") // JSON objects are always String-keyed
  static Map<String, Object> asMap(@Nullable Object value) {
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  static List<?> asList(@Nullable Object value) {
    return value instanceof List ? (List<?>) value : List.of();
  }
}
