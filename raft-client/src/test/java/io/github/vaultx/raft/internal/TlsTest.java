package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultRaftClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** TLS settings against an https MockWebServer whose certificate names vault.example.com only. */
class TlsTest {
  static final String CONFIG = "{\"data\":{\"config\":{\"index\":1,\"servers\":[]}}}";

  @TempDir Path dir;
  HeldCertificate root;
  MockWebServer server;
  Path caPem;

  @BeforeEach
  void start() throws Exception {
    root = new HeldCertificate.Builder().certificateAuthority(0).commonName("ca").build();
    HeldCertificate serverCert =
        new HeldCertificate.Builder()
            .signedBy(root)
            .commonName("vault.example.com")
            .addSubjectAlternativeName("vault.example.com")
            .build();
    server = new MockWebServer();
    server.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(serverCert).build().sslSocketFactory(),
        false);
    server.start();
    caPem = dir.resolve("ca.pem");
    Files.writeString(caPem, root.certificatePem());
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  Map<String, String> env(String... pairs) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("HOME", dir.toString());
    env.put("VAULT_ADDR", "https://127.0.0.1:" + server.getPort());
    env.put("VAULT_MAX_RETRIES", "0");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void caCertFromEnvironment_butHostMismatch_failsVerification() {
    try (VaultRaftClient client =
        VaultRaftClient.builder().environment(env("VAULT_CACERT", caPem.toString())).build()) {
      assertThatThrownBy(client::readRaftConfig)
          .isExactlyInstanceOf(VaultClientException.class)
          .hasCauseInstanceOf(SSLPeerUnverifiedException.class)
          .hasMessageContaining("TLS: the server's certificate does not name the host")
          .hasMessageContaining("VAULT_TLS_SERVER_NAME");
    }
  }

  @Test
  void tlsServerName_verifiesTheCertificateAgainstThatName() {
    server.enqueue(new MockResponse().setBody(CONFIG));
    try (VaultRaftClient client =
        VaultRaftClient.builder()
            .environment(
                env("VAULT_CACERT", caPem.toString(), "VAULT_TLS_SERVER_NAME", "vault.example.com"))
            .build()) {
      assertThat(client.readRaftConfig().index()).isEqualTo(1);
    }
  }

  @Test
  void caPath_trustsEveryPemInTheDirectory() throws Exception {
    Path caDir = Files.createDirectory(dir.resolve("cas"));
    Files.writeString(caDir.resolve("root.pem"), root.certificatePem());
    Files.writeString(caDir.resolve("README"), "not a certificate");
    server.enqueue(new MockResponse().setBody(CONFIG));
    try (VaultRaftClient client =
        VaultRaftClient.builder()
            .environment(env("VAULT_CAPATH", caDir.toString()))
            .tlsServerName("vault.example.com")
            .build()) {
      assertThat(client.readRaftConfig().index()).isEqualTo(1);
    }
  }

  @Test
  void untrustedServer_failsVerification() {
    try (VaultRaftClient client =
        VaultRaftClient.builder().environment(env()).tlsServerName("vault.example.com").build()) {
      assertThatThrownBy(client::readRaftConfig)
          .isExactlyInstanceOf(VaultClientException.class)
          .hasMessageEndingWith(
              "TLS: the server's certificate is not signed by a trusted CA (set VAULT_CACERT or"
                  + " VAULT_CAPATH / caCert to its CA)");
    }
  }

