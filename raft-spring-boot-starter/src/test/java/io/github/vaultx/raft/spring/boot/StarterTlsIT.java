package io.github.vaultx.raft.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultRaftAsyncClient;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.testing.ClusterTls;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The TLS file properties against a real node that requires mutual TLS: {@code
 * vaultx.raft.ca-cert}, {@code client-cert} and {@code client-key} (and the token from {@code
 * token-file}) give working client and async client beans and a {@code raft} indicator that reads
 * autopilot through them; without the client certificate the node refuses the handshake. The 3-node
 * behaviour of the indicator is SpringBootAppsIT's (raft-consumer-it).
 */
class StarterTlsIT {
  static LocalRaftCluster cluster;
  static ClusterTls tls;

  @TempDir static Path dir;

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  VaultRaftAutoConfiguration.class, VaultRaftHealthAutoConfiguration.class));

  @BeforeAll
  static void start() {
    tls = ClusterTls.generate(true);
    cluster = LocalRaftCluster.builder().nodes(1).tls(tls).start();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  String[] properties(boolean withClientCertificate) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), cluster.rootToken() + "\n");
    String[] common = {
      "vaultx.raft.addresses=" + cluster.address(1),
      "vaultx.raft.token-file=" + token,
      "vaultx.raft.ca-cert=" + tls.caFile(),
      "vaultx.raft.max-retries=0",
      "vaultx.raft.health.cache-ttl=0s"
    };
    if (!withClientCertificate) {
      return common;
    }
    String[] all = java.util.Arrays.copyOf(common, common.length + 2);
    all[common.length] = "vaultx.raft.client-cert=" + tls.clientCertFile();
    all[common.length + 1] = "vaultx.raft.client-key=" + tls.clientKeyFile();
    return all;
  }

  @Test
  void tlsFileProperties_giveWorkingClientsAndAnUpIndicator() throws Exception {
    runner
        .withPropertyValues(properties(true))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              RaftConfiguration config = context.getBean(VaultRaftClient.class).readRaftConfig();
              assertThat(config.servers()).hasSize(1);
              AutopilotState state =
                  context
                      .getBean(VaultRaftAsyncClient.class)
                      .readRaftAutopilotState()
                      .get(60, TimeUnit.SECONDS);
              assertThat(state.voters()).hasSize(1);
              Health health =
                  context
                      .getBean(VaultRaftHealthAutoConfiguration.BEAN, HealthIndicator.class)
                      .health();
              // One voter: the default minimum failure tolerance is 0.
              assertThat(health.getStatus()).as(health.toString()).isEqualTo(Status.UP);
              assertThat(health.getDetails()).containsEntry("failureTolerance", 0);
            });
  }

  @Test
  void withoutTheClientCertificate_theNodeRefuses_andTheIndicatorIsDownSayingSo() throws Exception {
    runner
        .withPropertyValues(properties(false))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Throwable refused =
                  catchThrowable(() -> context.getBean(VaultRaftClient.class).readRaftConfig());
              assertThat(refused).isInstanceOf(VaultClientException.class);
              Health health =
                  context
                      .getBean(VaultRaftHealthAutoConfiguration.BEAN, HealthIndicator.class)
                      .health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              // Typed: the client's own exception, as the sync call threw it.
              assertThat(health.getDetails())
                  .containsEntry("error", refused.getClass().getName())
                  .containsKey("reason");
            });
  }
}
