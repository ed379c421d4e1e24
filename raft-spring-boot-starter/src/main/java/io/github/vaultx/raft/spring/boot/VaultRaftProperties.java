package io.github.vaultx.raft.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code vaultx.raft.*} properties: one per setting of {@link
 * io.github.vaultx.raft.VaultRaftClientBuilder}, with the same meaning and default. A property left
 * unset falls back to {@code spring.cloud.vault.uri}, {@code spring.cloud.vault.token} and {@code
 * spring.cloud.vault.namespace} where those exist, and then to the {@code vault} CLI's environment
 * variables ({@code VAULT_ADDR}, {@code VAULT_TOKEN}, ...), as the builder does.
 *
 * <p>A value the client rejects stops the application at startup with a message naming the
 * property, never the token.
 */
@ConfigurationProperties("vaultx.raft")
public class VaultRaftProperties {
  /**
   * Nodes of one cluster, in failover order, for example http://vault-0:8200. Default
   * spring.cloud.vault.uri, then VAULT_ADDR and VAULTX_ADDRESSES.
   */
  private @Nullable List<String> addresses;

  /**
   * The Vault token. Default the content of token-file, then spring.cloud.vault.token, then
   * VAULT_TOKEN and ~/.vault-token.
   */
  private @Nullable String token;

  /** A file holding the token (surrounding white space is ignored); not with token. */
  private @Nullable Path tokenFile;

  /**
   * The namespace sent as X-Vault-Namespace. Default spring.cloud.vault.namespace, then
   * VAULT_NAMESPACE.
   */
  private @Nullable String namespace;

  /** PEM file of the CA certificates to trust. Default VAULT_CACERT. */
  private @Nullable Path caCert;

  /** Directory of PEM CA certificates, used without ca-cert. Default VAULT_CAPATH. */
  private @Nullable Path caPath;

  /** PEM client certificate (chain) file; needs client-key. Default VAULT_CLIENT_CERT. */
  private @Nullable Path clientCert;

  /**
   * PEM private key of client-cert: PKCS#8, PKCS#1 (RSA) or SEC1 (EC), unencrypted. Default
   * VAULT_CLIENT_KEY.
   */
  private @Nullable Path clientKey;

  /** Turn off TLS certificate verification (only for tests). Default VAULT_SKIP_VERIFY. */
  private @Nullable Boolean skipVerify;

  /**
   * The name sent in SNI and verified in the server's certificate instead of the URL's host.
   * Default VAULT_TLS_SERVER_NAME.
   */
  private @Nullable String tlsServerName;

  /** Whole-call timeout of JSON calls. Default VAULT_CLIENT_TIMEOUT, else 60s. */
  private @Nullable Duration timeout;

  /** How long to wait for a connection to a node before failing over. Default min(timeout, 10s). */
  private @Nullable Duration connectTimeout;

  /** How long a snapshot transfer may go without a byte. Default the timeout. */
  private @Nullable Duration snapshotIdleTimeout;

  /**
   * Retries each retried call gets at least; 0 turns retrying off. Default VAULT_MAX_RETRIES, else
   * 2.
   */
  private @Nullable Integer maxRetries;

  /**
   * How long a call that is safe to repeat goes on retrying after max-retries, from its first
   * attempt; 0 keeps to the count. Default VAULTX_RETRY_BUDGET, else 15s.
   */
  private @Nullable Duration retryBudget;

  /** Do not follow a standby's redirect. Default VAULT_DISABLE_REDIRECTS, else false. */
  private @Nullable Boolean disableRedirects;

  /** Requests the async client has in flight at once, over all nodes. Default 64. */
  private @Nullable Integer maxConcurrentRequests;

  private final Health health = new Health();

  /**
   * The nodes, in failover order.
   *
   * @return the addresses, or null when unset
   */
  public @Nullable List<String> getAddresses() {
    return addresses;
  }

