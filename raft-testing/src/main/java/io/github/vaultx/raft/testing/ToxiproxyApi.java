package io.github.vaultx.raft.testing;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Toxiproxy's HTTP API (version 2): proxies, their {@code enabled} flag and their toxics, as plain
 * JSON over {@code java.net.http}. An answer other than the expected status is an {@link
 * IllegalStateException} with Toxiproxy's own {@code error} text.
 */
final class ToxiproxyApi {
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<Object> JSON = MOSHI.adapter(Object.class);
  private static final JsonAdapter<Map<String, Object>> OBJECT =
      MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  ToxiproxyApi(URI base) {
    this.base = base;
  }

  URI base() {
    return base;
  }

  /** {@code GET /version}: the server's version, or null while it does not answer yet. */
  @Nullable String version() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(base.resolve("/version"))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return null;
      }
      return String.valueOf(object(response.body()).get("version"));
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** {@code POST /proxies}: creates an enabled proxy. */
  void createProxy(String name, String listen, String upstream) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("listen", listen);
    body.put("upstream", upstream);
    body.put("enabled", true);
    send("POST", "/proxies", body, 201);
  }

  /** {@code PATCH /proxies/{name}}: takes the proxy down (closing its connections) or up. */
  void setEnabled(String name, boolean enabled) {
    send("PATCH", "/proxies/" + name, Map.of("enabled", enabled), 200);
  }

  /** {@code GET /proxies/{name}}: whether the proxy is enabled. */
  boolean enabled(String name) {
    return Boolean.TRUE.equals(object(send("GET", "/proxies/" + name, null, 200)).get("enabled"));
  }

  /** {@code DELETE /proxies/{name}}. */
  void deleteProxy(String name) {
    send("DELETE", "/proxies/" + name, null, 204);
  }

  /** {@code POST /proxies/{name}/toxics}. */
  void addToxic(String proxy, Toxic toxic) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", toxic.name());
    body.put("type", toxic.type());
    body.put("stream", toxic.direction().wire());
    body.put("toxicity", toxic.toxicity());
    body.put("attributes", toxic.attributes());
    send("POST", "/proxies/" + proxy + "/toxics", body, 200);
  }

  /** {@code DELETE /proxies/{name}/toxics/{toxic}}. */
  void removeToxic(String proxy, String toxic) {
    send("DELETE", "/proxies/" + proxy + "/toxics/" + toxic, null, 204);
  }

  /** {@code GET /proxies/{name}/toxics}: the toxics as Toxiproxy reports them. */
  List<Toxic> toxics(String proxy) {
    return SysApi.list(parse(send("GET", "/proxies/" + proxy + "/toxics", null, 200))).stream()
        .map(ToxiproxyApi::toxic)
        .toList();
  }

  /** {@code POST /reset}: every proxy enabled, every toxic removed. */
  void reset() {
    send("POST", "/reset", null, 204);
  }

  private static Toxic toxic(Object value) {
    Map<?, ?> fields = SysApi.object(value);
    Map<String, Long> attributes = new LinkedHashMap<>();
    SysApi.object(fields.get("attributes"))
        .forEach((k, v) -> attributes.put(String.valueOf(k), ((Number) v).longValue()));
    return new Toxic(
        String.valueOf(fields.get("name")),
        String.valueOf(fields.get("type")),
        Toxic.Direction.valueOf(String.valueOf(fields.get("stream")).toUpperCase(Locale.ROOT)),
        fields.get("toxicity") instanceof Number n ? n.doubleValue() : 1.0,
        attributes);
  }

  private String send(String method, String path, @Nullable Object body, int expected) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(JSON.toJson(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            "toxiproxy answered "
                + response.statusCode()
                + " on "
                + method
                + " "
                + path
                + ": "
                + errorText(response.body()));
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "toxiproxy at " + base + " did not answer " + method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + method + " " + path, e);
    }
  }

  private static String errorText(String body) {
    try {
      Object error = object(body).get("error");
      return error == null ? body : String.valueOf(error);
    } catch (RuntimeException e) {
      return body;
    }
  }

  private static Map<String, Object> object(String body) {
    try {
      Map<String, Object> parsed = OBJECT.fromJson(body);
      return parsed == null ? Map.of() : parsed;
    } catch (IOException e) {
      throw new UncheckedIOException("toxiproxy sent malformed JSON", e);
    }
  }

  private static @Nullable Object parse(String body) {
    try {
      return JSON.fromJson(body);
    } catch (IOException e) {
      throw new UncheckedIOException("toxiproxy sent malformed JSON", e);
    }
  }
}
