package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.testing.VaultResponses;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** TLS settings against an https MockWebServer whose certificate names vault.example.com only. */
class TlsTest {
  static final String CONFIG = "{\"data\":{\"config\":{\"index\":1,\"servers\":[]}}}";
  static final HeldCertificate CLIENT_CA =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("client-ca").build();

  @RegisterExtension final MockVault vault = MockVault.https("vault.example.com");

  @RegisterExtension
  final MockVault mutual =
      MockVault.https("vault.example.com").requireClientCertificates(CLIENT_CA.certificate());

  @TempDir Path dir;

  /**
   * A client of {@code server} configured only by environment variables (the https address is set
   * apart, as {@code VAULT_ADDR} would be), with no token file.
   */
  VaultRaftClient client(MockVault server, String... pairs) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("HOME", server.home().toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return server.newClient(options -> options.environment = env);
  }

  /** A client of {@link #vault} that trusts its CA and checks its certificate's name. */
  VaultRaftClient trustingClient() {
    return client(
        vault,
        "VAULT_CACERT",
        vault.caFile().toString(),
        "VAULT_TLS_SERVER_NAME",
        "vault.example.com");
  }

  @Test
  void caCertFromEnvironment_butHostMismatch_failsVerification() {
    try (VaultRaftClient client = client(vault, "VAULT_CACERT", vault.caFile().toString())) {
      assertThatThrownBy(client::readRaftConfig)
          .isExactlyInstanceOf(VaultClientException.class)
          .hasCauseInstanceOf(SSLPeerUnverifiedException.class)
          .hasMessageContaining("TLS: the server's certificate does not name the host")
          .hasMessageContaining("VAULT_TLS_SERVER_NAME");
    }
  }

  @Test
  void tlsServerName_verifiesTheCertificateAgainstThatName() {
    vault.enqueue(new MockResponse().setBody(CONFIG));
    try (VaultRaftClient client = trustingClient()) {
      assertThat(client.readRaftConfig().index()).isEqualTo(1);
    }
  }

  /**
   * Over TLS the server and client agree on HTTP/2, where a stalled body is ended by the stream's
   * own read timeout, not the socket's: the snapshot download must keep it.
   */
  @Test
  void snapshotOverHttp2_stalledMidStream_failsAfterTheIdleTimeout() {
    vault.enqueue(
        VaultResponses.snapshot(TestSnapshots.ofAbout(16 * 1024))
            .throttleBody(4 * 1024, 3, TimeUnit.SECONDS));
    Map<String, String> env =
        Map.of(
            "HOME", vault.home().toString(),
            "VAULT_CACERT", vault.caFile().toString(),
            "VAULT_TLS_SERVER_NAME", "vault.example.com");
    long start = System.nanoTime();
    try (VaultRaftClient client =
        vault.newClient(
            options -> {
              options.environment = env;
              options.snapshotIdleTimeout = java.time.Duration.ofMillis(700);
            })) {
      assertThatThrownBy(() -> client.takeRaftSnapshot(dir.resolve("stalled.snap")))
          .isInstanceOf(io.github.vaultx.raft.IncompleteSnapshotException.class)
          .hasMessageContaining(
              "no data for 700ms (the snapshot idle timeout, set by snapshotIdleTimeout)");
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsedMs).isLessThan(2500);
    assertThat(dir.resolve("stalled.snap")).doesNotExist();
  }

  /**
   * Snapshots both ways over TLS, through the sockets that batch their writes and reads: the TLS
   * layer's own flushes must still reach the server (BufferedSockets).
   */
  @Test
  void snapshotSaveAndRestoreOverTls_passWholeThroughTheBufferedSockets() throws Exception {
    byte[] snapshot = TestSnapshots.ofAbout(3 * 1024 * 1024);
    vault.enqueue(VaultResponses.snapshot(snapshot));
    vault.enqueue(new MockResponse().setResponseCode(204));
    try (VaultRaftClient client = trustingClient()) {
      Path saved = dir.resolve("saved.snap");
      client.takeRaftSnapshot(saved);
      assertThat(Files.readAllBytes(saved)).isEqualTo(snapshot);
      client.restoreRaftSnapshot(saved);
    }
    vault.server().takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest restore = vault.server().takeRequest(5, TimeUnit.SECONDS);
    assertThat(restore.getMethod()).isEqualTo("POST");
    assertThat(restore.getBody().readByteArray()).isEqualTo(snapshot);
  }

