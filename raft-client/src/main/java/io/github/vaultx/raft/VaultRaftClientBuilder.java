package io.github.vaultx.raft;

import io.github.vaultx.raft.internal.access.Checks;
import io.github.vaultx.raft.internal.access.ClientFactory;
import io.github.vaultx.raft.internal.access.ClientSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Configures a {@link VaultRaftClient}. Anything not set here is read from the environment with the
 * {@code vault} CLI's variables and meanings; explicit values win.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Builder method</th><th>Meaning</th></tr>
 *   <tr><td>{@code VAULT_ADDR}</td><td>{@link #address(String)}</td>
 *       <td>the node to talk to; default {@code https://127.0.0.1:8200}</td></tr>
 *   <tr><td>{@code VAULTX_ADDRESSES}</td><td>{@link #addresses(List)}</td>
 *       <td>comma-separated nodes to fail over to, after {@code VAULT_ADDR}</td></tr>
 *   <tr><td>{@code VAULT_TOKEN}</td><td>{@link #token(String)}</td>
 *       <td>the token; else the content of {@code ~/.vault-token}</td></tr>
 *   <tr><td>{@code VAULT_NAMESPACE}</td><td>{@link #namespace(String)}</td>
 *       <td>sent as {@code X-Vault-Namespace}</td></tr>
 *   <tr><td>{@code VAULT_CACERT}</td><td>{@link #caCert(Path)}</td>
 *       <td>PEM file of the CA certificates to trust</td></tr>
 *   <tr><td>{@code VAULT_CAPATH}</td><td>{@link #caPath(Path)}</td>
 *       <td>directory of PEM CA certificates (used when no {@code VAULT_CACERT})</td></tr>
 *   <tr><td>{@code VAULT_CLIENT_CERT}, {@code VAULT_CLIENT_KEY}</td>
 *       <td>{@link #clientCertificate(Path, Path)}</td>
 *       <td>PEM client certificate and its PKCS#8, PKCS#1 (RSA) or SEC1 (EC) key</td></tr>
 *   <tr><td>{@code VAULT_SKIP_VERIFY}</td><td>{@link #skipVerify(boolean)}</td>
 *       <td>turn off TLS verification (logged as a warning)</td></tr>
 *   <tr><td>{@code VAULT_TLS_SERVER_NAME}</td><td>{@link #tlsServerName(String)}</td>
 *       <td>the name to send (SNI) and verify in the server's certificate</td></tr>
 *   <tr><td>{@code VAULT_CLIENT_TIMEOUT}</td><td>{@link #timeout(Duration)}</td>
 *       <td>whole-call timeout of JSON calls, {@code 30} or {@code 30s}; default 60s</td></tr>
 *   <tr><td>{@code VAULT_MAX_RETRIES}</td><td>{@link #maxRetries(int)}</td>
 *       <td>retries every retried call gets after its first attempt; {@code 0} turns retrying
 *       off; default 2</td></tr>
 *   <tr><td>{@code VAULTX_RETRY_BUDGET}</td><td>{@link #retryBudget(Duration)}</td>
 *       <td>how long a call that is safe to repeat goes on retrying after those, counted from its
 *       first attempt, {@code 15s}; {@code 0} for the count alone; default 15s</td></tr>
 *   <tr><td>{@code VAULT_DISABLE_REDIRECTS}</td><td>{@link #disableRedirects(boolean)}</td>
 *       <td>do not follow a standby's redirect</td></tr>
 * </table>
 *
 * <p>A malformed variable gives an {@link IllegalArgumentException} that names the variable, never
 * its value.
 */
public final class VaultRaftClientBuilder {
  private final ClientSettings settings = new ClientSettings();

  VaultRaftClientBuilder() {}

  /**
   * Sets the one node to talk to, overriding {@code VAULT_ADDR} and {@code VAULTX_ADDRESSES}.
   *
   * @param url an http or https URL, for example {@code https://vault-0.example.com:8200}
   * @return this builder
   * @throws IllegalArgumentException if {@code url} is not an http(s) URL
   */
  public VaultRaftClientBuilder address(String url) {
    Checks.httpUrl(url, "address");
    settings.addresses = List.of(url.trim());
    return this;
  }

  /**
   * Sets several nodes of one cluster, in failover order, overriding {@code VAULT_ADDR} and {@code
   * VAULTX_ADDRESSES}.
   *
   * @param urls http or https URLs
   * @return this builder
   * @throws IllegalArgumentException if the list is empty or holds a malformed URL
   */
  public VaultRaftClientBuilder addresses(List<String> urls) {
    Checks.notNull(urls, "addresses");
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("addresses must not be empty");
    }
    for (String url : urls) {
      Checks.httpUrl(url, "addresses");
    }
    settings.addresses = urls.stream().map(String::trim).toList();
    return this;
  }

  /**
   * Sets the token, overriding {@code VAULT_TOKEN} and {@code ~/.vault-token}.
   *
   * @param token the Vault token
   * @return this builder
   * @throws IllegalArgumentException if {@code token} is blank
   */
  public VaultRaftClientBuilder token(String token) {
    settings.token = Checks.noControlCharacters(token, "token");
    return this;
  }

  /**
   * Sets the namespace sent as {@code X-Vault-Namespace}, overriding {@code VAULT_NAMESPACE}.
   *
   * @param namespace the namespace path
   * @return this builder
   */
  public VaultRaftClientBuilder namespace(String namespace) {
    settings.namespace = Checks.noControlCharacters(namespace, "namespace");
    return this;
  }

  /**
   * Trusts the CA certificates in a PEM file, overriding {@code VAULT_CACERT}.
   *
   * @param pemFile the file
   * @return this builder
   */
  public VaultRaftClientBuilder caCert(Path pemFile) {
    settings.caCert = Checks.notNull(pemFile, "caCert");
    return this;
  }

  /**
   * Trusts the PEM CA certificates in a directory, overriding {@code VAULT_CAPATH}.
   *
   * @param directory the directory
   * @return this builder
   */
  public VaultRaftClientBuilder caPath(Path directory) {
    settings.caPath = Checks.notNull(directory, "caPath");
    return this;
  }

  /**
   * Presents a client certificate, overriding {@code VAULT_CLIENT_CERT} and {@code
   * VAULT_CLIENT_KEY}.
   *
   * @param certPem the PEM certificate (chain) file
   * @param keyPem the PEM private key file: PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted
   * @return this builder
   */
  public VaultRaftClientBuilder clientCertificate(Path certPem, Path keyPem) {
    settings.clientCert = Checks.notNull(certPem, "certPem");
    settings.clientKey = Checks.notNull(keyPem, "keyPem");
    return this;
  }

  /**
   * Turns TLS certificate verification off (or on), overriding {@code VAULT_SKIP_VERIFY}. Only for
   * tests: a warning is logged when it is off.
   *
   * @param skip whether to skip verification
   * @return this builder
   */
  public VaultRaftClientBuilder skipVerify(boolean skip) {
    settings.skipVerify = skip;
    return this;
  }

  /**
   * Sets the name sent in SNI and verified in the server's certificate instead of the URL's host,
   * overriding {@code VAULT_TLS_SERVER_NAME}.
   *
   * @param serverName the server name
   * @return this builder
   */
  public VaultRaftClientBuilder tlsServerName(String serverName) {
    settings.tlsServerName = Checks.noControlCharacters(serverName, "tlsServerName");
    return this;
  }

  /**
   * Sets the whole-call timeout of JSON calls, overriding {@code VAULT_CLIENT_TIMEOUT}; default 60
   * seconds. Snapshot transfers use {@link #snapshotIdleTimeout(Duration)} instead.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public VaultRaftClientBuilder timeout(Duration timeout) {
    settings.timeout = positive(timeout, "timeout");
    return this;
  }

  /**
   * Sets how long to wait for a connection to a node (TCP and TLS handshake) before failing over to
   * the next address; default the {@linkplain #timeout(Duration) timeout}, at most 10 seconds.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public VaultRaftClientBuilder connectTimeout(Duration timeout) {
    settings.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  /**
   * Sets how long a snapshot transfer may go without receiving or sending a byte; default the
   * {@linkplain #timeout(Duration) timeout}. A transfer as a whole has no time limit.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public VaultRaftClientBuilder snapshotIdleTimeout(Duration timeout) {
    settings.snapshotIdleTimeout = positive(timeout, "snapshotIdleTimeout");
    return this;
  }

  /**
   * Sets how many times a failed call is retried at least, overriding {@code VAULT_MAX_RETRIES};
   * default 2, and 0 turns retrying off, as for the {@code vault} CLI. A call that is safe to
   * repeat goes on retrying after these within the {@linkplain #retryBudget(Duration) retry
   * budget}; a call that is sent once retries at most this often, and only on failures that prove
   * the server did not act. See {@link VaultRaftClient} for which calls retry on what.
   *
   * @param maxRetries zero or more
   * @return this builder
   */
  public VaultRaftClientBuilder maxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative");
    }
    settings.maxRetries = maxRetries;
    return this;
  }

  /**
   * Sets how long a call that is safe to repeat (a read, or a write that leaves the same state when
   * repeated) goes on retrying once its {@linkplain #maxRetries(int) maxRetries} are used, counted
   * from the call's first attempt, overriding {@code VAULTX_RETRY_BUDGET}; default 15 seconds,
   * longer than the slowest leader election measured after kill -9 of the active node, so that such
   * calls ride out an election without an error. No retry starts after the budget is spent; an
   * attempt already sent keeps its own {@linkplain #timeout(Duration) timeout}, so a call can take
   * the budget plus one attempt. {@link Duration#ZERO} keeps to the count alone. Calls that are
   * sent once never use it.
   *
   * @param budget zero or a positive duration
   * @return this builder
   * @throws IllegalArgumentException if {@code budget} is null or negative
   */
  public VaultRaftClientBuilder retryBudget(Duration budget) {
    Checks.notNull(budget, "retryBudget");
    if (budget.isNegative()) {
      throw new IllegalArgumentException("retryBudget must not be negative");
    }
    settings.retryBudget = budget;
    return this;
  }

  /**
   * Stops the client following a standby's 307 to the active node, overriding {@code
   * VAULT_DISABLE_REDIRECTS}; a redirect then gives {@link StandbyNodeException}.
   *
   * @param disable whether to refuse redirects
   * @return this builder
   */
  public VaultRaftClientBuilder disableRedirects(boolean disable) {
    settings.disableRedirects = disable;
    return this;
  }

  /**
   * Publishes request timings and the retry and circuit breaker state to Micrometer; off by
   * default. Needs {@code micrometer-core} and {@code resilience4j-micrometer} on the classpath,
   * which a client without metrics does not.
   *
   * @param metrics where to publish, from {@link MicrometerMetrics#of}
   * @return this builder
   * @throws IllegalArgumentException if {@code metrics} is null
   */
  public VaultRaftClientBuilder metrics(MicrometerMetrics metrics) {
    settings.meterRegistry = Checks.notNull(metrics, "metrics").registry();
    return this;
  }

  /**
   * Reports every public call as a Micrometer {@code Observation}, with one child observation per
   * HTTP attempt, to the registry's handlers: timers, traces (through Micrometer Tracing) or both;
   * off by default. Needs {@code micrometer-observation} on the classpath, which a client without
   * observations does not.
   *
   * @param observations where to report, from {@link MicrometerObservations#of}
   * @return this builder
   * @throws IllegalArgumentException if {@code observations} is null
   */
  public VaultRaftClientBuilder observations(MicrometerObservations observations) {
    settings.observations = Checks.notNull(observations, "observations");
    return this;
  }

  /**
   * Sets how many requests the {@linkplain VaultRaftClient#async() async client} has in flight at
   * once, over all nodes; further calls wait in the client's queue and take no thread while they
   * wait. Default 64. Each request in flight occupies one of the client's threads, so this also
   * bounds them. The sync client is bounded by its callers' threads instead.
   *
   * @param max at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code max} is less than 1
   */
  public VaultRaftClientBuilder maxConcurrentRequests(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
    }
    settings.maxConcurrentRequests = max;
    return this;
  }

  /**
   * Reads the {@code VAULT_*} and {@code VAULTX_*} variables (and {@code HOME}, for {@code
   * ~/.vault-token}) from {@code env} instead of the process environment.
   *
   * @param env the variables
   * @return this builder
   */
  public VaultRaftClientBuilder environment(Map<String, String> env) {
    settings.environment = Map.copyOf(Checks.notNull(env, "env"));
    return this;
  }

  /**
   * Builds the client. Files named by the configuration (CA, client certificate, token file) are
   * read now.
   *
   * @return a new client
   * @throws IllegalArgumentException if a setting or variable is malformed (the message names it)
   */
  public VaultRaftClient build() {
    return ClientFactory.build(settings);
  }

  /**
   * Builds the client and returns its non-blocking view, {@code build().async()}; closing it closes
   * the client.
   *
   * @return a new async client
   * @throws IllegalArgumentException if a setting or variable is malformed (the message names it)
   */
  public VaultRaftAsyncClient buildAsync() {
    return build().async();
  }

  private static Duration positive(Duration value, String name) {
    Checks.notNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return value;
  }
}