  /**
   * Sets the nodes, in failover order.
   *
   * @param addresses http or https URLs
   */
  public void setAddresses(@Nullable List<String> addresses) {
    this.addresses = addresses;
  }

  /**
   * The token.
   *
   * @return the token, or null when unset
   */
  public @Nullable String getToken() {
    return token;
  }

  /**
   * Sets the token.
   *
   * @param token the Vault token
   */
  public void setToken(@Nullable String token) {
    this.token = token;
  }

  /**
   * The file holding the token.
   *
   * @return the file, or null when unset
   */
  public @Nullable Path getTokenFile() {
    return tokenFile;
  }

  /**
   * Sets the file holding the token.
   *
   * @param tokenFile the file
   */
  public void setTokenFile(@Nullable Path tokenFile) {
    this.tokenFile = tokenFile;
  }

  /**
   * The namespace.
   *
   * @return the namespace, or null when unset
   */
  public @Nullable String getNamespace() {
    return namespace;
  }

  /**
   * Sets the namespace.
   *
   * @param namespace the namespace path
   */
  public void setNamespace(@Nullable String namespace) {
    this.namespace = namespace;
  }

  /**
   * The CA certificates file.
   *
   * @return the file, or null when unset
   */
  public @Nullable Path getCaCert() {
    return caCert;
  }

  /**
   * Sets the CA certificates file.
   *
   * @param caCert a PEM file
   */
  public void setCaCert(@Nullable Path caCert) {
    this.caCert = caCert;
  }

  /**
   * The CA certificates directory.
   *
   * @return the directory, or null when unset
   */
  public @Nullable Path getCaPath() {
    return caPath;
  }

  /**
   * Sets the CA certificates directory.
   *
   * @param caPath a directory of PEM files
   */
  public void setCaPath(@Nullable Path caPath) {
    this.caPath = caPath;
  }

  /**
   * The client certificate file.
   *
   * @return the file, or null when unset
   */
  public @Nullable Path getClientCert() {
    return clientCert;
  }

  /**
   * Sets the client certificate file.
   *
   * @param clientCert a PEM file
   */
  public void setClientCert(@Nullable Path clientCert) {
    this.clientCert = clientCert;
  }

  /**
   * The client key file.
   *
   * @return the file, or null when unset
   */
  public @Nullable Path getClientKey() {
    return clientKey;
  }

  /**
   * Sets the client key file.
   *
   * @param clientKey a PEM file
   */
  public void setClientKey(@Nullable Path clientKey) {
    this.clientKey = clientKey;
  }

  /**
   * Whether TLS verification is off.
   *
   * @return the setting, or null when unset
   */
  public @Nullable Boolean getSkipVerify() {
    return skipVerify;
  }

  /**
   * Turns TLS verification off or on.
   *
   * @param skipVerify whether to skip verification
   */
  public void setSkipVerify(@Nullable Boolean skipVerify) {
    this.skipVerify = skipVerify;
  }

  /**
   * The TLS server name.
   *
   * @return the name, or null when unset
   */
  public @Nullable String getTlsServerName() {
    return tlsServerName;
  }

  /**
   * Sets the TLS server name.
   *
   * @param tlsServerName the server name
   */
  public void setTlsServerName(@Nullable String tlsServerName) {
    this.tlsServerName = tlsServerName;
  }

