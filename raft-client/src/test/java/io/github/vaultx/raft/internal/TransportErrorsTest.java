package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.internal.access.ClientSettings;
import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One-line reasons for transport failures, with the setting to change where one helps. */
class TransportErrorsTest {
  @TempDir Path home;

  private TransportErrors errors(String address) {
    ClientSettings options = new ClientSettings();
    options.addresses = List.of(address);
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    options.environment = env;
    return new TransportErrors(ResolvedSettings.resolve(options));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Broken pipe", "Connection reset", "Connection reset by peer"})
  void peerClosedOverHttps_withoutClientCertificate_namesTheClientCertificateVariables(
      String message) {
    String reason =
        errors("https://vault.example:8200").describe(new SocketException(message), false);

    assertThat(reason)
        .startsWith("the server closed the connection (SocketException: " + message + ")")
        .contains("set VAULT_CLIENT_CERT and VAULT_CLIENT_KEY");
  }

  @Test
  void routesExhaustedAfterARetry_isDescribedByTheFailureThatCausedTheRetry() {
    // What OkHttp throws when it retried a connection the server closed and had no route left
    // (seen against Vault 1.21.4 with a server that requires a client certificate).
    IOException exhausted = new IOException("exhausted all routes");
    exhausted.addSuppressed(new SocketException("Broken pipe"));

    assertThat(errors("https://vault.example:8200").describe(exhausted, false))
        .startsWith("the server closed the connection (SocketException: Broken pipe)")
        .contains("set VAULT_CLIENT_CERT and VAULT_CLIENT_KEY");
    assertThat(errors("http://vault.example:8200").describe(exhausted, false))
        .isEqualTo("SocketException (Broken pipe)");
  }

  @Test
  void routesExhaustedWithoutARetry_saysTheConnectionWasClosedAtOnce() {
    // What OkHttp throws when the connection it just made was closed before the request went out
    // (seen once in CI against Vault 1.21.4 with a server that requires a client certificate: the
    // TLS 1.3 refusal arrived before OkHttp checked the new connection).
    IOException exhausted = new IOException("exhausted all routes");

    assertThat(errors("https://vault.example:8200").describe(exhausted, false))
        .startsWith(
            "the connection was closed as soon as it was made (IOException: exhausted all routes)")
        .contains("set VAULT_CLIENT_CERT and VAULT_CLIENT_KEY");
    assertThat(errors("http://vault.example:8200").describe(exhausted, false))
        .isEqualTo(
            "the connection was closed as soon as it was made (IOException: exhausted all routes)");
  }

  @Test
  void otherBareIoExceptions_areReportedAsTheyAre() {
    assertThat(
            errors("https://vault.example:8200")
                .describe(new IOException("unexpected end of stream"), false))
        .isEqualTo("IOException (unexpected end of stream)");
  }

  @Test
  void peerClosedOverPlainHttp_isReportedAsItIs() {
    String reason =
        errors("http://vault.example:8200").describe(new SocketException("Broken pipe"), false);

    assertThat(reason).isEqualTo("SocketException (Broken pipe)");
  }

  @Test
  void otherSocketErrors_overHttps_getNoClientCertificateHint() {
    String reason =
        errors("https://vault.example:8200")
            .describe(new SocketException("Network is unreachable"), false);

    assertThat(reason).isEqualTo("SocketException (Network is unreachable)");
  }
}
