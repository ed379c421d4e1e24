package io.github.vaultx.raft.internal;

import com.squareup.moshi.Moshi;
import io.github.vaultx.raft.internal.generated.api.RaftApi;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The HTTP side of the client: one OkHttp client with the interceptors, timeouts and the dispatcher
 * that bounds the async client's requests in flight, and per node address a generated Retrofit API
 * for JSON calls and one for snapshot streams.
 */
final class NodeClients implements AutoCloseable {
  private final OkHttpClient http;
  private final List<Node> nodes;

  /** One Vault node: its API base URL, the API for JSON calls and the one for streams. */
  record Node(HttpUrl baseUrl, RaftApi api, RaftApi streamingApi) {
    /** The API that suits the operation: snapshots get only an idle timeout. */
    RaftApi apiFor(Operation operation) {
      return operation.streamsSnapshot() ? streamingApi : api;
    }

    String hostPort() {
      return baseUrl.host() + ":" + baseUrl.port();
    }
  }

  /**
   * @param asyncThreads runs the async client's calls; the dispatcher bounds how many at once
   */
  NodeClients(ResolvedSettings config, Moshi moshi, ExecutorService asyncThreads) {
    Dispatcher dispatcher = new Dispatcher(asyncThreads);
    dispatcher.setMaxRequests(config.maxConcurrentRequests);
    dispatcher.setMaxRequestsPerHost(config.maxConcurrentRequests);
    OkHttpClient.Builder base =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .followRedirects(false)
            .followSslRedirects(false)
            .connectTimeout(config.connectTimeout)
            .socketFactory(new BufferedSockets())
            .addInterceptor(Interceptors.headers(config.token, config.namespace))
            .addInterceptor(Interceptors.redirects(config.disableRedirects))
            .addInterceptor(Interceptors.observed())
            .addInterceptor(Interceptors.oneShotBodies())
            .addInterceptor(Interceptors.logging());
    config.tls.applyTo(base, config.baseUrls);
    this.http =
        base.callTimeout(config.timeout)
            .readTimeout(config.timeout)
            .writeTimeout(config.timeout)
            .build();
    // Snapshots may take longer than any whole-call timeout: only an idle timeout applies.
    OkHttpClient streaming =
        http.newBuilder()
            .callTimeout(0, TimeUnit.MILLISECONDS)
            .readTimeout(config.snapshotIdleTimeout)
            .writeTimeout(config.snapshotIdleTimeout)
            .build();
    MoshiConverterFactory converter = MoshiConverterFactory.create(moshi);
    List<Node> built = new ArrayList<>();
    for (HttpUrl baseUrl : config.baseUrls) {
      built.add(
          new Node(baseUrl, api(baseUrl, http, converter), api(baseUrl, streaming, converter)));
    }
    this.nodes = List.copyOf(built);
  }

  private static RaftApi api(HttpUrl baseUrl, OkHttpClient client, MoshiConverterFactory json) {
    return new Retrofit.Builder()
        .baseUrl(baseUrl)
        .client(client)
        .addConverterFactory(json)
        .build()
        .create(RaftApi.class);
  }

  /**
   * The HTTP client without interceptors, for a request that is no call of the API (no token, no
   * operation tag), with the same TLS, timeouts and threads.
   */
  OkHttpClient plain() {
    OkHttpClient.Builder builder = http.newBuilder();
    builder.interceptors().clear();
    return builder.build();
  }

  /** The nodes, in the order of the configured addresses. */
  List<Node> nodes() {
    return nodes;
  }

  @Override
  public void close() {
    // The threads belong to ClientThreads, which stops them after this.
    http.dispatcher().cancelAll();
    http.connectionPool().evictAll();
  }
}