  /**
   * The whole-call timeout.
   *
   * @return the timeout, or null when unset
   */
  public @Nullable Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets the whole-call timeout.
   *
   * @param timeout a positive duration
   */
  public void setTimeout(@Nullable Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * The connect timeout.
   *
   * @return the timeout, or null when unset
   */
  public @Nullable Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets the connect timeout.
   *
   * @param connectTimeout a positive duration
   */
  public void setConnectTimeout(@Nullable Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * The snapshot idle timeout.
   *
   * @return the timeout, or null when unset
   */
  public @Nullable Duration getSnapshotIdleTimeout() {
    return snapshotIdleTimeout;
  }

  /**
   * Sets the snapshot idle timeout.
   *
   * @param snapshotIdleTimeout a positive duration
   */
  public void setSnapshotIdleTimeout(@Nullable Duration snapshotIdleTimeout) {
    this.snapshotIdleTimeout = snapshotIdleTimeout;
  }

  /**
   * The retries each retried call gets at least.
   *
   * @return the count, or null when unset
   */
  public @Nullable Integer getMaxRetries() {
    return maxRetries;
  }

  /**
   * Sets the retries each retried call gets at least.
   *
   * @param maxRetries zero or more
   */
  public void setMaxRetries(@Nullable Integer maxRetries) {
    this.maxRetries = maxRetries;
  }

  /**
   * The retry budget.
   *
   * @return the budget, or null when unset
   */
  public @Nullable Duration getRetryBudget() {
    return retryBudget;
  }

  /**
   * Sets the retry budget.
   *
   * @param retryBudget zero or a positive duration
   */
  public void setRetryBudget(@Nullable Duration retryBudget) {
    this.retryBudget = retryBudget;
  }

  /**
   * Whether redirects are refused.
   *
   * @return the setting, or null when unset
   */
  public @Nullable Boolean getDisableRedirects() {
    return disableRedirects;
  }

  /**
   * Refuses or follows redirects.
   *
   * @param disableRedirects whether to refuse a standby's redirect
   */
  public void setDisableRedirects(@Nullable Boolean disableRedirects) {
    this.disableRedirects = disableRedirects;
  }

  /**
   * The async client's limit of requests in flight.
   *
   * @return the limit, or null when unset
   */
  public @Nullable Integer getMaxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  /**
   * Sets the async client's limit of requests in flight.
   *
   * @param maxConcurrentRequests at least 1
   */
  public void setMaxConcurrentRequests(@Nullable Integer maxConcurrentRequests) {
    this.maxConcurrentRequests = maxConcurrentRequests;
  }

  /**
   * The {@code raft} health indicator's settings.
   *
   * @return the settings
   */
  public Health getHealth() {
    return health;
  }

  /** The vaultx.raft.health.* properties of the raft health indicator. */
  public static class Health {
    /**
     * The failure tolerance (voters that may fail without losing quorum) below which the indicator
     * is not UP. Default 1 when the cluster has 3 or more voters, else 0.
     */
    private @Nullable Integer minFailureTolerance;

    /** How long one answer of autopilot is reused, so that probes never flood Vault. */
    private Duration cacheTtl = Duration.ofSeconds(10);

    /** How long a health check waits for autopilot's answer before reporting DOWN. */
    private Duration timeout = Duration.ofSeconds(5);

    /** Creates the defaults. */
    public Health() {}

    /**
     * The minimum failure tolerance.
     *
     * @return the minimum, or null for the default rule
     */
    public @Nullable Integer getMinFailureTolerance() {
      return minFailureTolerance;
    }

    /**
     * Sets the minimum failure tolerance.
     *
     * @param minFailureTolerance zero or more
     */
    public void setMinFailureTolerance(@Nullable Integer minFailureTolerance) {
      this.minFailureTolerance = minFailureTolerance;
    }

    /**
     * How long an answer is reused.
     *
     * @return the time to live
     */
    public Duration getCacheTtl() {
      return cacheTtl;
    }

    /**
     * Sets how long an answer is reused.
     *
     * @param cacheTtl zero (no caching) or a positive duration
     */
    public void setCacheTtl(Duration cacheTtl) {
      this.cacheTtl = cacheTtl;
    }

    /**
     * How long a check waits for autopilot.
     *
     * @return the timeout
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets how long a check waits for autopilot.
     *
     * @param timeout a positive duration
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** Creates the properties with every client setting unset. */
  public VaultRaftProperties() {}
}
