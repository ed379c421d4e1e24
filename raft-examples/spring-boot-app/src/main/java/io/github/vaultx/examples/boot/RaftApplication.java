package io.github.vaultx.examples.boot;

import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.VaultRaftAsyncClient;
import io.github.vaultx.raft.VaultRaftClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot application that gets its {@link VaultRaftClient}, its {@link
 * VaultRaftAsyncClient} and the {@code raft} health indicator from vaultx-raft-spring-boot-starter and properties alone (application.properties and
 * the command line). The same source builds on Spring Boot 3.5 (pom.xml) and 4.0 (pom-boot4.xml).
 */
@SpringBootApplication
public class RaftApplication {
  public static void main(String[] args) {
    SpringApplication.run(RaftApplication.class, args);
  }

  /** Two pages about the cluster, through the auto-configured clients. */
  @RestController
  static class ServersController {
    private final VaultRaftClient client;
    private final VaultRaftAsyncClient async;

    ServersController(VaultRaftClient client, VaultRaftAsyncClient async) {
      this.client = client;
      this.async = async;
    }

    /** The leader's node ID in autopilot's view, without blocking a request thread. */
    @GetMapping("/raft/leader")
    CompletableFuture<String> leader() {
      return async
          .readRaftAutopilotState()
          .thenApply(state -> state.leader() == null ? "" : state.leader());
    }

    @GetMapping("/raft/servers")
    List<String> servers() {
      RaftConfiguration configuration = client.readRaftConfig();
      return configuration.servers().stream()
          .map(s -> s.nodeId() + " " + s.address() + (s.leader() ? " leader" : ""))
          .toList();
    }
  }
}
