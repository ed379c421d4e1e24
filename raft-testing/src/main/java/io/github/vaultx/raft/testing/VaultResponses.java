package io.github.vaultx.raft.testing;

import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;

/**
 * Vault's answers in the shapes the real server sends, for unit tests against OkHttp's {@code
 * MockWebServer} (as OkHttp publishes {@code mockwebserver3-junit5} beside its client): errors with
 * Vault's {@code {"errors": [...]}} body, a sealed node, a standby's redirect, an open-source
 * server's answer to an Enterprise path, an empty LIST and a snapshot body. The real cluster
 * ({@link LocalRaftCluster}) is where behaviour is checked; these are for the cases a test must
 * provoke at will.
 *
 * <pre>{@code
 * server.enqueue(VaultResponses.sealed());
 * assertThrows(VaultSealedException.class, client::readRaftConfig);
 * }</pre>
 */
public final class VaultResponses {
  private VaultResponses() {}

  /**
   * A JSON answer.
   *
   * @param status the HTTP status
   * @param body the JSON body
   * @return the answer
   */
  public static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /**
   * Vault's error answer, {@code {"errors": [...]}}.
   *
   * @param status the HTTP status
   * @param errors Vault's messages, as it sends them (Vault CE often wraps one in {@code "1 error
   *     occurred:\n\t* ...\n\n"})
   * @return the answer
   */
  public static MockResponse vaultError(int status, String... errors) {
    StringBuilder body = new StringBuilder("{\"errors\":[");
    for (int i = 0; i < errors.length; i++) {
      body.append(i == 0 ? "" : ",").append('"').append(jsonEscape(errors[i])).append('"');
    }
    return json(status, body.append("]}").toString());
  }

  /**
   * A sealed node: 503 {@code "Vault is sealed"}.
   *
   * @return the answer
   */
  public static MockResponse sealed() {
    return vaultError(503, "Vault is sealed");
  }

  /**
   * A standby's redirect to the active node, as Vault answers {@code sys/storage/raft/snapshot} and
   * {@code snapshot-force} on a standby: 307 with {@code Location} naming the same path there.
   *
   * @param activeAddress the active node's address, for example {@code http://127.0.0.1:8200}
   * @param path the request's path, for example {@code /v1/sys/storage/raft/snapshot}
   * @return the answer
   */
  public static MockResponse standbyRedirect(String activeAddress, String path) {
    String base =
        activeAddress.endsWith("/")
            ? activeAddress.substring(0, activeAddress.length() - 1)
            : activeAddress;
    return new MockResponse().setResponseCode(307).setHeader("Location", base + path);
  }

  /**
   * A path the server does not serve: 404 {@code "unsupported path"}, as OpenBao answers every
   * Enterprise path and both servers answer every Raft path without Raft storage.
   *
   * @return the answer
   */
  public static MockResponse unsupportedPath() {
    return vaultError(404, "1 error occurred:\n\t* unsupported path\n\n");
  }

  /**
   * Vault CE's answer to an Enterprise-only path: 404 {@code "enterprise-only feature"}.
   *
   * @return the answer
   */
  public static MockResponse enterpriseOnly() {
    return vaultError(404, "1 error occurred:\n\t* enterprise-only feature\n\n");
  }

  /**
   * Permission denied: 403, the token lacks a capability (or is invalid).
   *
   * @return the answer
   */
  public static MockResponse permissionDenied() {
    return vaultError(403, "1 error occurred:\n\t* permission denied\n\n");
  }

  /**
   * A rate-limit quota's refusal: 429 with {@code Retry-After}.
   *
   * @param path the request's path without {@code /v1/}, named in Vault's message
   * @param retryAfter the wait Vault asks for, in whole seconds
   * @return the answer
   */
  public static MockResponse rateLimited(String path, Duration retryAfter) {
    return vaultError(429, "request path \"" + path + "\": rate limit quota exceeded")
        .setHeader("Retry-After", String.valueOf(retryAfter.toSeconds()));
  }

  /**
   * A LIST with nothing to list: 404 with an empty {@code errors} array, which means "no entries".
   *
   * @return the answer
   */
  public static MockResponse emptyList() {
    return json(404, "{\"errors\":[]}");
  }

  /**
   * A write that answers nothing: 204, as remove-peer, restore and autopilot configuration do.
   *
   * @return the answer
   */
  public static MockResponse noContent() {
    return new MockResponse().setResponseCode(204);
  }

  /**
   * A snapshot answer: {@code bytes} as the {@code application/gzip} body (Vault sends the gzipped
   * tar as content, not as a content encoding).
   *
   * @param bytes the snapshot
   * @return the answer
   */
  public static MockResponse snapshot(byte[] bytes) {
    return new MockResponse()
        .setHeader("Content-Type", "application/gzip")
        .setBody(new Buffer().write(bytes));
  }

  private static String jsonEscape(String text) {
    return text.replace("\\", "\\\\")
        .replace("\"", "\\\"")
        .replace("\n", "\\n")
        .replace("\t", "\\t");
  }
}
