package io.github.vaultx.raft.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The jar's configuration metadata (what IDEs complete) lists every property with its default: the
 * processor's output merged with additional-spring-configuration-metadata.json.
 */
class ConfigurationMetadataTest {
  static String metadata() throws IOException {
    try (InputStream in =
        ConfigurationMetadataTest.class.getResourceAsStream(
            "/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void metadata_listsEveryPropertyAndTheHealthDefaults() throws IOException {
    String json = metadata();
    for (String property :
        new String[] {
          "addresses",
          "token",
          "token-file",
          "namespace",
          "ca-cert",
          "ca-path",
          "client-cert",
          "client-key",
          "skip-verify",
          "tls-server-name",
          "timeout",
          "connect-timeout",
          "snapshot-idle-timeout",
          "max-retries",
          "retry-budget",
          "disable-redirects",
          "max-concurrent-requests",
          "health.min-failure-tolerance",
          "health.cache-ttl",
          "health.timeout"
        }) {
      assertThat(json).contains("\"name\": \"vaultx.raft." + property + "\"");
    }
    assertThat(json)
        .contains("\"name\": \"management.health.raft.enabled\"")
        .containsPattern(
            "\"name\": \"vaultx.raft.health.cache-ttl\"[^}]*\"defaultValue\": \"10s\"");
  }
}
