package io.github.vaultx.raft.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each canned answer as a client receives it over HTTP: status, headers and body. */
class VaultResponsesTest {
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void vaultError_escapesEachMessageIntoTheErrorsArray() throws Exception {
    HttpResponse<String> r = get(VaultResponses.vaultError(400, "a \"b\"", "c\\d"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body()).isEqualTo("{\"errors\":[\"a \\\"b\\\"\",\"c\\\\d\"]}");
  }

  @Test
  void sealed_is503VaultIsSealed() throws Exception {
    HttpResponse<String> r = get(VaultResponses.sealed());

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("{\"errors\":[\"Vault is sealed\"]}");
  }

  @Test
  void unsupportedPath_andEnterpriseOnly_are404WithVaultsWrappedMessage() throws Exception {
    assertThat(get(VaultResponses.unsupportedPath()).body())
        .isEqualTo("{\"errors\":[\"1 error occurred:\\n\\t* unsupported path\\n\\n\"]}");
    HttpResponse<String> enterprise = get(VaultResponses.enterpriseOnly());
    assertThat(enterprise.statusCode()).isEqualTo(404);
    assertThat(enterprise.body()).contains("enterprise-only feature");
  }

  @Test
  void standbyRedirect_is307ToTheSamePathOnTheActiveNode() throws Exception {
    HttpResponse<String> r =
        get(
            VaultResponses.standbyRedirect(
                "http://127.0.0.1:8200/", "/v1/sys/storage/raft/snapshot"));

    assertThat(r.statusCode()).isEqualTo(307);
    assertThat(r.headers().firstValue("Location"))
        .hasValue("http://127.0.0.1:8200/v1/sys/storage/raft/snapshot");
  }

  @Test
  void rateLimited_is429WithRetryAfterInSeconds() throws Exception {
    HttpResponse<String> r =
        get(VaultResponses.rateLimited("sys/storage/raft/configuration", Duration.ofMillis(3_500)));

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(r.body())
        .isEqualTo(
            "{\"errors\":[\"request path \\\"sys/storage/raft/configuration\\\": rate limit quota"
                + " exceeded\"]}");
  }

  @Test
  void emptyList_is404WithNoErrors_andNoContentIs204() throws Exception {
    HttpResponse<String> empty = get(VaultResponses.emptyList());
    assertThat(empty.statusCode()).isEqualTo(404);
    assertThat(empty.body()).isEqualTo("{\"errors\":[]}");
    assertThat(get(VaultResponses.noContent()).statusCode()).isEqualTo(204);
  }

  @Test
  void snapshot_isTheBytesAsApplicationGzip() throws Exception {
    byte[] bytes = {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3};
    server.enqueue(VaultResponses.snapshot(bytes));

    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(server.url("/v1/sys/storage/raft/snapshot").uri()).build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/gzip");
    assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(r.body()).containsExactly(bytes);
  }

  private HttpResponse<String> get(MockResponse response) throws Exception {
    server.enqueue(response);
    URI uri = server.url("/v1/sys/storage/raft/configuration").uri();
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
