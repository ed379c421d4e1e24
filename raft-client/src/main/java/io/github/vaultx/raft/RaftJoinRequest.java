package io.github.vaultx.raft;

import io.github.vaultx.raft.internal.access.Checks;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A request for a node to join a Raft cluster, sent to the joining node by {@link
 * VaultRaftClient#joinRaftCluster(RaftJoinRequest)}. Components left null are not sent. It may hold
 * a private key: {@link #toString()} masks the key and the auto-join configuration and prints only
 * the size of each certificate.
 *
 * <pre>{@code
 * RaftJoinRequest request = RaftJoinRequest.builder("https://vault-0.example.com:8200")
 *     .leaderCaCert(Path.of("/etc/vault/ca.pem"))
 *     .retry(true)
 *     .build();
 * }</pre>
 *
 * @param leaderApiAddr the API address of a node of the cluster to join ({@code leader_api_addr}),
 *     an http or https URL
 * @param retry whether the node keeps retrying the join ({@code retry}); null when unset
 * @param leaderCaCert PEM text of the CA of the leader's TLS listener ({@code leader_ca_cert});
 *     null when unset
 * @param leaderClientCert PEM text of the client certificate presented to the leader ({@code
 *     leader_client_cert}); null when unset, set together with {@code leaderClientKey}
 * @param leaderClientKey PEM text of the client certificate's private key ({@code
 *     leader_client_key}); null when unset
 * @param leaderTlsServerName the TLS server name to verify in the leader's certificate ({@code
 *     leader_tls_servername}); null when unset
 * @param autoJoin the cloud auto-join configuration ({@code auto_join}, go-discover syntax); null
 *     when unset
 * @param autoJoinScheme the URI scheme of auto-joined addresses ({@code auto_join_scheme}), {@code
 *     http} or {@code https}; null when unset
 * @param autoJoinPort the port of auto-joined addresses ({@code auto_join_port}), 1 to 65535; null
 *     when unset
 * @param nonVoter whether the node joins as a non-voter ({@code non_voter}, Vault Enterprise); null
 *     when unset
 */
