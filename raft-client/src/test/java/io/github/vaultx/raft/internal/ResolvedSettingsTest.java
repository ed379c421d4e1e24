package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.internal.access.ClientSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The environment is read like the vault CLI reads it; explicit values win. */
class ResolvedSettingsTest {
  @TempDir Path home;

  ResolvedSettings resolve(Map<String, String> env) {
    ClientSettings options = new ClientSettings();
    Map<String, String> withHome = new HashMap<>(env);
    withHome.putIfAbsent("HOME", home.toString());
    options.environment = withHome;
    return ResolvedSettings.resolve(options);
  }

  @Test
  void emptyEnvironment_givesTheVaultCliDefaults() {
    ResolvedSettings config = resolve(Map.of());

    assertThat(config.baseUrls()).hasSize(1);
    assertThat(config.baseUrls().get(0)).hasToString("https://127.0.0.1:8200/v1/");
    assertThat(config.hasToken()).isFalse();
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.snapshotIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.maxRetries()).isEqualTo(2);
    assertThat(config.retryBudget()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.disableRedirects()).isFalse();
    assertThat(config.namespace()).isNull();
    assertThat(config.customTls()).isFalse();
  }

  @Test
  void vaultAddr_becomesTheBaseUrl_withV1() {
    assertThat(resolve(Map.of("VAULT_ADDR", "http://vault.example.com:8200/")).baseUrls())
        .extracting(Object::toString)
        .containsExactly("http://vault.example.com:8200/v1/");
  }

  @Test
  void vaultxAddresses_followVaultAddr_inFailoverOrder_withoutDuplicates() {
    ResolvedSettings config =
        resolve(
            Map.of(
                "VAULT_ADDR", "http://a:8200",
                "VAULTX_ADDRESSES", "http://a:8200, http://b:8200,,http://c:8200"));
    assertThat(config.baseUrls())
        .extracting(Object::toString)
        .containsExactly("http://a:8200/v1/", "http://b:8200/v1/", "http://c:8200/v1/");
  }

  @Test
  void vaultToken_isUsed_andBeatsTheTokenFile() throws Exception {
    Files.writeString(home.resolve(".vault-token"), "from-file\n");
    assertThat(resolve(Map.of("VAULT_TOKEN", "from-env")).token.reveal()).isEqualTo("from-env");
  }

  @Test
  void tokenFile_inHome_isUsedWhenVaultTokenIsUnset() throws Exception {
    Files.writeString(home.resolve(".vault-token"), "  from-file\n");
    assertThat(resolve(Map.of()).token.reveal()).isEqualTo("from-file");
  }

  @Test
  void builderValues_overrideTheEnvironment() {
    ClientSettings options = new ClientSettings();
    options.environment =
        Map.of(
            "HOME", home.toString(),
            "VAULT_ADDR", "http://env:8200",
            "VAULT_TOKEN", "env-token",
            "VAULT_MAX_RETRIES", "5",
            "VAULT_CLIENT_TIMEOUT", "5s",
            "VAULT_NAMESPACE", "env-ns");
    options.addresses = java.util.List.of("http://explicit:8200");
    options.token = "explicit-token";
    options.maxRetries = 0;
    options.timeout = Duration.ofSeconds(9);
    options.namespace = "explicit-ns";

    ResolvedSettings config = ResolvedSettings.resolve(options);

    assertThat(config.baseUrls())
        .extracting(Object::toString)
        .containsExactly("http://explicit:8200/v1/");
    assertThat(config.token.reveal()).isEqualTo("explicit-token");
    assertThat(config.maxRetries()).isZero();
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(config.namespace()).isEqualTo("explicit-ns");
  }

  @ParameterizedTest(name = "VAULT_CLIENT_TIMEOUT={0}")
  @CsvSource({"30, PT30S", "30s, PT30S", "1m30s, PT1M30S", "2h, PT2H"})
  void clientTimeout_acceptsSecondsOrGoDurations(String value, String expected) {
    assertThat(resolve(Map.of("VAULT_CLIENT_TIMEOUT", value)).timeout())
        .isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest(name = "VAULT_SKIP_VERIFY={0} -> {1}")
  @CsvSource({"1, true", "true, true", "TRUE, true", "t, true", "0, false", "false, false"})
  void skipVerify_parsesLikeGo(String value, boolean skip) {
    assertThat(resolve(Map.of("VAULT_SKIP_VERIFY", value)).customTls()).isEqualTo(skip);
  }

  @Test
  void namespaceMaxRetriesAndRedirects_areRead() {
    ResolvedSettings config =
        resolve(
            Map.of(
                "VAULT_NAMESPACE", "team-a",
                "VAULT_MAX_RETRIES", "4",
                "VAULT_DISABLE_REDIRECTS", "true",
                "VAULT_TLS_SERVER_NAME", "vault.example.com"));
    assertThat(config.namespace()).isEqualTo("team-a");
    assertThat(config.maxRetries()).isEqualTo(4);
    assertThat(config.disableRedirects()).isTrue();
    assertThat(config.customTls()).isTrue();
  }

  @ParameterizedTest(name = "VAULTX_RETRY_BUDGET={0}")
  @CsvSource({"30s, PT30S", "1m30s, PT1M30S", "10, PT10S", "0, PT0S"})
  void retryBudgetVariable_isAGoDuration_andZeroMeansTheCountAlone(String value, Duration budget) {
    assertThat(resolve(Map.of("VAULTX_RETRY_BUDGET", value)).retryBudget()).isEqualTo(budget);
  }

  @Test
  void retryBudgetFromTheBuilder_winsOverTheVariable() {
    ClientSettings options = new ClientSettings();
    options.environment = Map.of("VAULTX_RETRY_BUDGET", "30s", "HOME", home.toString());
    options.retryBudget = Duration.ofSeconds(5);
    assertThat(ResolvedSettings.resolve(options).retryBudget()).isEqualTo(Duration.ofSeconds(5));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "VAULT_ADDR, ftp://secret-value:21",
    "VAULT_ADDR, not a url secret-value",
    "VAULTX_ADDRESSES, 'http://ok:1,secret-value'",
    "VAULT_CLIENT_TIMEOUT, secret-value",
    "VAULT_CLIENT_TIMEOUT, 0",
    "VAULT_MAX_RETRIES, secret-value",
    "VAULT_MAX_RETRIES, -1",
    "VAULTX_RETRY_BUDGET, secret-value",
    "VAULTX_RETRY_BUDGET, -5s",
    "VAULT_SKIP_VERIFY, secret-value",
    "VAULT_DISABLE_REDIRECTS, secret-value",
    "VAULT_CACERT, /nonexistent/secret-value.pem",
    "VAULT_CAPATH, /nonexistent/secret-value",
    "VAULT_CLIENT_CERT, /nonexistent/secret-value.pem"
  })
  void malformedVariable_throwsNamingTheVariable_neverTheValue(String variable, String value) {
    assertThatThrownBy(() -> resolve(Map.of(variable, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(variable)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-value"));
  }

  @Test
  void clientKeyWithoutCert_throwsNamingBoth() {
    assertThatThrownBy(() -> resolve(Map.of("VAULT_CLIENT_KEY", "/tmp/key.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("VAULT_CLIENT_CERT and VAULT_CLIENT_KEY must be set together");
  }

  @Test
  void toString_neverShowsTheToken() {
    ResolvedSettings config = resolve(Map.of("VAULT_TOKEN", "hvs.very-secret"));
    assertThat(config.toString()).doesNotContain("hvs.very-secret").contains("token=****");
    assertThat(config.token).hasToString("****");
  }
}
