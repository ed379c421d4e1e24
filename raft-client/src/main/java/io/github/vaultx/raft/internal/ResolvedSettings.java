package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.VaultDurations;
import io.github.vaultx.raft.internal.access.Checks;
import io.github.vaultx.raft.internal.access.ClientSettings;
import io.github.vaultx.raft.internal.access.Sleeper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The client's settings resolved, immutable: the {@link
 * io.github.vaultx.raft.internal.access.ClientSettings} as written (builder values) first, then the
 * {@code vault} CLI's environment variables, then the CLI's defaults. Errors name the variable or
 * builder method, never the value.
 */
final class ResolvedSettings {
  final List<HttpUrl> baseUrls;
  final @Nullable VaultToken token;
  final @Nullable String namespace;
  final TlsSupport.TlsSetup tls;
  final boolean clientCertificate;
  final Duration timeout;
  final Duration connectTimeout;
  final Duration snapshotIdleTimeout;
  final int maxRetries;
  final Duration retryBudget;
  final boolean disableRedirects;
  final Sleeper sleeper;
  final Duration initialBackoff;
  final Duration maxBackoff;
  final int breakerWindow;
  final Duration breakerOpenDuration;
  final @Nullable Object meterRegistry;
  final int maxConcurrentRequests;
  final @Nullable Object observations;

  private ResolvedSettings(ClientSettings o, Map<String, String> env) {
    this.baseUrls = baseUrls(o, env);
    this.token = token(o, env);
    this.namespace = o.namespace != null ? o.namespace : text(env, "VAULT_NAMESPACE");
    boolean skipVerify =
        o.skipVerify != null ? o.skipVerify : bool(env, "VAULT_SKIP_VERIFY", false);
    String tlsServerName =
        o.tlsServerName != null ? o.tlsServerName : text(env, "VAULT_TLS_SERVER_NAME");
    TlsSupport.Source clientCert =
        path(o.clientCert, "clientCertificate", env, "VAULT_CLIENT_CERT");
    TlsSupport.Source clientKey = path(o.clientKey, "clientCertificate", env, "VAULT_CLIENT_KEY");
    if ((clientCert == null) != (clientKey == null)) {
      throw new IllegalArgumentException(
          "VAULT_CLIENT_CERT and VAULT_CLIENT_KEY must be set together");
    }
    this.clientCertificate = clientCert != null;
    this.tls =
        TlsSupport.create(
            path(o.caCert, "caCert", env, "VAULT_CACERT"),
            path(o.caPath, "caPath", env, "VAULT_CAPATH"),
            clientCert,
            clientKey,
            skipVerify,
            tlsServerName);
    this.timeout = o.timeout != null ? o.timeout : timeout(env);
    this.connectTimeout =
        o.connectTimeout != null
            ? o.connectTimeout
            : min(timeout, ClientSettings.DEFAULT_CONNECT_TIMEOUT);
    this.snapshotIdleTimeout = o.snapshotIdleTimeout != null ? o.snapshotIdleTimeout : timeout;
    this.maxRetries = o.maxRetries != null ? o.maxRetries : maxRetries(env);
    this.retryBudget = o.retryBudget != null ? o.retryBudget : retryBudget(env);
    this.disableRedirects =
        o.disableRedirects != null
            ? o.disableRedirects
            : bool(env, "VAULT_DISABLE_REDIRECTS", false);
    this.sleeper = o.sleeper;
    this.initialBackoff = o.initialBackoff;
    this.maxBackoff = o.maxBackoff;
    this.breakerWindow = o.breakerWindow;
    this.breakerOpenDuration = o.breakerOpenDuration;
    this.meterRegistry = o.meterRegistry;
    this.observations = o.observations;
    this.maxConcurrentRequests = o.maxConcurrentRequests;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  /**
   * Resolves {@code settings} against its environment map, or the process environment when none was
   * given.
   *
   * @throws IllegalArgumentException naming the malformed setting
   */
  public static ResolvedSettings resolve(ClientSettings settings) {
    Map<String, String> env = settings.environment != null ? settings.environment : System.getenv();
    return new ResolvedSettings(settings, env);
  }

  private static List<HttpUrl> baseUrls(ClientSettings o, Map<String, String> env) {
    List<HttpUrl> urls = new ArrayList<>();
    if (o.addresses != null) {
      for (String address : o.addresses) {
        add(urls, baseUrl(address, "addresses"));
      }
      return List.copyOf(urls);
    }
    String vaultAddr = text(env, "VAULT_ADDR");
    String list = text(env, "VAULTX_ADDRESSES");
    if (vaultAddr != null) {
      add(urls, baseUrl(vaultAddr, "VAULT_ADDR"));
    }
    if (list != null) {
      for (String entry : list.split(",")) {
        if (!entry.isBlank()) {
          add(urls, baseUrl(entry, "VAULTX_ADDRESSES"));
        }
      }
    }
    if (urls.isEmpty()) {
      add(urls, baseUrl(ClientSettings.DEFAULT_ADDRESS, "VAULT_ADDR"));
    }
    return List.copyOf(urls);
  }

  private static void add(List<HttpUrl> urls, HttpUrl url) {
    if (!urls.contains(url)) {
      urls.add(url);
    }
  }

  /** Turns {@code https://host:8200} (or with a path) into {@code https://host:8200/v1/}. */
  static HttpUrl baseUrl(String address, String source) {
    try {
      Checks.httpUrl(address, source);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " must be an http or https URL with a host");
    }
    HttpUrl url = HttpUrl.parse(address.trim());
    if (url == null) {
      throw new IllegalArgumentException(source + " must be an http or https URL with a host");
    }
    String path = url.encodedPath();
    if (!path.endsWith("/")) {
      path = path + "/";
    }
    return url.newBuilder().encodedPath(path + "v1/").build();
  }