public record RaftJoinRequest(
    String leaderApiAddr,
    @Nullable Boolean retry,
    @Nullable String leaderCaCert,
    @Nullable String leaderClientCert,
    @Nullable String leaderClientKey,
    @Nullable String leaderTlsServerName,
    @Nullable String autoJoin,
    @Nullable String autoJoinScheme,
    @Nullable Integer autoJoinPort,
    @Nullable Boolean nonVoter) {

  /**
   * Validates every component, as the builder's setters do.
   *
   * @throws IllegalArgumentException if a component breaks its rule, or only one of the client
   *     certificate and key is set
   */
  public RaftJoinRequest {
    leaderApiAddr = checkedLeaderApiAddr(leaderApiAddr);
    if (leaderCaCert != null) {
      Checks.pem(leaderCaCert, "leaderCaCert");
    }
    if (leaderClientCert != null) {
      Checks.pem(leaderClientCert, "leaderClientCert");
    }
    if (leaderClientKey != null) {
      Checks.pem(leaderClientKey, "leaderClientKey");
    }
    if ((leaderClientCert == null) != (leaderClientKey == null)) {
      throw new IllegalArgumentException(
          "leaderClientCert and leaderClientKey must be set together");
    }
    if (leaderTlsServerName != null) {
      Checks.noControlCharacters(leaderTlsServerName, "leaderTlsServerName");
    }
    if (autoJoin != null) {
      Checks.noControlCharacters(autoJoin, "autoJoin");
    }
    if (autoJoinScheme != null) {
      autoJoinScheme = checkedScheme(autoJoinScheme);
    }
    if (autoJoinPort != null) {
      checkedPort(autoJoinPort);
    }
  }

  private static String checkedLeaderApiAddr(String value) {
    Checks.httpUrl(value, "leaderApiAddr");
    return value.trim();
  }

  private static String checkedScheme(String value) {
    String scheme = Checks.notBlank(value, "autoJoinScheme").toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("autoJoinScheme must be http or https");
    }
    return scheme;
  }

  private static int checkedPort(int value) {
    if (value < 1 || value > 65535) {
      throw new IllegalArgumentException("autoJoinPort must be between 1 and 65535");
    }
    return value;
  }

  /**
   * Starts a request to join the cluster that {@code leaderApiAddr} belongs to.
   *
   * @param leaderApiAddr the API address of a node of the cluster, an http or https URL
   * @return a new builder
   * @throws IllegalArgumentException if {@code leaderApiAddr} is not an http(s) URL
   */
  public static Builder builder(String leaderApiAddr) {
    return new Builder(leaderApiAddr);
  }

  /** Describes the request; the private key is masked and certificates are summarised. */
  @Override
  public String toString() {
    return "RaftJoinRequest[leaderApiAddr="
        + leaderApiAddr
        + ", retry="
        + retry
        + ", leaderCaCert="
        + summary(leaderCaCert)
        + ", leaderClientCert="
        + summary(leaderClientCert)
        + ", leaderClientKey="
        + (leaderClientKey == null ? "null" : "****")
        + ", leaderTlsServerName="
        + leaderTlsServerName
        + ", autoJoin="
        + (autoJoin == null ? "null" : "****")
        + ", autoJoinScheme="
        + autoJoinScheme
        + ", autoJoinPort="
        + autoJoinPort
        + ", nonVoter="
        + nonVoter
        + "]";
  }

  private static String summary(@Nullable String pem) {
    return pem == null ? "null" : "(PEM, " + pem.length() + " chars)";
  }

  /** Builds a {@link RaftJoinRequest}. */
  public static final class Builder {
    private final String leaderApiAddr;
    private @Nullable Boolean retry;
    private @Nullable String leaderCaCert;
    private @Nullable String leaderClientCert;
    private @Nullable String leaderClientKey;
    private @Nullable String leaderTlsServerName;
    private @Nullable String autoJoin;
    private @Nullable String autoJoinScheme;
    private @Nullable Integer autoJoinPort;
    private @Nullable Boolean nonVoter;

    private Builder(String leaderApiAddr) {
      this.leaderApiAddr = checkedLeaderApiAddr(leaderApiAddr);
    }

    /**
     * Sets {@code retry}: keep retrying the join until it succeeds.
     *
     * @param value whether to retry
     * @return this builder
     */
    public Builder retry(boolean value) {
      this.retry = value;
      return this;
    }

    /**
     * Sets {@code leader_ca_cert} to PEM text.
     *
     * @param pem the CA certificate, PEM text (not a file name)
     * @return this builder
     * @throws IllegalArgumentException if {@code pem} is not PEM text
     */
    public Builder leaderCaCert(String pem) {
      this.leaderCaCert = Checks.pem(pem, "leaderCaCert");
      return this;
    }

    /**
     * Sets {@code leader_ca_cert} to the content of a PEM file.
     *
     * @param pemFile the file to read now
     * @return this builder
     * @throws IllegalArgumentException if the file is missing, unreadable or not PEM
     */
    public Builder leaderCaCert(Path pemFile) {
      this.leaderCaCert = Checks.readPem(pemFile, "leaderCaCert");
      return this;
    }

    /**
     * Sets {@code leader_client_cert} to PEM text.
     *
     * @param pem the client certificate, PEM text
     * @return this builder
     * @throws IllegalArgumentException if {@code pem} is not PEM text
     */
    public Builder leaderClientCert(String pem) {
      this.leaderClientCert = Checks.pem(pem, "leaderClientCert");
      return this;
    }

    /**
     * Sets {@code leader_client_cert} to the content of a PEM file.
     *
     * @param pemFile the file to read now
     * @return this builder
     * @throws IllegalArgumentException if the file is missing, unreadable or not PEM
     */
    public Builder leaderClientCert(Path pemFile) {
      this.leaderClientCert = Checks.readPem(pemFile, "leaderClientCert");
      return this;
    }

    /**
     * Sets {@code leader_client_key} to PEM text.
     *
     * @param pem the private key, PEM text
     * @return this builder
     * @throws IllegalArgumentException if {@code pem} is not PEM text
     */
    public Builder leaderClientKey(String pem) {
      this.leaderClientKey = Checks.pem(pem, "leaderClientKey");
      return this;
    }

    /**
     * Sets {@code leader_client_key} to the content of a PEM file.
     *
     * @param pemFile the file to read now
     * @return this builder
     * @throws IllegalArgumentException if the file is missing, unreadable or not PEM
     */
    public Builder leaderClientKey(Path pemFile) {
      this.leaderClientKey = Checks.readPem(pemFile, "leaderClientKey");
      return this;
    }

    /**
     * Sets {@code leader_tls_servername}.
     *
     * @param value the name to verify in the leader's certificate
     * @return this builder
     */
    public Builder leaderTlsServerName(String value) {
      this.leaderTlsServerName = Checks.noControlCharacters(value, "leaderTlsServerName");
      return this;
    }

    /**
     * Sets {@code auto_join}, the cloud auto-join configuration.
     *
     * @param value go-discover configuration, for example {@code provider=aws tag_key=vault}
     * @return this builder
     */
    public Builder autoJoin(String value) {
      this.autoJoin = Checks.noControlCharacters(value, "autoJoin");
      return this;
    }

    /**
     * Sets {@code auto_join_scheme}.
     *
     * @param value {@code http} or {@code https}
     * @return this builder
     * @throws IllegalArgumentException for any other value
     */
    public Builder autoJoinScheme(String value) {
      this.autoJoinScheme = checkedScheme(value);
      return this;
    }

    /**
     * Sets {@code auto_join_port}.
     *
     * @param value a TCP port, 1 to 65535
     * @return this builder
     * @throws IllegalArgumentException if the port is out of range
     */
    public Builder autoJoinPort(int value) {
      this.autoJoinPort = checkedPort(value);
      return this;
    }

    /**
     * Sets {@code non_voter} (Vault Enterprise).
     *
     * @param value whether to join as a non-voter
     * @return this builder
     */
    public Builder nonVoter(boolean value) {
      this.nonVoter = value;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws IllegalArgumentException if only one of the client certificate and key is set
     */
    public RaftJoinRequest build() {
      return new RaftJoinRequest(
          leaderApiAddr,
          retry,
          leaderCaCert,
          leaderClientCert,
          leaderClientKey,
          leaderTlsServerName,
          autoJoin,
          autoJoinScheme,
          autoJoinPort,
          nonVoter);
    }
  }
}
