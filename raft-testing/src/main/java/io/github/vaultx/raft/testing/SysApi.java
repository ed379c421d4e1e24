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
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Plain {@code java.net.http} calls to a Vault or OpenBao node for test set-up: init, unseal, seal,
 * health, join, mounts, KV, policies and tokens, plus any other path. Deliberately not a Vault
 * client library, so that a bug in the client under test cannot hide in the set-up.
 *
 * <pre>{@code
 * SysApi sys = SysApi.create();
 * int health = sys.health(URI.create(cluster.address(1)));
 * String body = sys.ok("GET", node, "sys/storage/raft/configuration", token, null);
 * }</pre>
 *
 * <p>Paths are relative to {@code /v1/}. Redirects are not followed (a standby's 307 is an answer).
 */
public final class SysApi {
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<Map<String, Object>> JSON =
      MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient http;

  private SysApi(HttpClient http) {
    this.http = http;
  }

  /**
   * A helper for plain-http nodes (or https ones whose CA the JVM trusts).
   *
   * @return the helper
   */
  public static SysApi create() {
    return new SysApi(builder().build());
  }

  /**
   * A helper that trusts the cluster's CA and presents its client certificate, if it has one.
   *
   * @param tls the cluster's certificates
   * @return the helper
   */
  public static SysApi create(ClusterTls tls) {
    return new SysApi(builder().sslContext(tls.sslContext()).build());
  }

  private static HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(2))
        .followRedirects(HttpClient.Redirect.NEVER);
  }

  /**
   * A status and a body.
   *
   * @param status the HTTP status, or -1 when no answer came (refused, reset, timed out)
   * @param body the body text, or the I/O error when there was no answer
   */
  public record Response(int status, String body) {
    /**
     * The body as a JSON object.
     *
     * @return its fields; empty for an empty body
     * @throws IllegalStateException if the body is not a JSON object
     */
    public Map<String, Object> json() {
      if (body.isBlank()) {
        return Map.of();
      }
      try {
        Map<String, Object> value = JSON.fromJson(body);
        return value == null ? Map.of() : value;
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("not a JSON object (status " + status + "): " + body, e);
      }
    }

    /**
     * The {@code data} object of the body, as most sys endpoints answer.
     *
     * @return its fields; empty if there is none
     */
    public Map<?, ?> data() {
      return object(json().get("data"));
    }

    /**
     * Insists on one of the given statuses.
     *
     * @param wanted the acceptable statuses
     * @return this response
     * @throws IllegalStateException with the status and body otherwise
     */
    public Response expect(int... wanted) {
      for (int w : wanted) {
        if (status == w) {
          return this;
        }
      }
      throw new IllegalStateException("unexpected status " + status + ": " + body);
    }

    /** The status and the body's length: a body may hold a token (a login, a token creation). */
    @Override
    public String toString() {
      return "Response[status=" + status + ", body=" + body.length() + " chars]";
    }
  }

  /**
   * Sends a request; a missing answer is a response with status -1, not an exception.
   *
   * @param method the HTTP method
   * @param node the node's API address, for example {@code http://127.0.0.1:8200}
   * @param path the path below {@code /v1/}, with a query if any
   * @param token the {@code X-Vault-Token}, or null for none
   * @param body a JSON object to send, or null for none
   * @return the answer
   */
  public Response send(
      String method, URI node, String path, @Nullable String token, @Nullable Map<String, ?> body) {
    return send(method, node, path, token, body, TIMEOUT);
  }

  private Response send(
      String method,
      URI node,
      String path,
      @Nullable String token,
      @Nullable Map<String, ?> body,
      Duration timeout) {
    HttpRequest.Builder request = request(node, path, token, timeout);
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(
          method, HttpRequest.BodyPublishers.ofString(MOSHI.adapter(Object.class).toJson(body)));
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
      throw new IllegalStateException("interrupted: " + method + " " + path, e);
    }
  }

  /**
   * Sends a request and insists on a 2xx answer.
   *
   * @param method the HTTP method
   * @param node the node's API address
   * @param path the path below {@code /v1/}
   * @param token the token, or null
   * @param body a JSON object, or null
   * @return the body text
   * @throws IllegalStateException with the status and body otherwise
   */
  public String ok(
      String method, URI node, String path, @Nullable String token, @Nullable Map<String, ?> body) {
    Response response = send(method, node, path, token, body);
    if (response.status() / 100 != 2) {
      throw new IllegalStateException(
          method
              + " "
              + path
              + " on "
              + node
              + " answered "
              + response.status()
              + ": "
              + response.body());
    }
    return response.body();
  }

  /**
   * Sends a binary body (a snapshot, as {@code application/octet-stream}) and insists on a 2xx
   * answer.
   *
   * @param method the HTTP method
   * @param node the node's API address
   * @param path the path below {@code /v1/}
   * @param token the token, or null
   * @param body the bytes to send
   * @return the body text
   * @throws IllegalStateException with the status and body otherwise
   * @throws UncheckedIOException if no answer came
   */
  public String okBinary(
      String method, URI node, String path, @Nullable String token, byte[] body) {
    HttpRequest request =
        request(node, path, token, Duration.ofSeconds(60))
            .header("Content-Type", "application/octet-stream")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method
                + " "
                + path
                + " on "
                + node
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " on " + node, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + method + " " + path, e);
    }
  }

  /**
   * A GET's status, without reading the body (which may be a large snapshot).
   *
   * @param node the node's API address
   * @param path the path below {@code /v1/}
   * @param token the token, or null
   * @return the status
   * @throws UncheckedIOException if no answer came
   */
  public int status(URI node, String path, @Nullable String token) {
    try {
      return http.send(
              request(node, path, token, TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " on " + node, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: GET " + path, e);
    }
  }

  /**
   * Downloads a snapshot of the cluster ({@code GET sys/storage/raft/snapshot}) into memory.
   *
   * @param active the active node's API address (a standby redirects)
   * @param token a token allowed to read the snapshot
   * @return the snapshot's bytes
   * @throws IllegalStateException unless the node answers 200
   */
  public byte[] snapshot(URI active, String token) {
    try {
      HttpResponse<byte[]> response =
          http.send(
              request(active, "sys/storage/raft/snapshot", token, Duration.ofSeconds(60))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("snapshot answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("snapshot from " + active, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: snapshot", e);
    }
  }

  private static HttpRequest.Builder request(
      URI node, String path, @Nullable String token, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(node.resolve("/v1/" + path)).timeout(timeout);
    if (token != null) {
      request.header("X-Vault-Token", token);
    }
    return request;
  }

  // ---------------------------------------------------------------- named sys calls

  /**
   * The status {@code GET sys/health} answers: {@link ServerFlavour#HEALTH_ACTIVE}, {@link
   * ServerFlavour#HEALTH_STANDBY}, {@link ServerFlavour#HEALTH_UNINITIALISED}, {@link
   * ServerFlavour#HEALTH_SEALED}, or -1 for no answer within 2 seconds.
   *
   * @param node the node's API address
   * @return the status
   */
  public int health(URI node) {
    return send("GET", node, "sys/health", null, null, HEALTH_TIMEOUT).status();
  }

  /**
   * Initialises a node with one key share ({@code PUT sys/init}).
   *
   * @param node the node's API address
   * @return the unseal key (base64) and the root token
   */
  public InitKeys init(URI node) {
    Map<String, Object> init =
        send("PUT", node, "sys/init", null, Map.of("secret_shares", 1, "secret_threshold", 1))
            .expect(200)
            .json();
    return new InitKeys(
        String.valueOf(list(init.get("keys_base64")).get(0)),
        String.valueOf(init.get("root_token")));
  }

  /**
   * What initialising a node hands out.
   *
   * @param unsealKey the single unseal key, base64
   * @param rootToken the root token
   */
  public record InitKeys(String unsealKey, String rootToken) {
    @Override
    public String toString() {
      return "InitKeys[****]";
    }
  }

  /**
   * Sends an unseal key ({@code PUT sys/unseal}) without waiting for the result.
   *
   * @param node the node's API address
   * @param key the unseal key, base64
   */
  public void unseal(URI node, String key) {
    send("PUT", node, "sys/unseal", null, Map.of("key", key)).expect(200);
  }

  /**
   * Seals the active node ({@code PUT sys/seal}); a standby refuses.
   *
   * @param node the active node's API address
   * @param token a token allowed to seal
   */
  public void seal(URI node, String token) {
    send("PUT", node, "sys/seal", token, null).expect(204, 200);
  }

  /**
   * Joins an uninitialised node to a leader ({@code POST sys/storage/raft/join}, no token).
   *
   * @param node the joining node's API address
   * @param leaderApiAddr the leader's API address
   * @param tls the cluster's certificates, to trust the leader and present a client certificate;
   *     null for plain http
   * @throws IllegalStateException unless the node answers {@code joined: true}
   */
  public void join(URI node, String leaderApiAddr, @Nullable ClusterTls tls) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("leader_api_addr", leaderApiAddr);
    if (tls != null) {
      body.put("leader_ca_cert", tls.caPem());
      tls.clientCertPem().ifPresent(pem -> body.put("leader_client_cert", pem));
      tls.clientKeyPem().ifPresent(pem -> body.put("leader_client_key", pem));
    }
    Response joined = send("POST", node, "sys/storage/raft/join", null, body).expect(200);
    if (!Boolean.TRUE.equals(joined.json().get("joined"))) {
      throw new IllegalStateException(node + " did not join: " + joined.body());
    }
  }

  /**
   * Mounts KV version 1 at {@code secret/} unless something is mounted there already, and writes
   * {@code key=value} at {@code secret/<path>}.
   *
   * @param node the active node's API address
   * @param token a token allowed to mount and write
   * @param path the path below {@code secret/}
   * @param key the field
   * @param value its value
   */
  public void writeKv(URI node, String token, String path, String key, String value) {
    Response mount =
        send(
            "POST",
            node,
            "sys/mounts/secret",
            token,
            Map.of("type", "kv", "options", Map.of("version", "1")));
    if (mount.status() != 204 && !mount.body().contains("path is already in use")) {
      mount.expect(204);
    }
    send("POST", node, "secret/" + path, token, Map.of(key, value)).expect(204, 200);
  }

  /**
   * Reads a field written by {@link #writeKv}.
   *
   * @param node the active node's API address
   * @param token a token allowed to read
   * @param path the path below {@code secret/}
   * @param key the field
   * @return its value; empty if the path, the field or the mount does not exist
   */
  public Optional<String> readKv(URI node, String token, String path, String key) {
    Response read = send("GET", node, "secret/" + path, token, null);
    if (read.status()
        == 404) { // no such path, or no mount (e.g. after restoring an older snapshot)
      return Optional.empty();
    }
    return Optional.ofNullable(read.expect(200).data().get(key)).map(String::valueOf);
  }

  /**
   * Writes an ACL policy and creates a one-hour token with only that policy (no {@code default}).
   *
   * @param node the active node's API address
   * @param token a token allowed to write policies and create tokens
   * @param policyName the policy's name
   * @param policyHcl the policy
   * @return the new token
   */
  public String createToken(URI node, String token, String policyName, String policyHcl) {
    send("PUT", node, "sys/policies/acl/" + policyName, token, Map.of("policy", policyHcl))
        .expect(204, 200);
    Map<String, Object> created =
        send(
                "POST",
                node,
                "auth/token/create",
                token,
                Map.of("policies", List.of(policyName), "no_default_policy", true, "ttl", "1h"))
            .expect(200)
            .json();
    return String.valueOf(object(created.get("auth")).get("client_token"));
  }

  /**
   * A JSON value as an object.
   *
   * @param value a value from {@link Response#json()}
   * @return the object, or an empty map if it is not one
   */
  public static Map<?, ?> object(@Nullable Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }

  /**
   * A JSON value as an array.
   *
   * @param value a value from {@link Response#json()}
   * @return the array, or an empty list if it is not one
   */
  public static List<?> list(@Nullable Object value) {
    return value instanceof List<?> list ? list : List.of();
  }
}