  @Test
  void skipVerify_acceptsAnyCertificate_andLogsAWarning() {
    Logger logger = (Logger) LoggerFactory.getLogger(TlsSupport.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    server.enqueue(new MockResponse().setBody(CONFIG));
    try (VaultRaftClient client =
        VaultRaftClient.builder().environment(env("VAULT_SKIP_VERIFY", "true")).build()) {
      assertThat(client.readRaftConfig().index()).isEqualTo(1);
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(appender.list)
        .anySatisfy(
            e -> {
              assertThat(e.getLevel().toString()).isEqualTo("WARN");
              assertThat(e.getFormattedMessage()).contains("verification is disabled");
            });
  }

  @Test
  void clientCertificate_pkcs8AndPkcs1Keys_arePresentedToTheServer() throws Exception {
    HeldCertificate clientCa =
        new HeldCertificate.Builder().certificateAuthority(0).commonName("client-ca").build();
    HeldCertificate clientCert =
        new HeldCertificate.Builder().signedBy(clientCa).commonName("operator").rsa2048().build();
    HeldCertificate serverCert =
        new HeldCertificate.Builder()
            .signedBy(root)
            .addSubjectAlternativeName("vault.example.com")
            .build();
    server.shutdown();
    server = new MockWebServer();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(serverCert)
            .addTrustedCertificate(clientCa.certificate())
            .build()
            .sslSocketFactory(),
        false);
    server.requireClientAuth();
    server.start();
    Path certPem = dir.resolve("client.pem");
    Files.writeString(certPem, clientCert.certificatePem());
    for (String keyPem :
        new String[] {clientCert.privateKeyPkcs8Pem(), clientCert.privateKeyPkcs1Pem()}) {
      Path key = dir.resolve("client.key");
      Files.writeString(key, keyPem);
      server.enqueue(new MockResponse().setBody(CONFIG));
      try (VaultRaftClient client =
          VaultRaftClient.builder()
              .environment(
                  env(
                      "VAULT_CACERT", caPem.toString(),
                      "VAULT_TLS_SERVER_NAME", "vault.example.com",
                      "VAULT_CLIENT_CERT", certPem.toString(),
                      "VAULT_CLIENT_KEY", key.toString()))
              .build()) {
        client.readRaftConfig();
      }
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getHandshake().peerPrincipal().getName()).contains("CN=operator");
    }
  }

  @Test
  void pem_readsSec1EcKeys() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed for SEC1");
    HeldCertificate ec = new HeldCertificate.Builder().ecdsa256().build();
    Path pkcs8 = dir.resolve("ec8.pem");
    Path sec1 = dir.resolve("ec1.pem");
    Files.writeString(pkcs8, ec.privateKeyPkcs8Pem());
    Process p =
        new ProcessBuilder(
                "/usr/bin/openssl", "ec", "-in", pkcs8.toString(), "-out", sec1.toString())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assumeTrue(p.waitFor() == 0, "openssl ec failed");
    String text = Files.readString(sec1);
    assumeTrue(text.contains("BEGIN EC PRIVATE KEY"), "openssl wrote no SEC1 key");

    PrivateKey key = Pem.privateKey(text, "VAULT_CLIENT_KEY");

    assertThat(key.getAlgorithm()).isEqualTo("EC");
    assertThat(key.getEncoded()).isNotEmpty();
  }

  @Test
  void pem_encryptedOrMissingKey_givesAClearErrorNamingTheSource() {
    assertThatThrownBy(
            () ->
                Pem.privateKey(
                    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----",
                    "VAULT_CLIENT_KEY"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("VAULT_CLIENT_KEY holds an encrypted private key");
    assertThatThrownBy(() -> Pem.privateKey("nothing here", "VAULT_CLIENT_KEY"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("VAULT_CLIENT_KEY holds no PEM private key");
  }

  @Test
  void caCertWithoutCertificates_throwsNamingTheVariable() throws Exception {
    Path empty = dir.resolve("empty.pem");
    Files.writeString(empty, "no pem here");
    assertThatThrownBy(
            () ->
                VaultRaftClient.builder()
                    .environment(env("VAULT_CACERT", empty.toString()))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("VAULT_CACERT holds no PEM certificate");
  }

  @Test
  void applyTo_plainHttpAddressesWithoutTlsSettings_setsUpNoTls() {
    TlsSupport.TlsSetup none = new TlsSupport.TlsSetup(null, null, null);
    OkHttpClient.Builder plain = new OkHttpClient.Builder();
    OkHttpClient.Builder mixed = new OkHttpClient.Builder();

    none.applyTo(plain, List.of(HttpUrl.get("http://127.0.0.1:8200/")));
    none.applyTo(
        mixed, List.of(HttpUrl.get("http://127.0.0.1:8200/"), HttpUrl.get("https://vault:8200/")));

    assertThat(plain.build().connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
    assertThat(mixed.build().connectionSpecs()).anyMatch(ConnectionSpec::isTls);
  }
}
