package io.github.vaultx.raft.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.Moshi;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.AutopilotConfig;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.CircuitOpenException;
import io.github.vaultx.raft.IncompleteSnapshotException;
import io.github.vaultx.raft.NotFoundException;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.RaftJoinRequest;
import io.github.vaultx.raft.RestoreOption;
import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.SnapshotProgressListener;
import io.github.vaultx.raft.StandbyNodeException;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultRaftException;
import io.github.vaultx.raft.VaultSealedException;
import io.github.vaultx.raft.VaultServerException;
import io.github.vaultx.raft.internal.generated.api.RaftApi;
import io.github.vaultx.raft.internal.generated.model.ErrorResponse;
import io.github.vaultx.raft.internal.generated.model.RaftAutoSnapshotConfigResponse;
import io.github.vaultx.raft.internal.generated.model.RaftAutoSnapshotListResponse;
import io.github.vaultx.raft.internal.generated.model.RaftAutoSnapshotStatusResponse;
import io.github.vaultx.raft.internal.generated.model.RaftAutopilotConfigurationResponse;
import io.github.vaultx.raft.internal.generated.model.RaftAutopilotStateResponse;
import io.github.vaultx.raft.internal.generated.model.RaftConfigurationResponse;
import io.github.vaultx.raft.internal.generated.model.RaftJoinResponse;
import io.github.vaultx.raft.internal.generated.model.RaftRemovePeerRequest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The {@link VaultRaftClient}: the generated Retrofit API per node, decorated with Resilience4j
 * retries (outside) and a circuit breaker per node (inside), failover across nodes, error mapping
 * and streamed, verified snapshots.
 */
