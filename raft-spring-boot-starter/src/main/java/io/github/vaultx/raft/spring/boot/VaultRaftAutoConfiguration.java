package io.github.vaultx.raft.spring.boot;

import io.github.vaultx.raft.MicrometerMetrics;
import io.github.vaultx.raft.MicrometerObservations;
import io.github.vaultx.raft.VaultRaftAsyncClient;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultRaftClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configures a {@link VaultRaftClient} and its {@link VaultRaftAsyncClient} view from {@link
 * VaultRaftProperties} ({@code vaultx.raft.*}), unless the application defines its own. The
 * application's {@link MeterRegistry}, when there is one, receives the client's meters ({@link
 * MicrometerMetrics}); {@link VaultRaftClientBuilderCustomizer} beans adjust the builder.
 *
 * <p>The same class serves Spring Boot 3.5 and 4.0: it uses only annotations that both keep in
 * {@code spring-boot-autoconfigure} and {@code spring-boot}.
 */
@AutoConfiguration
@ConditionalOnClass(VaultRaftClient.class)
@EnableConfigurationProperties(VaultRaftProperties.class)
public class VaultRaftAutoConfiguration {

  /** Created by Spring. */
  public VaultRaftAutoConfiguration() {}

  /**
   * The client, built from the properties; closed with the application context.
   *
   * @param properties {@code vaultx.raft.*}
   * @param environment for the {@code spring.cloud.vault.*} fallbacks
   * @param customizers applied in order after the properties
   * @return the client
   */
  @Bean
  @ConditionalOnMissingBean
  public VaultRaftClient vaultRaftClient(
      VaultRaftProperties properties,
      Environment environment,
      ObjectProvider<VaultRaftClientBuilderCustomizer> customizers) {
    return ClientFactory.create(
        properties, environment, System.getenv(), customizers.orderedStream().toList());
  }

  /**
   * The non-blocking view of the client bean (the application's own, if it defines one). Not closed
   * on its own: closing the client closes it.
   *
   * @param client the client
   * @return {@code client.async()}
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public VaultRaftAsyncClient vaultRaftAsyncClient(VaultRaftClient client) {
    return client.async();
  }

  /** Hands the application's meter registry to the client, when Micrometer is there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "io.micrometer.core.instrument.MeterRegistry",
        "io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics"
      })
  static class MeterRegistryConfiguration {
    @Bean
    VaultRaftClientBuilderCustomizer vaultRaftMeterRegistryCustomizer(
        ObjectProvider<MeterRegistry> registry) {
      return builder -> {
        MeterRegistry meters = registry.getIfUnique();
        if (meters != null) {
          builder.metrics(MicrometerMetrics.of(meters));
        }
      };
    }
  }

  /** Hands the application's observation registry to the client (see {@link #observe}). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
  static class ObservationRegistryConfiguration {
    @Bean
    VaultRaftClientBuilderCustomizer vaultRaftObservationRegistryCustomizer(
        ObjectProvider<ObservationRegistry> registry) {
      return builder -> {
        ObservationRegistry observations = registry.getIfUnique();
        if (observations != null) {
          observe(builder, observations);
        }
      };
    }

    /** Passes the application's {@link ObservationRegistry} to the client. */
    static void observe(VaultRaftClientBuilder builder, ObservationRegistry registry) {
      builder.observations(MicrometerObservations.of(registry));
    }
  }
}
