package io.github.vaultx.raft.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/** An SSL context trusting the CA certificates of {@code VAULT_CACERT} and {@code VAULT_CAPATH}. */
final class Trust {
  private Trust() {}

  static SSLContext sslContext(@Nullable String caCert, @Nullable String caPath) {
    List<Certificate> certificates = new ArrayList<>();
    if (caCert != null) {
      certificates.addAll(read(Path.of(caCert), "VAULT_CACERT"));
    }
    if (caPath != null) {
      try (Stream<Path> files = Files.list(Path.of(caPath))) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          certificates.addAll(read(file, "VAULT_CAPATH"));
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("VAULT_CAPATH cannot be read as a directory", e);
      }
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("VAULT_CACERT and VAULT_CAPATH hold no certificate");
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("ca-" + i, certificates.get(i));
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(
          "the CA certificates cannot be trusted: " + e.getMessage(), e);
    }
  }

  private static List<Certificate> read(Path file, String variable) {
    try (InputStream in = Files.newInputStream(file)) {
      return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
    } catch (IOException | java.security.cert.CertificateException e) {
      throw new IllegalArgumentException(
          variable + " must name PEM certificates; " + file + " cannot be read as one", e);
    }
  }
}
