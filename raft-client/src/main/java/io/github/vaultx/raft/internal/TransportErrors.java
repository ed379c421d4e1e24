package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.VaultDurations;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;

/**
 * Says in one line why no answer came: which timeout fired (so users know which setting to change),
 * which TLS check failed and what to set, else the I/O error.
 */
final class TransportErrors {
  /** Follows a description of a connection the server closed at once, over https. */
  private static final String REFUSED_CLIENT_CERTIFICATE =
      "over https this is how a server that requires a client certificate refuses one: if it does,"
          + " set VAULT_CLIENT_CERT and VAULT_CLIENT_KEY";

  private final ResolvedSettings config;

  TransportErrors(ResolvedSettings config) {
    this.config = config;
  }

  /** Whether the failure is a connect timeout: the request was never sent. */
  static boolean isConnectTimeout(@org.jspecify.annotations.Nullable Throwable e) {
    return e instanceof SocketTimeoutException
        && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
  }

  /**
   * Describes a transport failure.
   *
   * @param e the failure
   * @param snapshot whether the call streams a snapshot (only the idle timeout applies)
   */
  String describe(IOException e, boolean snapshot) {
    // OkHttp retries a failed connection on its own. When no route is left it throws a bare
    // IOException ("exhausted all routes") that carries the failures it retried after as suppressed
    // exceptions: the first of them is what went wrong.
    if (e.getClass() == IOException.class
        && e.getSuppressed().length > 0
        && e.getSuppressed()[0] instanceof IOException first) {
      return describe(first, snapshot);
    }
    String message = String.valueOf(e.getMessage());
    // Without suppressed failures the same exception means OkHttp made a connection, found it
    // already closed before it sent anything, and had no other route: with TLS 1.3 that is how a
    // server that requires a client certificate can refuse one (seen against Vault 1.21.4).
    if (e.getClass() == IOException.class && message.equals("exhausted all routes")) {
      return "the connection was closed as soon as it was made (IOException: "
          + message
          + ")"
          + (mayNeedClientCertificate() ? "; " + REFUSED_CLIENT_CERTIFICATE : "");
    }
    if (e instanceof SocketTimeoutException) {
      if (isConnectTimeout(e)) {
        return "could not connect within "
            + VaultDurations.format(config.connectTimeout)
            + " (the connect timeout, set by connectTimeout)";
      }
      return snapshot
          ? "no data for "
              + VaultDurations.format(config.snapshotIdleTimeout)
              + " (the snapshot idle timeout, set by snapshotIdleTimeout)"
          : "no data for "
              + VaultDurations.format(config.timeout)
              + " (the read timeout, set by timeout or VAULT_CLIENT_TIMEOUT)";
    }
    if (e instanceof SSLPeerUnverifiedException) {
      // OkHttp appends the certificate's names on further lines: keep messages one line.
      String first = message.lines().findFirst().orElse("").replaceAll(":$", "");
      return "TLS: the server's certificate does not name the host you connect to (set"
          + " VAULT_TLS_SERVER_NAME / tlsServerName to a name it holds) ("
          + first
          + ")";
    }
    if (e instanceof SSLHandshakeException && isUntrusted(e)) {
      return "TLS: the server's certificate is not signed by a trusted CA (set VAULT_CACERT or"
          + " VAULT_CAPATH / caCert to its CA)";
    }
    if (e instanceof SSLException) {
      return "TLS handshake failed: "
          + e.getClass().getSimpleName()
          + " ("
          + message
          + "); if the server requires a client certificate, set VAULT_CLIENT_CERT and"
          + " VAULT_CLIENT_KEY";
    }
    if (e instanceof SocketException && closedByPeer(message) && mayNeedClientCertificate()) {
      // With TLS 1.3 the server checks the client certificate after the client's handshake is
      // done, so its refusal can reach the client as a reset or broken pipe rather than an alert.
      return "the server closed the connection ("
          + e.getClass().getSimpleName()
          + ": "
          + message
          + "); "
          + REFUSED_CLIENT_CERTIFICATE;
    }
    // OkHttp's whole-call timeout cancels the call and reports it this way.
    if (e instanceof InterruptedIOException && message.equals("timeout")) {
      return "timed out after "
          + VaultDurations.format(config.timeout)
          + " (the whole-call timeout, set by timeout or VAULT_CLIENT_TIMEOUT)";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + message + ")");
  }

  /** Describes a failure while a snapshot body was being received. */
  String describeBrokenSnapshot(IOException e) {
    return e instanceof SocketTimeoutException
        ? "no data for "
            + VaultDurations.format(config.snapshotIdleTimeout)
            + " (the snapshot idle timeout, set by snapshotIdleTimeout)"
        : "the connection broke ("
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + ")";
  }

  private static boolean closedByPeer(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("connection reset") || m.contains("broken pipe");
  }

  private boolean mayNeedClientCertificate() {
    return !config.clientCertificate && config.baseUrls.stream().anyMatch(HttpUrl::isHttps);
  }

  private static boolean isUntrusted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathValidatorException
          || t instanceof CertificateException
          || String.valueOf(t.getMessage()).contains("PKIX path")) {
        return true;
      }
    }
    return false;
  }
}
