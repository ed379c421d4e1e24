package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.internal.access.ClientFactory;
import io.github.vaultx.raft.internal.access.ClientSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MockWebServer playing one Vault node, and clients of it, for each test: started before, closed
 * and shut down after. The client talks only to this server, with the token {@link #TOKEN}, no
 * retries unless configured, a private {@code HOME} (so no {@code ~/.vault-token} is read) and a
 * sleeper that never waits. {@link #clients(ClientKind)} makes them async clients seen through
 * blocking calls, so one test class can run its cases on both.
 *
 * <pre>{@code
 * @RegisterExtension final MockVault vault = MockVault.create();
 * ...
 * vault.enqueue(VaultResponses.json(200, "{...}"));
 * vault.client().readRaftConfig();
 * }</pre>
 *
 * <p>{@link #https(String)} serves TLS with a certificate of the extension's own CA. Outside JUnit
 * Jupiter (a jqwik property's container), {@link #start()} and {@link #close()} run it by hand.
 */
public final class MockVault implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
  /** The token every client of the extension sends. */
  public static final String TOKEN = "s.mock-vault-token";

  private final List<Consumer<ClientSettings>> defaults = new ArrayList<>();
  private final List<VaultRaftClient> clients = new ArrayList<>();
  private final Consumer<MockWebServer> serverSetup;
  private final List<X509Certificate> clientCas = new ArrayList<>();
  private HeldCertificate ca;
  private HeldCertificate serverCertificate;
  private ClientKind kind = ClientKind.SYNC;
  private MockWebServer server;
  private Path home;
  private VaultRaftClient client;

  private MockVault(Consumer<MockWebServer> serverSetup) {
    this.serverSetup = serverSetup;
  }

  /** A plain http server. */
  public static MockVault create() {
    return new MockVault(server -> {});
  }

  /** A server set up before it starts (https, a dispatcher). */
  public static MockVault create(Consumer<MockWebServer> serverSetup) {
    return new MockVault(serverSetup);
  }

  /**
   * An https server whose certificate, signed by the extension's own CA ({@link #caFile()}), names
   * only {@code certificateHost}: a client must trust the CA and verify that name.
   */
  public static MockVault https(String certificateHost) {
    MockVault vault = new MockVault(server -> {});
    vault.ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("mock CA").build();
    vault.serverCertificate =
        new HeldCertificate.Builder()
            .signedBy(vault.ca)
            .commonName(certificateHost)
            .addSubjectAlternativeName(certificateHost)
            .build();
    return vault;
  }

  /** Requires (https only) a client certificate signed by {@code clientCa}. */
  public MockVault requireClientCertificates(X509Certificate clientCa) {
    if (serverCertificate == null) {
      throw new IllegalStateException("client certificates need https(...)");
    }
    clientCas.add(clientCa);
    return this;
  }

  /** Hands out clients of this kind (default {@link ClientKind#SYNC}). */
  public MockVault clients(ClientKind kind) {
    this.kind = kind;
    return this;
  }

  /** The kind of client this extension hands out. */
  public ClientKind kind() {
    return kind;
  }

  /** Adds settings every client of this extension gets, before a test's own. */
  public MockVault configure(Consumer<ClientSettings> settings) {
    defaults.add(settings);
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close();
  }

  /** Starts the server (JUnit does, before each test). */
  public MockVault start() throws IOException {
    home = Files.createTempDirectory("mock-vault-home");
    server = new MockWebServer();
    if (serverCertificate != null) {
      HandshakeCertificates.Builder tls =
          new HandshakeCertificates.Builder().heldCertificate(serverCertificate);
      clientCas.forEach(tls::addTrustedCertificate);
      server.useHttps(tls.build().sslSocketFactory(), false);
      if (!clientCas.isEmpty()) {
        server.requireClientAuth();
      }
      Files.writeString(caFile(), ca.certificatePem());
    }
    serverSetup.accept(server);
    server.start();
    return this;
  }

  /**
   * Closes the clients, shuts the server down and deletes {@code HOME} (JUnit does, after each).
   */
  @Override
  public void close() throws IOException {
    for (VaultRaftClient c : clients) {
      c.close();
    }
    clients.clear();
    client = null;
    server.shutdown();
    try (Stream<Path> files = Files.walk(home)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The server. */
  public MockWebServer server() {
    return server;
  }

  /** The server's base URL, as a Vault address. */
  public String address() {
    return server.url("/").toString();
  }

  /** The PEM file of the CA that signed an {@link #https(String)} server's certificate. */
  public Path caFile() {
    if (ca == null) {
      throw new IllegalStateException("only an https(...) server has a CA");
    }
    return home.resolve("ca.pem");
  }

  /** The CA that signed an {@link #https(String)} server's certificate. */
  public HeldCertificate certificateAuthority() {
    if (ca == null) {
      throw new IllegalStateException("only an https(...) server has a CA");
    }
    return ca;
  }

  /** The client's {@code HOME}. */
  public Path home() {
    return home;
  }

  /** The test's client, created on first use. */
  public VaultRaftClient client() {
    if (client == null) {
      client = newClient(options -> {});
    }
    return client;
  }

  /** Another client of this server, with the test's own settings on top; closed after the test. */
  public VaultRaftClient newClient(Consumer<ClientSettings> settings) {
    ClientSettings options = new ClientSettings();
    options.environment = Map.of("HOME", home.toString());
    options.addresses = List.of(address());
    options.token = TOKEN;
    options.maxRetries = 0;
    // Retries counted, not timed, unless a test sets a budget: a timed retry would outlast the
    // answers a test queued (budgets are tested on virtual time in RetryBudgetTest).
    options.retryBudget = java.time.Duration.ZERO;
    options.sleeper = duration -> {};
    defaults.forEach(d -> d.accept(options));
    settings.accept(options);
    VaultRaftClient created = ClientFactory.build(options);
    clients.add(created);
    return kind.view(created);
  }

  /** Queues an answer. */
  public MockVault enqueue(MockResponse response) {
    server.enqueue(response);
    return this;
  }
}
