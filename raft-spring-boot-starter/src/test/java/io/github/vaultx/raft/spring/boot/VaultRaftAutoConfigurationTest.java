package io.github.vaultx.raft.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.PermissionDeniedException;
import io.github.vaultx.raft.VaultRaftAsyncClient;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.testing.VaultResponses;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configuration in an application context of Spring Boot 3 (the test class path): what the
 * properties bind to, the fallbacks, backing off, the meter registry and the startup errors. The
 * client's requests go to a MockWebServer, which shows what the properties configured.
 */
class VaultRaftAutoConfigurationTest {
  static final String TOKEN = "s.sekrit-token-value";

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  VaultRaftAutoConfiguration.class, VaultRaftHealthAutoConfiguration.class));

  MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** One call through the context's client; Vault answers 403, which is never retried. */
  RecordedRequest oneCall(AssertableApplicationContext context) throws InterruptedException {
    server.enqueue(VaultResponses.permissionDenied());
    assertThatThrownBy(() -> context.getBean(VaultRaftClient.class).readRaftConfig())
        .isInstanceOf(PermissionDeniedException.class);
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void properties_bindEverySettingAndConfigureTheClient() {
    runner
        .withPropertyValues(
            "vaultx.raft.addresses=" + url() + ",http://127.0.0.1:1",
            "vaultx.raft.token=" + TOKEN,
            "vaultx.raft.namespace=team-a",
            "vaultx.raft.skip-verify=true",
            "vaultx.raft.tls-server-name=vault.example.com",
            "vaultx.raft.timeout=7s",
            "vaultx.raft.connect-timeout=2s",
            "vaultx.raft.snapshot-idle-timeout=30s",
            "vaultx.raft.max-retries=0",
            "vaultx.raft.retry-budget=0s",
            "vaultx.raft.disable-redirects=true",
            "vaultx.raft.max-concurrent-requests=8",
            "vaultx.raft.health.min-failure-tolerance=2",
            "vaultx.raft.health.cache-ttl=3s",
            "vaultx.raft.health.timeout=1s")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              VaultRaftProperties p = context.getBean(VaultRaftProperties.class);
              assertThat(p.getAddresses()).containsExactly(url(), "http://127.0.0.1:1");
              assertThat(p.getNamespace()).isEqualTo("team-a");
              assertThat(p.getSkipVerify()).isTrue();
              assertThat(p.getTlsServerName()).isEqualTo("vault.example.com");
              assertThat(p.getTimeout()).isEqualTo(Duration.ofSeconds(7));
              assertThat(p.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
              assertThat(p.getSnapshotIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
              assertThat(p.getMaxRetries()).isZero();
              assertThat(p.getRetryBudget()).isZero();
              assertThat(p.getDisableRedirects()).isTrue();
              assertThat(p.getMaxConcurrentRequests()).isEqualTo(8);
              assertThat(p.getHealth().getMinFailureTolerance()).isEqualTo(2);
              assertThat(p.getHealth().getCacheTtl()).isEqualTo(Duration.ofSeconds(3));
              assertThat(p.getHealth().getTimeout()).isEqualTo(Duration.ofSeconds(1));

              RecordedRequest request = oneCall(context);
              assertThat(request.getPath()).isEqualTo("/v1/sys/storage/raft/configuration");
              assertThat(request.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
              assertThat(request.getHeader("X-Vault-Namespace")).isEqualTo("team-a");
              assertThat(context.getBean(VaultRaftAsyncClient.class)).isNotNull();
            });
  }

  @Test
  void tokenFile_isReadAndTrimmed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    runner
        .withPropertyValues("vaultx.raft.addresses=" + url(), "vaultx.raft.token-file=" + file)
        .run(context -> assertThat(oneCall(context).getHeader("X-Vault-Token")).isEqualTo(TOKEN));
  }

  @Test
  void springCloudVault_isTheFallbackForAddressTokenAndNamespace() {
    runner
        .withPropertyValues(
            "spring.cloud.vault.uri=" + url(),
            "spring.cloud.vault.token=" + TOKEN,
            "spring.cloud.vault.namespace=team-b")
        .run(
            context -> {
              RecordedRequest request = oneCall(context);
              assertThat(request.getHeader("X-Vault-Token")).isEqualTo(TOKEN);
              assertThat(request.getHeader("X-Vault-Namespace")).isEqualTo("team-b");
            });
  }

  @Test
  void vaultxProperties_winOverSpringCloudVault() throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      runner
          .withPropertyValues(
              "spring.cloud.vault.uri=http://127.0.0.1:" + other.getPort(),
              "spring.cloud.vault.token=cloud-token",
              "vaultx.raft.addresses=" + url(),
              "vaultx.raft.token=" + TOKEN)
          .run(
              context -> {
                assertThat(oneCall(context).getHeader("X-Vault-Token")).isEqualTo(TOKEN);
                assertThat(other.getRequestCount()).isZero();
              });
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    @Bean
    VaultRaftClient myClient() {
      return VaultRaftClient.builder()
          .address("http://127.0.0.1:1")
          .token("own")
          .environment(java.util.Map.of())
          .build();
    }
  }

  @Test
  void ownClientBean_theAutoConfiguredOneBacksOffAndTheAsyncViewIsTheOwnClients() {
    runner
        .withUserConfiguration(OwnClient.class)
        .withPropertyValues("vaultx.raft.addresses=" + url(), "vaultx.raft.token=" + TOKEN)
        .run(
            context -> {
              assertThat(context).hasSingleBean(VaultRaftClient.class).hasBean("myClient");
              assertThat(context).doesNotHaveBean("vaultRaftClient");
              assertThat(context.getBean(VaultRaftAsyncClient.class))
                  .isSameAs(context.getBean(VaultRaftClient.class).async());
              assertThat(context).hasBean(VaultRaftHealthAutoConfiguration.BEAN);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class Meters {
    @Bean
    MeterRegistry registry() {
      return new SimpleMeterRegistry();
    }
  }

  @Test
  void meterRegistry_receivesTheClientsMeters() {
    runner
        .withUserConfiguration(Meters.class)
        .withPropertyValues("vaultx.raft.addresses=" + url(), "vaultx.raft.token=" + TOKEN)
        .run(
            context -> {
              oneCall(context);
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(
                      registry
                          .find("vaultx.raft.requests")
                          .tag("operation", "readRaftConfig")
                          .timer())
                  .isNotNull()
                  .satisfies(t -> assertThat(t.count()).isEqualTo(1));
              assertThat(registry.find("resilience4j.circuitbreaker.state").meters()).isNotEmpty();
            });
  }

  /** An observation registry that remembers the name of every observation stopped. */
  @Configuration(proxyBeanMethods = false)
  static class Observations {
    final List<String> stopped = new CopyOnWriteArrayList<>();

    @Bean
    ObservationRegistry observationRegistry() {
      ObservationRegistry registry = ObservationRegistry.create();
      registry
          .observationConfig()
          .observationHandler(
              new ObservationHandler<Observation.Context>() {
                @Override
                public boolean supportsContext(Observation.Context context) {
                  return true;
                }

                @Override
                public void onStop(Observation.Context context) {
                  stopped.add(context.getName());
                }
              });
      return registry;
    }
  }

  @Test
  void observationRegistry_observesEveryCallWithItsAttempts() {
    runner
        .withUserConfiguration(Observations.class)
        .withPropertyValues("vaultx.raft.addresses=" + url(), "vaultx.raft.token=" + TOKEN)
        .run(
            context -> {
              oneCall(context);
              assertThat(context.getBean(Observations.class).stopped)
                  .containsExactly("vaultx.raft.call.attempt", "vaultx.raft.call");
            });
  }

  @Test
  void healthIndicator_isTheBoot3OneNamedRaft_andCanBeTurnedOff() {
    runner
        .withPropertyValues("vaultx.raft.addresses=" + url(), "vaultx.raft.token=" + TOKEN)
        .run(
            context ->
                assertThat(context.getBean(VaultRaftHealthAutoConfiguration.BEAN))
                    .isInstanceOf(HealthIndicator.class)
                    .isInstanceOf(RaftHealthIndicator3.class));
    runner
        .withPropertyValues(
            "vaultx.raft.addresses=" + url(),
            "vaultx.raft.token=" + TOKEN,
            "management.health.raft.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(VaultRaftHealthAutoConfiguration.BEAN));
  }

  /** Startup fails; the message names the property and never holds the token. */
  void failsNaming(String property, String... values) {
    runner
        .withPropertyValues(values)
        .run(
            context -> {
              assertThat(context).hasFailed();
              List<String> messages = new java.util.ArrayList<>();
              for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.add(t + "");
              }
              assertThat(messages)
                  .anyMatch(m -> m.startsWith(IllegalArgumentException.class.getName()))
                  .anyMatch(m -> m.contains(property))
                  .noneMatch(m -> m.contains(TOKEN))
                  .noneMatch(m -> m.contains("sek"));
            });
  }

  @Test
  void badProperties_failAtStartupNamingTheProperty(@TempDir Path dir) throws Exception {
    String address = "vaultx.raft.addresses=" + url();
    String token = "vaultx.raft.token=" + TOKEN;
    failsNaming("vaultx.raft.addresses", "vaultx.raft.addresses=ftp://vault:8200", token);
    failsNaming("spring.cloud.vault.uri", "spring.cloud.vault.uri=vault:8200", token);
    failsNaming("vaultx.raft.timeout", address, token, "vaultx.raft.timeout=0s");
    failsNaming("vaultx.raft.connect-timeout", address, token, "vaultx.raft.connect-timeout=-1s");
    failsNaming("vaultx.raft.max-retries", address, token, "vaultx.raft.max-retries=-1");
    failsNaming("vaultx.raft.retry-budget", address, token, "vaultx.raft.retry-budget=-5s");
    failsNaming(
        "vaultx.raft.max-concurrent-requests",
        address,
        token,
        "vaultx.raft.max-concurrent-requests=0");
    failsNaming("vaultx.raft.token", address, "vaultx.raft.token=s.sek\u0007rit");
    failsNaming(
        "vaultx.raft.token-file", address, "vaultx.raft.token-file=" + dir.resolve("missing"));
    Path file = Files.writeString(dir.resolve("token"), TOKEN);
    failsNaming("vaultx.raft.token", address, token, "vaultx.raft.token-file=" + file);
    failsNaming("vaultx.raft.ca-cert", address, token, "vaultx.raft.ca-cert=" + dir.resolve("no"));
    failsNaming("vaultx.raft.ca-path", address, token, "vaultx.raft.ca-path=" + file);
    failsNaming("vaultx.raft.client-key", address, token, "vaultx.raft.client-cert=" + file);
    failsNaming(
        "vaultx.raft.health.min-failure-tolerance",
        address,
        token,
        "vaultx.raft.health.min-failure-tolerance=-1");
    failsNaming("vaultx.raft.health.timeout", address, token, "vaultx.raft.health.timeout=0s");
  }

  @Test
  void badProperty_springsOwnConversionErrorNamesItToo() {
    runner
        .withPropertyValues("vaultx.raft.addresses=" + url(), "vaultx.raft.timeout=soon")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("vaultx.raft.timeout"));
  }

  @Test
  void clientFactory_withNoPropertyAtAll_usesTheVaultCliVariables() throws Exception {
    try (VaultRaftClient client =
        ClientFactory.create(
            new VaultRaftProperties(),
            new org.springframework.core.env.PropertySourcesPropertyResolver(
                new org.springframework.core.env.MutablePropertySources()),
            java.util.Map.of("VAULT_ADDR", url(), "VAULT_TOKEN", TOKEN, "VAULT_MAX_RETRIES", "0"),
            List.of())) {
      server.enqueue(VaultResponses.permissionDenied());
      assertThatThrownBy(client::readRaftConfig).isInstanceOf(PermissionDeniedException.class);
      assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("X-Vault-Token"))
          .isEqualTo(TOKEN);
    }
  }
}
