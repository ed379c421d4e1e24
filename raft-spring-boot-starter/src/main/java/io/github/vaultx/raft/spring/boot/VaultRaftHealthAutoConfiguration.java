package io.github.vaultx.raft.spring.boot;

import io.github.vaultx.raft.VaultRaftClient;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures the Actuator health indicator {@code raft} from autopilot's state ({@code GET
 * /v1/sys/storage/raft/autopilot/state}) when there is a {@link VaultRaftClient} bean:
 *
 * <ul>
 *   <li>{@code UP}: autopilot reports the cluster healthy and its failure tolerance is at least
 *       {@code vaultx.raft.health.min-failure-tolerance} (default 1 with 3 or more voters, else 0);
 *   <li>{@code OUT_OF_SERVICE}: the cluster has a leader and answers, but autopilot reports it
 *       unhealthy or its failure tolerance is below the minimum;
 *   <li>{@code DOWN}: no leader, or no usable answer within {@code vaultx.raft.health.timeout}; the
 *       details name the client's exception type and message.
 * </ul>
 *
 * Details: {@code leader}, {@code voters}, {@code nonVoters}, {@code failureTolerance}, {@code
 * minFailureTolerance}, {@code healthy}, {@code unhealthyServers} (each with why) and {@code
 * reason}. An answer is reused for {@code vaultx.raft.health.cache-ttl} (default 10s). {@code
 * management.health.raft.enabled=false} turns it off.
 *
 * <p>One indicator per Spring Boot generation, each behind the class of its own health API: Boot
 * 3's {@code org.springframework.boot.actuate.health} or Boot 4's {@code
 * org.springframework.boot.health.contributor}.
 */
@AutoConfiguration(after = VaultRaftAutoConfiguration.class)
@ConditionalOnBean(VaultRaftClient.class)
@ConditionalOnProperty(
    prefix = "management.health.raft",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class VaultRaftHealthAutoConfiguration {
  static final String BEAN = "raftHealthIndicator";

  /** Created by Spring. */
  public VaultRaftHealthAutoConfiguration() {}

  static RaftHealthCheck check(VaultRaftClient client, VaultRaftProperties properties) {
    return new RaftHealthCheck(
        () -> client.async().readRaftAutopilotState(), Clock.systemUTC(), properties.getHealth());
  }

  /** Spring Boot 3.x. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  static class Boot3 {
    @Bean(name = BEAN)
    @ConditionalOnMissingBean(name = BEAN)
    org.springframework.boot.actuate.health.HealthIndicator raftHealthIndicator(
        VaultRaftClient client, VaultRaftProperties properties) {
      return new RaftHealthIndicator3(check(client, properties));
    }
  }

  /**
   * Spring Boot 4.x. Not where Boot 3's API is present too: there the actuator that collects
   * indicators is Boot 3's.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnMissingClass("org.springframework.boot.actuate.health.HealthIndicator")
  static class Boot4 {
    @Bean(name = BEAN)
    @ConditionalOnMissingBean(name = BEAN)
    org.springframework.boot.health.contributor.HealthIndicator raftHealthIndicator(
        VaultRaftClient client, VaultRaftProperties properties) {
      return new RaftHealthIndicator4(check(client, properties));
    }
  }
}
