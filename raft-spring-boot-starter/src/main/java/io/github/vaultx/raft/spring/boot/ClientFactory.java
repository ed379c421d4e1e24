package io.github.vaultx.raft.spring.boot;

import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultRaftClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.PropertyResolver;

/**
 * Builds a client from {@link VaultRaftProperties}, the {@code spring.cloud.vault.*} fallbacks and
 * the process environment, naming the property whose value the client rejects.
 */
final class ClientFactory {
  static final String PREFIX = "vaultx.raft.";

  private ClientFactory() {}

  /**
   * Applies the properties to a new builder, then the customizers, and builds the client.
   *
   * @param env the vault CLI's variables, for what no property sets
   * @throws IllegalArgumentException naming the property (never its value when it is the token)
   */
  static VaultRaftClient create(
      VaultRaftProperties p,
      PropertyResolver spring,
      Map<String, String> env,
      List<VaultRaftClientBuilderCustomizer> customizers) {
    VaultRaftClientBuilder builder = VaultRaftClient.builder().environment(env);

    List<String> addresses = p.getAddresses();
    String cloudUri = text(spring, "spring.cloud.vault.uri");
    if (addresses != null) {
      apply("addresses", () -> builder.addresses(addresses));
    } else if (cloudUri != null) {
      apply("spring.cloud.vault.uri", () -> builder.address(cloudUri), false);
    }

    String token = p.getToken();
    Path tokenFile = p.getTokenFile();
    String cloudToken = text(spring, "spring.cloud.vault.token");
    if (token != null && tokenFile != null) {
      throw invalid("token", "set vaultx.raft.token or vaultx.raft.token-file, not both");
    }
    if (token != null) {
      apply("token", () -> builder.token(token));
    } else if (tokenFile != null) {
      String fromFile = readToken(tokenFile);
      apply("token-file", () -> builder.token(fromFile));
    } else if (cloudToken != null) {
      apply("spring.cloud.vault.token", () -> builder.token(cloudToken.trim()), false);
    }

    String namespace = p.getNamespace();
    String cloudNamespace = text(spring, "spring.cloud.vault.namespace");
    if (namespace != null) {
      apply("namespace", () -> builder.namespace(namespace));
    } else if (cloudNamespace != null) {
      apply("spring.cloud.vault.namespace", () -> builder.namespace(cloudNamespace), false);
    }

    set("ca-cert", readableIfSet(p.getCaCert(), "ca-cert", false), builder::caCert);
    set("ca-path", readableIfSet(p.getCaPath(), "ca-path", true), builder::caPath);
    Path cert = p.getClientCert();
    Path key = p.getClientKey();
    if ((cert == null) != (key == null)) {
      throw invalid(
          cert == null ? "client-cert" : "client-key",
          "vaultx.raft.client-cert and vaultx.raft.client-key must be set together");
    }
    if (cert != null && key != null) {
      Path c = readable(cert, "client-cert", false);
      Path k = readable(key, "client-key", false);
      apply("client-cert", () -> builder.clientCertificate(c, k));
    }
    set("skip-verify", p.getSkipVerify(), builder::skipVerify);
    set("tls-server-name", p.getTlsServerName(), builder::tlsServerName);
    set("timeout", p.getTimeout(), builder::timeout);
    set("connect-timeout", p.getConnectTimeout(), builder::connectTimeout);
    set("snapshot-idle-timeout", p.getSnapshotIdleTimeout(), builder::snapshotIdleTimeout);
    set("max-retries", p.getMaxRetries(), builder::maxRetries);
    set("retry-budget", p.getRetryBudget(), builder::retryBudget);
    set("disable-redirects", p.getDisableRedirects(), builder::disableRedirects);
    set("max-concurrent-requests", p.getMaxConcurrentRequests(), builder::maxConcurrentRequests);

    for (VaultRaftClientBuilderCustomizer customizer : customizers) {
      customizer.customize(builder);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      // What no property set came from the environment; the builder names the variable.
      throw new IllegalArgumentException(
          "Cannot configure the vaultx-raft client: " + e.getMessage(), e);
    }
  }

  private static <T> void set(String property, @Nullable T value, Consumer<T> setter) {
    if (value != null) {
      apply(property, () -> setter.accept(value));
    }
  }

  private static void apply(String property, Runnable setter) {
    apply(property, setter, true);
  }

  private static void apply(String property, Runnable setter, boolean ours) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid configuration property "
              + (ours ? PREFIX + property : property)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static @Nullable Path readableIfSet(
      @Nullable Path path, String property, boolean directory) {
    return path == null ? null : readable(path, property, directory);
  }

  private static Path readable(Path path, String property, boolean directory) {
    boolean ok = directory ? Files.isDirectory(path) : Files.isRegularFile(path);
    if (!ok || !Files.isReadable(path)) {
      throw invalid(
          property, "must name a readable " + (directory ? "directory" : "file") + ", not " + path);
    }
    return path;
  }

  private static String readToken(Path file) {
    readable(file, "token-file", false);
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw invalid("token-file", "the file " + file + " is empty");
      }
      return token;
    } catch (IOException e) {
      // The path, not the content: the content is the token.
      throw invalid("token-file", "cannot read " + file + ": " + e.getClass().getSimpleName());
    }
  }

  private static IllegalArgumentException invalid(String property, String why) {
    return new IllegalArgumentException(
        "Invalid configuration property " + PREFIX + property + ": " + why);
  }

  private static @Nullable String text(PropertyResolver spring, String name) {
    String value = spring.getProperty(name);
    return value == null || value.isBlank() ? null : value;
  }
}
