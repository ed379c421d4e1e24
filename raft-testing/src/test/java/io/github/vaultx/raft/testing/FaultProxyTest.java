package io.github.vaultx.raft.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Toxiproxy client against a real Toxiproxy server (built by scripts/install-go-tool.sh
 * toxiproxy) in front of a small HTTP server: each fault is checked by what it does to a request,
 * and by what the proxy reports.
 */
class FaultProxyTest {
  static final byte[] BODY = new byte[256 * 1024];

  static HttpServer upstream;
  static FaultProxy proxy;
  static FaultLink link;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void start() throws IOException {
    Arrays.fill(BODY, (byte) 'x');
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, BODY.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(BODY);
          }
        });
    upstream.start();
    proxy = FaultProxy.start();
    link = proxy.link("upstream", "127.0.0.1:" + upstream.getAddress().getPort());
  }

  @AfterAll
  static void stop() {
    proxy.close();
    upstream.stop(0);
  }

  @AfterEach
  void clear() {
    link.clear();
  }

  HttpResponse<byte[]> get(Duration timeout) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://" + link.address() + "/"))
            .timeout(timeout)
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void link_withoutFaults_passesTheWholeAnswer() throws Exception {
    assertThat(proxy.version()).isEqualTo("2.12.0");
    assertThat(link.address()).startsWith("127.0.0.1:");
    assertThat(link.toxics()).isEmpty();

    HttpResponse<byte[]> response = get(Duration.ofSeconds(10));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(BODY);
  }

  @Test
  void down_refusesConnections_upServesAgainOnTheSameAddress() throws Exception {
    link.down();
    assertThat(link.isUp()).isFalse();
    assertThatThrownBy(() -> get(Duration.ofSeconds(5))).isInstanceOf(ConnectException.class);

    link.up();

    assertThat(link.isUp()).isTrue();
    assertThat(get(Duration.ofSeconds(10)).body()).isEqualTo(BODY);
  }

  @Test
  void resetPeer_breaksTheConnection() {
    link.add(Toxic.resetPeer(Duration.ZERO));

    assertThatThrownBy(() -> get(Duration.ofSeconds(5)))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void limitData_cutsTheAnswerShort() {
    link.add(Toxic.limitData(10_000));

    // The headers promise 256 KiB; the connection closes after 10 kB.
    assertThatThrownBy(() -> get(Duration.ofSeconds(5)))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void blackHole_acceptsAndNeverAnswers() {
    link.add(Toxic.blackHole());

    assertThatThrownBy(() -> get(Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void toxics_areReportedAsAdded_andRemovedOneByOne() throws Exception {
    Toxic latency = link.add(Toxic.latency(Duration.ofMillis(20), Duration.ofMillis(5)));
    Toxic bandwidth = link.add(Toxic.bandwidth(50_000).upstream().toxicity(0.5));
    Toxic slicer = link.add(Toxic.slicer(512, 128, Duration.ofNanos(10_000)).named("chopped"));

    assertThat(link.toxics())
        .containsExactlyInAnyOrder(
            new Toxic(
                "latency_downstream",
                "latency",
                Toxic.Direction.DOWNSTREAM,
                1.0,
                Map.of("latency", 20L, "jitter", 5L)),
            new Toxic(
                "bandwidth_upstream",
                "bandwidth",
                Toxic.Direction.UPSTREAM,
                0.5,
                Map.of("rate", 50_000L)),
            new Toxic(
                "chopped",
                "slicer",
                Toxic.Direction.DOWNSTREAM,
                1.0,
                Map.of("average_size", 512L, "size_variation", 128L, "delay", 10L)));
    // Slow, sliced, but whole.
    assertThat(get(Duration.ofSeconds(10)).body()).isEqualTo(BODY);

    link.remove(latency);
    link.remove(bandwidth);
    link.remove(slicer);
    assertThat(link.toxics()).isEmpty();
  }

  @Test
  void reset_clearsEveryLink() {
    link.add(Toxic.timeout(Duration.ofSeconds(1)));
    link.down();

    proxy.reset();

    assertThat(link.toxics()).isEmpty();
    assertThat(link.isUp()).isTrue();
  }

  @Test
  void add_aNameAlreadyOnTheLink_failsWithToxiproxysReason() {
    link.add(Toxic.slowClose(Duration.ofMillis(10)));

    assertThatThrownBy(() -> link.add(Toxic.slowClose(Duration.ofMillis(20))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("409")
        .hasMessageContaining("toxic already exists");
  }

  @Test
  void badInput_isRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> Toxic.latency(Duration.ofMillis(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> Toxic.bandwidth(0)).hasMessageContaining("at least 1 KB/s");
    assertThatThrownBy(() -> Toxic.resetPeer(Duration.ZERO).toxicity(1.5))
        .hasMessageContaining("toxicity must be between 0 and 1");
    assertThatThrownBy(() -> Toxic.slicer(10, 10, Duration.ZERO))
        .hasMessageContaining("sizeVariation < averageSize");
    assertThatThrownBy(() -> proxy.link("a/b", "127.0.0.1:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("link name");
  }
}