  @Test
  void caPath_trustsEveryPemInTheDirectory() throws Exception {
    Path caDir = Files.createDirectory(dir.resolve("cas"));
    Files.writeString(caDir.resolve("root.pem"), vault.certificateAuthority().certificatePem());
    Files.writeString(caDir.resolve("README"), "not a certificate");
    vault.enqueue(new MockResponse().setBody(CONFIG));
    try (VaultRaftClient client =
        client(
            vault,
            "VAULT_CAPATH",
            caDir.toString(),
            "VAULT_TLS_SERVER_NAME",
            "vault.example.com")) {
      assertThat(client.readRaftConfig().index()).isEqualTo(1);
    }
  }

  @Test
  void untrustedServer_failsVerification() {
    try (VaultRaftClient client = client(vault, "VAULT_TLS_SERVER_NAME", "vault.example.com")) {
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
    vault.enqueue(new MockResponse().setBody(CONFIG));
    try (VaultRaftClient client = client(vault, "VAULT_SKIP_VERIFY", "true")) {
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
    HeldCertificate clientCert =
        new HeldCertificate.Builder().signedBy(CLIENT_CA).commonName("operator").rsa2048().build();
    Path certPem = dir.resolve("client.pem");
    Files.writeString(certPem, clientCert.certificatePem());
    for (String keyPem :
        new String[] {clientCert.privateKeyPkcs8Pem(), clientCert.privateKeyPkcs1Pem()}) {
      Path key = dir.resolve("client.key");
      Files.writeString(key, keyPem);
      mutual.enqueue(new MockResponse().setBody(CONFIG));
      try (VaultRaftClient client =
          client(
              mutual,
              "VAULT_CACERT",
              mutual.caFile().toString(),
              "VAULT_TLS_SERVER_NAME",
              "vault.example.com",
              "VAULT_CLIENT_CERT",
              certPem.toString(),
              "VAULT_CLIENT_KEY",
              key.toString())) {
        client.readRaftConfig();
      }
      RecordedRequest request = mutual.server().takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getHandshake().peerPrincipal().getName()).contains("CN=operator");
    }
  }

  @Test
  void pem_readsSec1EcKeys() throws Exception {
    // A SEC1 key as `openssl ec` writes it, built here so the test needs no openssl: ECPrivateKey
    // { version 1, the private scalar, [0] the named curve prime256v1 }.
    HeldCertificate ec = new HeldCertificate.Builder().ecdsa256().build();
    ECPrivateKey original = (ECPrivateKey) ec.keyPair().getPrivate();
    byte[] scalar = new byte[32];
    byte[] s = original.getS().toByteArray(); // big-endian, maybe a leading zero or shorter
    int n = Math.min(s.length, 32);
    System.arraycopy(s, s.length - n, scalar, 32 - n, n);
    byte[] prime256v1 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(new byte[] {0x02, 0x01, 0x01});
    body.write(new byte[] {0x04, 0x20});
    body.write(scalar);
    body.write(new byte[] {(byte) 0xa0, (byte) prime256v1.length});
    body.write(prime256v1);
    ByteArrayOutputStream der = new ByteArrayOutputStream();
    der.write(new byte[] {0x30, (byte) body.size()});
    body.writeTo(der);
    String text =
        "-----BEGIN EC PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der.toByteArray())
            + "\n-----END EC PRIVATE KEY-----\n";

    PrivateKey key = Pem.privateKey(text, "VAULT_CLIENT_KEY");

    assertThat(key.getAlgorithm()).isEqualTo("EC");
    assertThat(((ECPrivateKey) key).getS()).isEqualTo(original.getS());
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
    assertThatThrownBy(() -> client(vault, "VAULT_CACERT", empty.toString()))
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
