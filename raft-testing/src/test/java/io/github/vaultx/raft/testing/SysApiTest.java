package io.github.vaultx.raft.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sys-API helper against a JDK HTTP server that records requests and answers canned bodies. */
class SysApiTest {
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final SysApi sys = SysApi.create();
  private HttpServer server;
  private URI node;
  private volatile int status = 200;
  private volatile String body = "{}";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String sent =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " token="
                  + exchange.getRequestHeaders().getFirst("X-Vault-Token")
                  + " "
                  + sent);
          byte[] answer = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    node = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void init_sendsOneShareAndReturnsTheKeyAndToken_withoutPrintingThem() {
    body = "{\"keys_base64\":[\"a2V5\"],\"root_token\":\"s.root\"}";

    SysApi.InitKeys keys = sys.init(node);

    assertThat(keys.unsealKey()).isEqualTo("a2V5");
    assertThat(keys.rootToken()).isEqualTo("s.root");
    assertThat(keys.toString()).doesNotContain("a2V5").doesNotContain("s.root");
    assertThat(requests)
        .singleElement()
        .asString()
        .startsWith("PUT /v1/sys/init token=null")
        .contains("\"secret_shares\":1")
        .contains("\"secret_threshold\":1");
  }

  @Test
  void join_withTls_sendsTheLeadersCaAndTheClientCertificate() {
    body = "{\"joined\":true}";
    ClusterTls tls = ClusterTls.generate(true);

    sys.join(node, "https://127.0.0.1:8200", tls);

    assertThat(requests)
        .singleElement()
        .asString()
        .startsWith("POST /v1/sys/storage/raft/join token=null")
        .contains("\"leader_api_addr\":\"https://127.0.0.1:8200\"")
        .contains("\"leader_ca_cert\":\"-----BEGIN CERTIFICATE-----")
        .contains("\"leader_client_cert\":")
        .contains("\"leader_client_key\":");
  }

  @Test
  void join_answeredJoinedFalse_throws() {
    body = "{\"joined\":false}";

    assertThatThrownBy(() -> sys.join(node, "http://127.0.0.1:8200", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not join");
  }

  @Test
  void readKv_on404_isEmpty_andOn200_returnsTheField() {
    status = 404;
    body = "{\"errors\":[]}";
    assertThat(sys.readKv(node, "t", "a", "value")).isEmpty();

    status = 200;
    body = "{\"data\":{\"value\":\"one\"}}";
    assertThat(sys.readKv(node, "t", "a", "value")).contains("one");
    assertThat(requests).last().asString().startsWith("GET /v1/secret/a token=t");
  }

  @Test
  void createToken_writesThePolicyThenCreatesATokenWithOnlyIt() {
    body = "{\"auth\":{\"client_token\":\"s.limited\"}}";

    assertThat(sys.createToken(node, "root", "reader", "path \"x\" {}")).isEqualTo("s.limited");

    assertThat(requests).hasSize(2);
    assertThat(new SysApi.Response(200, body).toString()).doesNotContain("s.limited");
    assertThat(requests.get(0)).startsWith("PUT /v1/sys/policies/acl/reader token=root");
    assertThat(requests.get(1))
        .startsWith("POST /v1/auth/token/create token=root")
        .contains("\"policies\":[\"reader\"]")
        .contains("\"no_default_policy\":true");
  }

  @Test
  void ok_onAnErrorStatus_throwsWithTheStatusAndBody() {
    status = 403;
    body = "{\"errors\":[\"permission denied\"]}";

    assertThatThrownBy(() -> sys.ok("GET", node, "sys/mounts", "t", Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("403")
        .hasMessageContaining("permission denied");
  }

  @Test
  void send_withoutAnAnswer_isStatusMinusOne() {
    server.stop(0);

    assertThat(sys.health(node)).isEqualTo(-1);
    assertThat(sys.send("GET", node, "sys/health", null, null).status()).isEqualTo(-1);
  }

  @Test
  void response_json_onSomethingElse_throwsNamingTheBody() {
    SysApi.Response response = new SysApi.Response(200, "<html>");

    assertThatThrownBy(response::json)
        .hasMessageContaining("not a JSON object")
        .hasMessageContaining("<html>");
    assertThat(new SysApi.Response(204, "").json()).isEmpty();
    assertThatThrownBy(() -> response.expect(204, 200).expect(204))
        .hasMessageContaining("unexpected status 200");
  }
}
