package io.github.vaultx.raft.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.internal.tls.OkHostnameVerifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the TLS settings of the OkHttp client from the resolved configuration. */
final class TlsSupport {
  private static final Logger LOG = LoggerFactory.getLogger(TlsSupport.class);

  private TlsSupport() {}

  /** A file setting and the name of where it came from (a variable or a builder method). */
  record Source(Path path, String name) {}

  /** The pieces OkHttp needs; all null means OkHttp's defaults. */
  record TlsSetup(
      @Nullable SSLSocketFactory socketFactory,
      @Nullable X509TrustManager trustManager,
      @Nullable HostnameVerifier hostnameVerifier) {

    void applyTo(OkHttpClient.Builder builder, List<HttpUrl> baseUrls) {
      if (socketFactory == null && baseUrls.stream().noneMatch(HttpUrl::isHttps)) {
        // Plain http only and no TLS settings: OkHttp then sets up no TLS at all, so a short
        // process (the CLI) neither loads the JSSE classes nor parses the JDK's trust store.
        // A redirect to https is refused with a clear message (Interceptors.redirects).
        builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        return;
      }
      if (socketFactory != null && trustManager != null) {
        builder.sslSocketFactory(socketFactory, trustManager);
      }
      if (hostnameVerifier != null) {
        builder.hostnameVerifier(hostnameVerifier);
      }
    }
  }

  static TlsSetup create(
      @Nullable Source caCert,
      @Nullable Source caPath,
      @Nullable Source clientCert,
      @Nullable Source clientKey,
      boolean skipVerify,
      @Nullable String tlsServerName) {
    boolean custom =
        caCert != null
            || caPath != null
            || clientCert != null
            || skipVerify
            || tlsServerName != null;
    if (!custom) {
      return new TlsSetup(null, null, null);
    }
    try {
      X509TrustManager trustManager;
      if (skipVerify) {
        LOG.warn(
            "TLS certificate verification is disabled (VAULT_SKIP_VERIFY or skipVerify):"
                + " use this for tests only");
        trustManager = new TrustAll();
      } else {
        trustManager = trustManager(caCert, caPath);
      }
      KeyManager[] keyManagers = clientCert == null ? null : keyManagers(clientCert, clientKey);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, new TrustManager[] {trustManager}, null);
      SSLSocketFactory factory = context.getSocketFactory();
      HostnameVerifier verifier = null;
      if (skipVerify) {
        verifier = (host, session) -> true;
      } else if (tlsServerName != null) {
        String name = tlsServerName;
        verifier = (host, session) -> OkHostnameVerifier.INSTANCE.verify(name, session);
      }
      if (tlsServerName != null) {
        factory = new ServerNameSocketFactory(factory, tlsServerName);
      }
      return new TlsSetup(factory, trustManager, verifier);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "could not set up TLS: " + e.getClass().getSimpleName(), e);
    }
  }

  private static X509TrustManager trustManager(@Nullable Source caCert, @Nullable Source caPath)
      throws GeneralSecurityException, IOException {
    KeyStore trusted = null;
    // caCert wins when both are given; caPath is read only without it.
    Source source = caCert != null ? caCert : caPath;
    if (source != null) {
      List<X509Certificate> certificates = new ArrayList<>();
      if (caCert != null) {
        certificates.addAll(Pem.certificates(read(caCert), caCert.name()));
      } else {
        if (!Files.isDirectory(source.path())) {
          throw new IllegalArgumentException(source.name() + " must be a readable directory");
        }
        try (Stream<Path> files = Files.list(source.path())) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            certificates.addAll(
                Pem.certificates(read(new Source(file, source.name())), source.name()));
          }
        }
      }
      String name = source.name();
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(name + " holds no PEM certificate");
      }
      trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, certificates.get(i));
      }
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager) {
        return (X509TrustManager) manager;
      }
    }
    throw new GeneralSecurityException("no X509TrustManager");
  }

  private static KeyManager[] keyManagers(Source certSource, @Nullable Source keySource)
      throws GeneralSecurityException, IOException {
    if (keySource == null) {
      throw new IllegalArgumentException(certSource.name() + " needs a private key as well");
    }
    List<X509Certificate> chain = Pem.certificates(read(certSource), certSource.name());
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(certSource.name() + " holds no PEM certificate");
    }
    PrivateKey key = Pem.privateKey(read(keySource), keySource.name());
    char[] password = new char[0];
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }

  private static String read(Source source) {
    if (!Files.isRegularFile(source.path()) || !Files.isReadable(source.path())) {
      throw new IllegalArgumentException(source.name() + " must name a readable file");
    }
    try {
      return Files.readString(source.path(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(source.name() + " must name a readable file", e);
    }
  }

  /** Trusts every certificate: only when the user asked to skip verification. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /**
   * Sends {@code serverName} in SNI instead of the URL's host: the JDK takes the SNI name from the
   * host given when a connected socket is layered with TLS, which is what OkHttp does.
   */
  private static final class ServerNameSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String serverName;

    ServerNameSocketFactory(SSLSocketFactory delegate, String serverName) {
      this.delegate = delegate;
      this.serverName = serverName;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
        throws IOException {
      return delegate.createSocket(socket, serverName, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return delegate.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return delegate.createSocket(address, port, localAddress, localPort);
    }
  }
}
