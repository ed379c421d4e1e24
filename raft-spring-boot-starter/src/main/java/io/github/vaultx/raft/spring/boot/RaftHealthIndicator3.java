package io.github.vaultx.raft.spring.boot;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/** The {@code raft} health indicator on Spring Boot 3 ({@code spring-boot-actuator}'s API). */
final class RaftHealthIndicator3 implements HealthIndicator {
  private final RaftHealthCheck check;

  RaftHealthIndicator3(RaftHealthCheck check) {
    this.check = check;
  }

  @Override
  public Health health() {
    RaftHealthCheck.Result result = check.check();
    Status status =
        switch (result.status()) {
          case UP -> Status.UP;
          case OUT_OF_SERVICE -> Status.OUT_OF_SERVICE;
          case DOWN -> Status.DOWN;
        };
    return Health.status(status).withDetails(result.details()).build();
  }
}
