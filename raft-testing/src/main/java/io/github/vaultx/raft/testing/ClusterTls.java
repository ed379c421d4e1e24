package io.github.vaultx.raft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.jspecify.annotations.Nullable;

/**
 * TLS for a {@link LocalRaftCluster}'s API listeners: every node serves {@code server}, signed by
 * {@code ca}; with a {@code client} certificate (also signed by {@code ca}) the nodes require and
 * verify client certificates ({@code tls_require_and_verify_client_cert}), and the harness and its
 * joins present it.
 *
 * <p>A client under test is pointed at the files once the cluster runs: {@link #caFile()} is what
 * {@code VAULT_CACERT} takes, {@link #clientCertFile()} and {@link #clientKeyFile()} what {@code
 * VAULT_CLIENT_CERT} and {@code VAULT_CLIENT_KEY} take.
 */
public final class ClusterTls {
  private final HeldCertificate ca;
  private final HeldCertificate server;
  private final @Nullable HeldCertificate client;
  private @Nullable Path dir;

  private ClusterTls(HeldCertificate ca, HeldCertificate server, @Nullable HeldCertificate client) {
    this.ca = ca;
    this.server = server;
    this.client = client;
  }

  /**
   * Makes a CA, a server certificate for {@code 127.0.0.1} signed by it, and optionally a client
   * certificate signed by it.
   *
   * @param requireClientCertificate whether the nodes require (and the harness presents) a client
   *     certificate
   * @return the setting
   */
  public static ClusterTls generate(boolean requireClientCertificate) {
    HeldCertificate ca =
        new HeldCertificate.Builder().certificateAuthority(0).commonName("vaultx test CA").build();
    HeldCertificate server =
        new HeldCertificate.Builder()
            .signedBy(ca)
            .commonName("127.0.0.1")
            .addSubjectAlternativeName("127.0.0.1")
            .build();
    @Nullable HeldCertificate client =
        requireClientCertificate
            ? new HeldCertificate.Builder().signedBy(ca).commonName("operator").build()
            : null;
    return new ClusterTls(ca, server, client);
  }

  /**
   * TLS with a server certificate, optionally requiring client certificates.
   *
   * @param ca the CA that signed {@code server} (and {@code client})
   * @param server the nodes' certificate; must name {@code 127.0.0.1}
   * @param client a client certificate to require and present, or null for server TLS only
   * @return the setting
   */
  public static ClusterTls of(
      HeldCertificate ca, HeldCertificate server, @Nullable HeldCertificate client) {
    return new ClusterTls(ca, server, client);
  }

  /** Writes the PEM files the servers and clients read. */
  void writeFiles(Path folder) {
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("ca.pem"), ca.certificatePem());
      Files.writeString(folder.resolve("server.pem"), server.certificatePem());
      Files.writeString(folder.resolve("server-key.pem"), server.privateKeyPkcs8Pem());
      if (client != null) {
        Files.writeString(folder.resolve("client.pem"), client.certificatePem());
        Files.writeString(folder.resolve("client-key.pem"), client.privateKeyPkcs8Pem());
      }
      this.dir = folder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the TLS files", e);
    }
  }

  private Path file(String name) {
    if (dir == null) {
      throw new IllegalStateException("the TLS files are written when the cluster starts");
    }
    return dir.resolve(name);
  }

  /**
   * Whether the nodes require client certificates.
   *
   * @return true with a client certificate
   */
  public boolean requiresClientCertificate() {
    return client != null;
  }

  /**
   * The CA certificate file, as {@code VAULT_CACERT} takes it.
   *
   * @return the PEM file (written when the cluster starts)
   */
  public Path caFile() {
    return file("ca.pem");
  }

  /**
   * The client certificate file ({@code VAULT_CLIENT_CERT}); only with a client certificate.
   *
   * @return the PEM file (written when the cluster starts)
   */
  public Path clientCertFile() {
    return file("client.pem");
  }

  /**
   * The client key file ({@code VAULT_CLIENT_KEY}); only with a client certificate.
   *
   * @return the PEM file (written when the cluster starts)
   */
  public Path clientKeyFile() {
    return file("client-key.pem");
  }

  Path serverCertFile() {
    return file("server.pem");
  }

  Path serverKeyFile() {
    return file("server-key.pem");
  }

  /**
   * The CA certificate as PEM text, as a join's {@code leader_ca_cert} takes it.
   *
   * @return the certificate
   */
  public String caPem() {
    return ca.certificatePem();
  }

  /**
   * The client certificate as PEM text, as a join's {@code leader_client_cert} takes it.
   *
   * @return the certificate, or empty without a client certificate
   */
  public Optional<String> clientCertPem() {
    return Optional.ofNullable(client).map(HeldCertificate::certificatePem);
  }

  /**
   * The client certificate's private key as PEM text, as a join's {@code leader_client_key} takes
   * it.
   *
   * @return the key, or empty without a client certificate
   */
  public Optional<String> clientKeyPem() {
    return Optional.ofNullable(client).map(HeldCertificate::privateKeyPkcs8Pem);
  }

  SSLContext sslContext() {
    HandshakeCertificates.Builder certificates =
        new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate());
    if (client != null) {
      certificates.heldCertificate(client);
    }
    return certificates.build().sslContext();
  }

  @Override
  public String toString() {
    return "ClusterTls[mutual=" + (client != null) + "]";
  }
}