  private static @Nullable VaultToken token(ClientSettings o, Map<String, String> env) {
    if (o.token != null) {
      return new VaultToken(o.token);
    }
    String fromEnv = text(env, "VAULT_TOKEN");
    if (fromEnv != null) {
      try {
        return new VaultToken(fromEnv.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("VAULT_TOKEN must not contain control characters");
      }
    }
    String home = text(env, "HOME");
    if (home == null) {
      home = System.getProperty("user.home");
    }
    if (home == null) {
      return null;
    }
    Path file;
    try {
      file = Path.of(home, ".vault-token");
    } catch (InvalidPathException e) {
      return null;
    }
    if (!Files.exists(file)) {
      return null;
    }
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8).trim();
      return content.isEmpty() ? null : new VaultToken(content);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("~/.vault-token cannot be read as a token");
    }
  }

  private static TlsSupport.@Nullable Source path(
      @Nullable Path explicit, String method, Map<String, String> env, String variable) {
    if (explicit != null) {
      return new TlsSupport.Source(explicit, method);
    }
    String value = text(env, variable);
    if (value == null) {
      return null;
    }
    try {
      return new TlsSupport.Source(Path.of(value), variable);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(variable + " must be a file path");
    }
  }

  private static Duration timeout(Map<String, String> env) {
    String value = text(env, "VAULT_CLIENT_TIMEOUT");
    if (value == null) {
      return ClientSettings.DEFAULT_TIMEOUT;
    }
    Duration timeout = VaultDurations.parse(value, "VAULT_CLIENT_TIMEOUT");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("VAULT_CLIENT_TIMEOUT must be positive");
    }
    return timeout;
  }

  private static int maxRetries(Map<String, String> env) {
    String value = text(env, "VAULT_MAX_RETRIES");
    if (value == null) {
      return ClientSettings.DEFAULT_MAX_RETRIES;
    }
    try {
      int retries = Integer.parseInt(value.trim());
      if (retries >= 0) {
        return retries;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("VAULT_MAX_RETRIES must be a whole number, 0 or more");
  }

  private static Duration retryBudget(Map<String, String> env) {
    String value = text(env, "VAULTX_RETRY_BUDGET");
    if (value == null) {
      return ClientSettings.DEFAULT_RETRY_BUDGET;
    }
    Duration budget = VaultDurations.parse(value, "VAULTX_RETRY_BUDGET");
    if (budget.isNegative()) {
      throw new IllegalArgumentException("VAULTX_RETRY_BUDGET must not be negative");
    }
    return budget;
  }

  /** Parses a boolean the way Go's {@code strconv.ParseBool} does, as the vault CLI does. */
  private static boolean bool(Map<String, String> env, String variable, boolean fallback) {
    String value = text(env, variable);
    if (value == null) {
      return fallback;
    }
    switch (value.trim()) {
      case "1":
      case "t":
      case "T":
      case "true":
      case "TRUE":
      case "True":
        return true;
      case "0":
      case "f":
      case "F":
      case "false":
      case "FALSE":
      case "False":
        return false;
      default:
        throw new IllegalArgumentException(variable + " must be true or false (or 1 or 0)");
    }
  }

  private static @Nullable String text(Map<String, String> env, String variable) {
    String value = env.get(variable);
    return value == null || value.isBlank() ? null : value;
  }

  /** The failover order of the nodes' API base URLs, ending in {@code /v1/}. */
  public List<HttpUrl> baseUrls() {
    return baseUrls;
  }

  /** Whether a token was configured. */
  public boolean hasToken() {
    return token != null;
  }

  /** The whole-call timeout of JSON calls. */
  public Duration timeout() {
    return timeout;
  }

  /** How long to wait for a TCP (and TLS) connection to a node. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The idle timeout of snapshot transfers. */
  public Duration snapshotIdleTimeout() {
    return snapshotIdleTimeout;
  }

  /** Retries after the first attempt. */
  public int maxRetries() {
    return maxRetries;
  }

  /** How long a call that is safe to repeat goes on retrying after its maxRetries. */
  public Duration retryBudget() {
    return retryBudget;
  }

  /** Whether redirects are refused. */
  public boolean disableRedirects() {
    return disableRedirects;
  }

  /** The namespace sent as {@code X-Vault-Namespace}, if any. */
  public @Nullable String namespace() {
    return namespace;
  }

  /** Whether a custom TLS setup (CA, client certificate, server name, skip) is in use. */
  public boolean customTls() {
    return tls.socketFactory() != null;
  }

  @Override
  public String toString() {
    return "ResolvedSettings[addresses="
        + baseUrls
        + ", token="
        + (token == null ? "none" : "****")
        + ", namespace="
        + namespace
        + ", timeout="
        + timeout
        + ", connectTimeout="
        + connectTimeout
        + ", snapshotIdleTimeout="
        + snapshotIdleTimeout
        + ", maxRetries="
        + maxRetries
        + ", retryBudget="
        + retryBudget
        + ", disableRedirects="
        + disableRedirects
        + ", maxConcurrentRequests="
        + maxConcurrentRequests
        + ", customTls="
        + customTls()
        + "]";
  }
}
