package io.github.vaultx.raft.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.AutopilotState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Each Spring Boot generation's indicator hands on the check's status and details unchanged (both
 * health APIs are on the test class path: Boot 4's classes do not depend on the rest of Boot 4).
 */
class RaftHealthIndicatorsTest {
  static RaftHealthCheck answering(AutopilotState state) {
    return new RaftHealthCheck(
        () -> CompletableFuture.completedFuture(state),
        java.time.Clock.systemUTC(),
        new VaultRaftProperties.Health());
  }

  @Test
  void boot3_mapsEachStatusAndTheDetails() {
    var up =
        new RaftHealthIndicator3(answering(RaftHealthCheckTest.state(3, 1, List.of()))).health();
    var degraded =
        new RaftHealthIndicator3(answering(RaftHealthCheckTest.state(3, 0, List.of("node-2"))))
            .health();

    assertThat(up.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
    assertThat(up.getDetails())
        .containsEntry("failureTolerance", 1)
        .containsEntry("leader", "node-1");
    assertThat(degraded.getStatus())
        .isEqualTo(org.springframework.boot.actuate.health.Status.OUT_OF_SERVICE);
    assertThat(degraded.getDetails()).containsKey("unhealthyServers");
  }

  @Test
  void boot4_mapsEachStatusAndTheDetails() {
    var up =
        new RaftHealthIndicator4(answering(RaftHealthCheckTest.state(3, 1, List.of()))).health();
    var degraded =
        new RaftHealthIndicator4(answering(RaftHealthCheckTest.state(3, 0, List.of("node-2"))))
            .health();

    assertThat(up.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
    assertThat(up.getDetails())
        .containsEntry("failureTolerance", 1)
        .containsEntry("leader", "node-1");
    assertThat(degraded.getStatus())
        .isEqualTo(org.springframework.boot.health.contributor.Status.OUT_OF_SERVICE);
    assertThat(degraded.getDetails()).containsKey("unhealthyServers");
  }
}