public final class DefaultVaultRaftClient implements VaultRaftClient {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultVaultRaftClient.class);

  private final ClientConfig config;
  private final OkHttpClient http;
  private final List<Node> nodes;
  private final AtomicInteger preferred = new AtomicInteger();
  private final Moshi moshi;
  private final JsonAdapter<ErrorResponse> errorAdapter;
  private final Map<Operation.RetryClass, Retry> retries =
      new EnumMap<>(Operation.RetryClass.class);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final RetryRegistry retryRegistry = RetryRegistry.ofDefaults();
  private final CircuitBreakerRegistry breakerRegistry = CircuitBreakerRegistry.ofDefaults();
  private final Metrics metrics;

  /** One Vault node: its API base URL, the API for JSON calls and for streams, its breaker. */
  private record Node(HttpUrl baseUrl, RaftApi api, RaftApi streamingApi, CircuitBreaker breaker) {
    String hostPort() {
      return baseUrl.host() + ":" + baseUrl.port();
    }
  }

  private DefaultVaultRaftClient(ClientConfig config) {
    this.config = config;
    this.moshi = new Moshi.Builder().build();
    this.errorAdapter = moshi.adapter(ErrorResponse.class).lenient();
    OkHttpClient.Builder base =
        new OkHttpClient.Builder()
            .followRedirects(false)
            .followSslRedirects(false)
            .connectTimeout(config.connectTimeout)
            .addInterceptor(Interceptors.headers(config.token, config.namespace))
            .addInterceptor(Interceptors.redirects(config.disableRedirects))
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
      RaftApi api =
          new Retrofit.Builder()
              .baseUrl(baseUrl)
              .client(http)
              .addConverterFactory(converter)
              .build()
              .create(RaftApi.class);
      RaftApi streamingApi =
          new Retrofit.Builder()
              .baseUrl(baseUrl)
              .client(streaming)
              .addConverterFactory(converter)
              .build()
              .create(RaftApi.class);
      built.add(new Node(baseUrl, api, streamingApi, breaker(baseUrl)));
    }
    this.nodes = List.copyOf(built);
    for (Operation.RetryClass retryClass : Operation.RetryClass.values()) {
      retries.put(retryClass, retry(retryClass));
    }
    // MicrometerBinding is named only here: without a registry it is never loaded, nor Micrometer.
    this.metrics =
        config.meterRegistry == null
            ? Metrics.NONE
            : MicrometerBinding.bind(config.meterRegistry, retryRegistry, breakerRegistry);
  }

  /**
   * Creates a client from a resolved configuration.
   *
   * @param config the configuration
   * @return the client
   */
  public static VaultRaftClient create(ClientConfig config) {
    return new DefaultVaultRaftClient(config);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  private CircuitBreaker breaker(HttpUrl baseUrl) {
    CircuitBreakerConfig breakerConfig =
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(config.breakerWindow)
            .minimumNumberOfCalls(config.breakerWindow)
            .failureRateThreshold(50)
            .waitDurationInOpenState(config.breakerOpenDuration)
            .permittedNumberOfCallsInHalfOpenState(1)
            .recordException(DefaultVaultRaftClient::countsAgainstNode)
            .build();
    return breakerRegistry.circuitBreaker(baseUrl.host() + ":" + baseUrl.port(), breakerConfig);
  }

  private Retry retry(Operation.RetryClass retryClass) {
    RetryConfig retryConfig =
        RetryConfig.<Object>custom()
            .maxAttempts(config.maxRetries + 1)
            .retryOnException(e -> retryable(retryClass, e))
            // Resilience4j sleeps through a process-wide static; we wait in our own (injectable)
            // sleeper and hand it a zero wait, so clients never share timing state.
            .intervalBiFunction(
                (attempt, outcome) -> {
                  Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
                  Duration wait = backoff(attempt, failure);
                  if (LOG.isDebugEnabled()) {
                    // Our exception messages never hold the token or a body.
                    LOG.debug(
                        "retry {} of {} in {} ms after: {}",
                        attempt,
                        config.maxRetries,
                        wait.toMillis(),
                        failure == null ? "a result" : failure.getMessage());
                  }
                  pause(wait);
                  return 0L;
                })
            .build();
    return retryRegistry.retry(
        "vaultx-raft-" + retryClass.name().toLowerCase(Locale.ROOT).replace('_', '-'), retryConfig);
  }

  // ---- retry, breaker and failover rules ----

  /** Whether the failure is worth another attempt for this kind of call. */
  static boolean retryable(Operation.RetryClass retryClass, Throwable e) {
    if (retryClass == Operation.RetryClass.ONCE) {
      return neverReachedServer(e) || redirectedUnprocessed(e);
    }
    if (e instanceof CircuitOpenException || e instanceof IncompleteSnapshotException) {
      return false;
    }
    if (e instanceof StandbyNodeException) {
      // A standby that could not serve did not act; during an election a moment later it can.
      return true;
    }
    if (e instanceof VaultServerException) {
      if (e instanceof VaultSealedException) {
        return false;
      }
      int status = ((VaultServerException) e).statusCode();
      return status == 412
          || status == 429
          || status == 500
          || status == 502
          || status == 503
          || status == 504;
    }
    return e instanceof VaultClientException && e.getCause() instanceof IOException;
  }

  /**
   * A standby answered 307/308 instead of serving: it did not act on the request. While the cluster
   * elects a new leader, standbys redirect to the dead one, so this is worth another attempt and
   * another node even for calls that are sent once.
   */
  static boolean redirectedUnprocessed(Throwable e) {
    if (!(e instanceof StandbyNodeException)) {
      return false;
    }
    int status = ((StandbyNodeException) e).statusCode();
    return status == 307 || status == 308;
  }

  /** A refused or unroutable connection: the request was certainly not received. */
  static boolean neverReachedServer(Throwable e) {
    Throwable cause = e.getCause();
    return e instanceof VaultClientException
        && !(e instanceof CircuitOpenException)
        && (cause instanceof ConnectException
            || cause instanceof NoRouteToHostException
            || cause instanceof UnknownHostException);
  }

  private static boolean countsAgainstNode(Throwable e) {
    if (e instanceof VaultServerException) {
      return ((VaultServerException) e).statusCode() >= 500;
    }
    return e instanceof VaultClientException && e.getCause() instanceof IOException;
  }

  /** Whether to try the next node: this one is unreachable, timed out or sealed. */
  private static boolean failOver(Operation operation, VaultRaftException e) {
    if (e instanceof VaultSealedException || e instanceof CircuitOpenException) {
      return true;
    }
    if (redirectedUnprocessed(e)
        || (e instanceof StandbyNodeException
            && operation.retryClass != Operation.RetryClass.ONCE)) {
      return true;
    }
    if (neverReachedServer(e)) {
      return true;
    }
    Throwable cause = e.getCause();
    boolean connectTimeout =
        cause instanceof SocketTimeoutException
            && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
    if (connectTimeout) {
      return true;
    }
    return operation.retryClass != Operation.RetryClass.ONCE
        && e instanceof VaultClientException
        && cause instanceof InterruptedIOException;
  }

  private Duration backoff(int attempt, @Nullable Throwable failure) {
    if (failure instanceof io.github.vaultx.raft.RateLimitedException) {
      Duration asked =
          ((io.github.vaultx.raft.RateLimitedException) failure).retryAfter().orElse(null);
      if (asked != null) {
        return min(asked, config.maxBackoff);
      }
    }
    long initial = config.initialBackoff.toMillis();
    long exponential = initial << Math.min(Math.max(attempt - 1, 0), 20);
    long capped = Math.min(exponential, config.maxBackoff.toMillis());
    // Full jitter around the exponential step, so clients that failed together do not retry
    // together.
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    return Duration.ofMillis(Math.min(jittered, config.maxBackoff.toMillis()));
  }

  private void pause(Duration duration) {
    try {
      config.sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VaultClientException("interrupted while waiting to retry", e);
    }
  }

  // ---- one call: retries around failover around one breaker-guarded attempt ----

  /** Runs one public call, timing it as the caller sees it for the metrics. */
  private <R> R measured(Operation operation, java.util.function.Supplier<R> body) {
    long start = System.nanoTime();
    try {
      R result = body.get();
      metrics.record(operation, System.nanoTime() - start, null);
      return result;
    } catch (RuntimeException e) {
      metrics.record(operation, System.nanoTime() - start, e);
      throw e;
    }
  }

  private <T, R> R call(
      Operation operation, Function<Node, Call<T>> newCall, Function<Response<T>, R> onSuccess) {
    ensureOpen();
    Retry retry = retries.get(operation.retryClass);
    java.util.function.Supplier<R> retried =
        Retry.decorateSupplier(retry, () -> onNodes(operation, newCall, onSuccess));
    // A snapshot download is timed with its transfer, a LIST with its "404 means empty" rule.
    if (operation == Operation.TAKE_SNAPSHOT || operation == Operation.LIST_AUTO_SNAPSHOT_CONFIGS) {
      return retried.get();
    }
    return measured(operation, retried);
  }

  private <T, R> R onNodes(
      Operation operation, Function<Node, Call<T>> newCall, Function<Response<T>, R> onSuccess) {
    int start = operation == Operation.JOIN ? 0 : preferred.get();
    int tries = operation == Operation.JOIN ? 1 : nodes.size();
    VaultRaftException last = null;
    for (int i = 0; i < tries; i++) {
      int index = (start + i) % nodes.size();
      Node node = nodes.get(index);
      Call<T> call = newCall.apply(node);
      try {
        R result = node.breaker.executeSupplier(() -> attempt(operation, node, call, onSuccess));
        preferred.set(index);
        return result;
      } catch (CallNotPermittedException e) {
        Request request = call.request();
        last =
            new CircuitOpenException(
                "circuit open on "
                    + request.method()
                    + " "
                    + request.url().encodedPath()
                    + ": "
                    + node.hostPort()
                    + " failed repeatedly and is rested before it is tried again",
                e);
      } catch (VaultRaftException e) {
        if (!failOver(operation, e)) {
          preferred.set(index);
          throw e;
        }
        if (LOG.isDebugEnabled() && i + 1 < tries) {
          LOG.debug(
              "{} fails over from {} to the next address after: {}",
              operation.publicName,
              node.hostPort(),
              e.getMessage());
        }
        last = e;
      }
    }
    throw last;
  }

  private <T, R> R attempt(
      Operation operation, Node node, Call<T> call, Function<Response<T>, R> onSuccess) {
    Request request = call.request();
    String method = request.method();
    String path = request.url().encodedPath();
    Response<T> response;
    try {
      response = call.execute();
    } catch (Interceptors.RedirectRefusedException e) {
      throw new StandbyNodeException(e.status, method, path, e.getMessage());
    } catch (JsonEncodingException | JsonDataException e) {
      throw malformed(method, path, e);
    } catch (IOException e) {
      throw new VaultClientException(
          "no answer on "
              + method
              + " "
              + path
              + " from "
              + node.hostPort()
              + ": "
              + transportProblem(e, operation.snapshot()),
          e);
    } catch (RuntimeException e) {
      if (e instanceof VaultRaftException) {
        throw e;
      }
      throw malformed(method, path, e);
    }
    if (!response.isSuccessful()) {
      List<String> errors = errors(response.errorBody());
      throw ErrorMapper.map(
          response.code(),
          method,
          path,
          errors,
          response.headers().get("Retry-After"),
          operation.enterprise,
          Instant.now());
    }
    try {
      return onSuccess.apply(response);
    } catch (WireMapper.MalformedResponse e) {
      throw malformed(method, path, e);
    }
  }

  /** Says which timeout fired, so users know which setting to change; else the I/O error. */
  private String transportProblem(IOException e, boolean snapshot) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof SocketTimeoutException) {
      if (message.toLowerCase(Locale.ROOT).contains("connect")) {
        return "could not connect within " + config.connectTimeout + " (the connect timeout)";
      }
      return snapshot
          ? "no data for " + config.snapshotIdleTimeout + " (the snapshot idle timeout)"
          : "no data for " + config.timeout + " (the read timeout)";
    }
    if (e instanceof javax.net.ssl.SSLPeerUnverifiedException) {
      // OkHttp appends the certificate's names on further lines: keep messages one line.
      String first = message.lines().findFirst().orElse("").replaceAll(":$", "");
      return "TLS: the server's certificate does not name the host you connect to (set"
          + " VAULT_TLS_SERVER_NAME / tlsServerName to a name it holds) ("
          + first
          + ")";
    }
    if (e instanceof javax.net.ssl.SSLHandshakeException && isUntrusted(e)) {
      return "TLS: the server's certificate is not signed by a trusted CA (set VAULT_CACERT or"
          + " VAULT_CAPATH / caCert to its CA)";
    }
    if (e instanceof javax.net.ssl.SSLException) {
      return "TLS handshake failed: "
          + e.getClass().getSimpleName()
          + " ("
          + message
          + "); if the server requires a client certificate, set VAULT_CLIENT_CERT and"
          + " VAULT_CLIENT_KEY";
    }
    // OkHttp's whole-call timeout cancels the call and reports it this way.
    if (e instanceof InterruptedIOException && message.equals("timeout")) {
      return "timed out after " + config.timeout + " (the whole-call timeout)";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + message + ")");
  }

  private static boolean isUntrusted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertPathValidatorException
          || t instanceof java.security.cert.CertificateException
          || String.valueOf(t.getMessage()).contains("PKIX path")) {
        return true;
      }
    }
    return false;
  }

  private static VaultClientException malformed(String method, String path, Exception e) {
    return new VaultClientException(
        "malformed response body on " + method + " " + path + ": " + e.getMessage(), e);
  }

  private List<String> errors(@Nullable ResponseBody body) {
    if (body == null) {
      return List.of();
    }
    try (body) {
      ErrorResponse parsed = errorAdapter.fromJson(body.source());
      if (parsed == null || parsed.getErrors() == null) {
        return List.of();
      }
      List<String> errors = new ArrayList<>();
      for (String error : parsed.getErrors()) {
        if (error != null) {
          // Belt and braces: should Vault ever echo the token, it still never reaches a message.
          errors.add(config.token == null ? error : error.replace(config.token.reveal(), "****"));
        }
      }
      return errors;
    } catch (IOException | RuntimeException e) {
      // Not Vault's error JSON (a proxy's HTML page, say): the status alone must do.
      return List.of();
    }
  }

  private static <T> T body(Response<T> response) {
    T body = response.body();
    if (body == null) {
      throw new WireMapper.MalformedResponse("the response has no body");
    }
    return body;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the client is closed");
    }
  }

  // ---- the API ----

  @Override
  public boolean joinRaftCluster(String leaderApiAddr) {
    return joinRaftCluster(RaftJoinRequest.builder(leaderApiAddr).build());
  }

  @Override
  public boolean joinRaftCluster(RaftJoinRequest request) {
    Checks.notNull(request, "request");
    var wire = WireMapper.joinRequest(request);
    return call(
        Operation.JOIN,
        node -> node.api.joinRaftCluster(wire),
        response -> {
          RaftJoinResponse body = body(response);
          return Boolean.TRUE.equals(body.getJoined());
        });
  }

  @Override
  public RaftConfiguration readRaftConfig() {
    return call(
        Operation.READ_CONFIGURATION,
        node -> node.api.readRaftConfiguration(),
        response -> {
          RaftConfigurationResponse body = body(response);
          return WireMapper.raftConfiguration(
              body.getData() == null ? null : body.getData().getConfig());
        });
  }

  @Override
  public void removeRaftNode(String serverId) {
    Checks.noControlCharacters(serverId, "serverId");
    RaftRemovePeerRequest request = new RaftRemovePeerRequest().serverId(serverId);
    call(Operation.REMOVE_PEER, node -> node.api.removeRaftPeer(request), response -> null);
  }

  @Override
  public SnapshotInfo takeRaftSnapshot(Path target, SnapshotProgressListener progress) {
    Checks.notNull(target, "target");
    Checks.notNull(progress, "progress");
    Path absolute = target.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new IllegalArgumentException("target must be a file, not a directory: " + target);
    }
    Path directory = absolute.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new IllegalArgumentException("target must be in an existing directory: " + target);
    }
    return measured(Operation.TAKE_SNAPSHOT, () -> download(target, absolute, directory, progress));
  }

  private SnapshotInfo download(
      Path target, Path absolute, Path directory, SnapshotProgressListener progress) {
    long start = System.nanoTime();
    Response<ResponseBody> response = openSnapshot();
    Path temp = null;
    try (ResponseBody body = body(response)) {
      temp = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".partial");
      SnapshotStreams.Result result;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024)) {
        result = copy(body, out, response, progress);
      }
      if (!result.complete()) {
        throw incomplete(response, result.bytes(), result.problem(), null);
      }
      try {
        Files.move(
            temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      return new SnapshotInfo(result.bytes(), result.sha256(), elapsed(start));
    } catch (IOException e) {
      throw new IncompleteSnapshotException(
          "could not write the snapshot beside " + target + ": " + e.getClass().getSimpleName(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // Best effort: the name marks it as partial.
        }
      }
    }
  }

  @Override
  public SnapshotInfo takeRaftSnapshot(OutputStream target) {
    Checks.notNull(target, "target");
    return measured(Operation.TAKE_SNAPSHOT, () -> download(target));
  }

  private SnapshotInfo download(OutputStream target) {
    long start = System.nanoTime();
    Response<ResponseBody> response = openSnapshot();
    try (ResponseBody body = body(response)) {
      SnapshotStreams.Result result = copy(body, target, response, SnapshotProgressListener.NONE);
      if (!result.complete()) {
        throw incomplete(response, result.bytes(), result.problem(), null);
      }
      target.flush();
      return new SnapshotInfo(result.bytes(), result.sha256(), elapsed(start));
    } catch (IOException e) {
      throw new IncompleteSnapshotException(
          "could not write the snapshot to the stream: " + e.getClass().getSimpleName(), e);
    }
  }

  private Response<ResponseBody> openSnapshot() {
    return call(Operation.TAKE_SNAPSHOT, node -> node.streamingApi.takeRaftSnapshot(), r -> r);
  }

  /** Copies the body; a broken connection becomes an {@link IncompleteSnapshotException}. */
  private SnapshotStreams.Result copy(
      ResponseBody body,
      OutputStream out,
      Response<ResponseBody> response,
      SnapshotProgressListener progress)
      throws IOException {
    CountingSource counted = new CountingSource(body);
    try {
      return SnapshotStreams.copyAndVerify(counted.stream(), out, progress::bytesTransferred);
    } catch (IOException e) {
      if (counted.failed) {
        String problem =
            e instanceof SocketTimeoutException
                ? "no data for " + config.snapshotIdleTimeout + " (the snapshot idle timeout)"
                : "the connection broke ("
                    + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + ")";
        throw incomplete(response, counted.bytes, problem, e);
      }
      throw e;
    }
  }

  /** Tells network failures (the body) from local ones (the destination). */
  private static final class CountingSource {
    private final ResponseBody body;
    long bytes;
    boolean failed;

    CountingSource(ResponseBody body) {
      this.body = body;
    }

    java.io.InputStream stream() {
      java.io.InputStream in = body.byteStream();
      return new java.io.FilterInputStream(in) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          try {
            int n = super.read(b, off, len);
            if (n > 0) {
              bytes += n;
            }
            return n;
          } catch (IOException e) {
            failed = true;
            throw e;
          }
        }

        @Override
        public int read() throws IOException {
          try {
            int n = super.read();
            if (n >= 0) {
              bytes++;
            }
            return n;
          } catch (IOException e) {
            failed = true;
            throw e;
          }
        }
      };
    }
  }

  private static IncompleteSnapshotException incomplete(
      Response<ResponseBody> response, long bytes, String problem, @Nullable Throwable cause) {
    Request request = response.raw().request();
    return new IncompleteSnapshotException(
        "incomplete snapshot on "
            + request.method()
            + " "
            + request.url().encodedPath()
            + " after "
            + bytes
            + " bytes: "
            + problem,
        cause);
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Override
  public void restoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    RequestBody body = snapshotBody(source, progress, options);
    call(
        Operation.RESTORE_SNAPSHOT,
        node -> node.streamingApi.restoreRaftSnapshot(body),
        response -> null);
  }

  @Override
  public void forceRestoreRaftSnapshot(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    RequestBody body = snapshotBody(source, progress, options);
    call(
        Operation.FORCE_RESTORE_SNAPSHOT,
        node -> node.streamingApi.forceRestoreRaftSnapshot(body),
        response -> null);
  }

  /** Checks the file before any request, then streams it each time the body is written. */
  private static RequestBody snapshotBody(
      Path source, SnapshotProgressListener progress, RestoreOption... options) {
    RequestBody body = SnapshotUpload.of(source, progress);
    SnapshotParser.verifyBeforeRestore(source, options);
    return body;
  }

  @Override
  public AutopilotState readRaftAutopilotState() {
    return call(
        Operation.READ_AUTOPILOT_STATE,
        node -> node.api.readRaftAutopilotState(),
        response -> {
          RaftAutopilotStateResponse body = body(response);
          return WireMapper.autopilotState(body.getData());
        });
  }

  @Override
  public AutopilotConfig readRaftAutopilotConfig() {
    return call(
        Operation.READ_AUTOPILOT_CONFIG,
        node -> node.api.readRaftAutopilotConfiguration(),
        response -> {
          RaftAutopilotConfigurationResponse body = body(response);
          return WireMapper.autopilotConfig(body.getData());
        });
  }

  @Override
  public void updateRaftAutopilotConfig(AutopilotConfig config) {
    Checks.notNull(config, "config");
    var request = WireMapper.autopilotRequest(config);
    call(
        Operation.UPDATE_AUTOPILOT_CONFIG,
        node -> node.api.updateRaftAutopilotConfiguration(request),
        response -> null);
  }

  @Override
  public AutoSnapshotStatus readRaftAutoSnapshotStatus(String name) {
    Checks.pathSegment(name, "name");
    return call(
        Operation.READ_AUTO_SNAPSHOT_STATUS,
        node -> node.api.readRaftAutoSnapshotStatus(name),
        response -> {
          RaftAutoSnapshotStatusResponse body = body(response);
          return WireMapper.autoSnapshotStatus(body.getData());
        });
  }

  @Override
  public AutoSnapshotConfig readRaftAutoSnapshotConfig(String name) {
    Checks.pathSegment(name, "name");
    return call(
        Operation.READ_AUTO_SNAPSHOT_CONFIG,
        node -> node.api.readRaftAutoSnapshotConfig(name),
        response -> {
          RaftAutoSnapshotConfigResponse body = body(response);
          return WireMapper.autoSnapshotConfig(body.getData());
        });
  }

  @Override
  public List<String> listRaftAutoSnapshotConfigs() {
    return measured(Operation.LIST_AUTO_SNAPSHOT_CONFIGS, this::listAutoSnapshotConfigs);
  }

  private List<String> listAutoSnapshotConfigs() {
    try {
      return call(
          Operation.LIST_AUTO_SNAPSHOT_CONFIGS,
          node -> node.api.listRaftAutoSnapshotConfigs(true),
          response -> {
            RaftAutoSnapshotListResponse body = body(response);
            if (body.getData() == null || body.getData().getKeys() == null) {
              return List.<String>of();
            }
            return List.copyOf(body.getData().getKeys());
          });
    } catch (NotFoundException e) {
      // Vault's LIST answers "nothing to list" with 404 and an empty errors array.
      if (e.errors().isEmpty()) {
        return List.of();
      }
      throw e;
    }
  }

  @Override
  public void createOrUpdateRaftAutoSnapshotConfig(String name, AutoSnapshotConfig config) {
    Checks.pathSegment(name, "name");
    Checks.notNull(config, "config");
    Map<String, Object> request = config.toVaultParameters();
    call(
        Operation.WRITE_AUTO_SNAPSHOT_CONFIG,
        node -> node.api.createOrUpdateRaftAutoSnapshotConfig(name, request),
        response -> null);
  }

  @Override
  public void deleteRaftAutoSnapshotConfig(String name) {
    Checks.pathSegment(name, "name");
    call(
        Operation.DELETE_AUTO_SNAPSHOT_CONFIG,
        node -> node.api.deleteRaftAutoSnapshotConfig(name),
        response -> null);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      metrics.close();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "VaultRaftClient[" + config + "]";
  }
}
