package io.github.vaultx.raft.spring.boot;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code raft} health indicator on Spring Boot 4 ({@code spring-boot-health}'s API, where 4.0
 * moved it).
 */
final class RaftHealthIndicator4 implements HealthIndicator {
  private final RaftHealthCheck check;

  RaftHealthIndicator4(RaftHealthCheck check) {
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
