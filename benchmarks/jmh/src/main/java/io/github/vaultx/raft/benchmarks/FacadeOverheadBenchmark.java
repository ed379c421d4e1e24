package io.github.vaultx.raft.benchmarks;

import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.VaultRaftClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the facade (retry, circuit breaker, error mapping, JSON to records) over a bare
 * OkHttp call that only reads the body, both against the same local server answering Vault's
 * configuration JSON.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class FacadeOverheadBenchmark {
  /** Vault's answer to GET sys/storage/raft/configuration on a 3-node cluster. */
  static final byte[] CONFIG =
      ("{\"request_id\":\"a\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,"
              + "\"data\":{\"config\":{\"servers\":["
              + "{\"node_id\":\"node1\",\"address\":\"127.0.0.1:8211\",\"leader\":true,"
              + "\"protocol_version\":\"3\",\"voter\":true},"
              + "{\"node_id\":\"node2\",\"address\":\"127.0.0.1:8221\",\"leader\":false,"
              + "\"protocol_version\":\"3\",\"voter\":true},"
              + "{\"node_id\":\"node3\",\"address\":\"127.0.0.1:8231\",\"leader\":false,"
              + "\"protocol_version\":\"3\",\"voter\":true}],\"index\":0}},"
              + "\"wrap_info\":null,\"warnings\":null,\"auth\":null}")
          .getBytes(StandardCharsets.UTF_8);

  private @Nullable TinyHttpServer server;
  private @Nullable VaultRaftClient facade;
  private @Nullable OkHttpClient bare;
  private String url = "";

  @Setup(Level.Trial)
  public void start() throws IOException {
    TinyHttpServer http = new TinyHttpServer(CONFIG);
    server = http;
    String base = "http://127.0.0.1:" + http.port();
    url = base + "/v1/sys/storage/raft/configuration";
    facade = VaultRaftClient.builder().environment(Map.of()).address(base).token("root").build();
    bare = new OkHttpClient();
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    if (facade != null) {
      facade.close();
    }
    if (bare != null) {
      bare.dispatcher().executorService().shutdown();
      bare.connectionPool().evictAll();
    }
    if (server != null) {
      server.close();
    }
  }

  /** The facade: retry, breaker, error mapping, Moshi into records. */
  @Benchmark
  public RaftConfiguration facade() {
    return started(facade).readRaftConfig();
  }

  /** The floor: one OkHttp GET with the token header, body read as bytes. */
  @Benchmark
  public byte[] bareOkHttp() throws IOException {
    Request request = new Request.Builder().url(url).header("X-Vault-Token", "root").build();
    try (Response response = started(bare).newCall(request).execute()) {
      ResponseBody body = response.body();
      return body == null ? new byte[0] : body.bytes();
    }
  }

  /** A field that {@link #start()} sets; null only if a benchmark runs without its setup. */
  private static <T> T started(@Nullable T field) {
    if (field == null) {
      throw new IllegalStateException("the benchmark's @Setup has not run");
    }
    return field;
  }
}
