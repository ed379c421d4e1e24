package io.github.vaultx.raft.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two applications that invoker built in src/it (against the published coordinates only) run as
 * a user would run them, each in its own JVM, and read the configuration of a real cluster.
 */
class ConsumerAppsIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);

  private static final Path PROJECTS =
      Path.of(System.getProperty("vaultx.consumer.projects", "target/it"));

  private record Run(int exitCode, String out) {}

  @Test
  void classpathApp_readsTheRaftConfigurationOfTheRealCluster() throws Exception {
    Path app = PROJECTS.resolve("classpath-app/target");
    Run run =
        java(
            "-cp",
            app.resolve("app.jar") + File.pathSeparator + app.resolve("lib") + File.separator + "*",
            "io.github.vaultx.it.classpath.ReadRaftConfig");

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("client module named: false");
    assertServersListed(run.out());
  }

  @Test
  void jpmsApp_requiresTheClientModuleAndReadsTheRaftConfiguration() throws Exception {
    Path app = PROJECTS.resolve("jpms-app/target");
    Run run =
        java(
            "--module-path",
            app.resolve("app.jar") + File.pathSeparator + app.resolve("lib"),
            "--module",
            "io.github.vaultx.it.jpms/io.github.vaultx.it.jpms.ReadRaftConfig");

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out())
        .contains("own module: io.github.vaultx.it.jpms")
        .contains("client module: io.github.vaultx.raft")
        .contains("internal exported: false");
    assertServersListed(run.out());
  }

  private static void assertServersListed(String out) {
    LocalRaftCluster cluster = CLUSTER.cluster();
    List<String> servers = out.lines().filter(l -> l.startsWith("server ")).toList();
    assertThat(servers).as(out).hasSize(cluster.size());
    for (String nodeId : cluster.nodeIds()) {
      assertThat(servers).as(out).anyMatch(l -> l.startsWith("server " + nodeId + " "));
    }
    assertThat(servers).as(out).filteredOn(l -> l.endsWith(" leader=true")).hasSize(1);
  }

  private static Run java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("VAULT"));
    env.put("VAULT_ADDR", CLUSTER.cluster().leaderAddress());
    env.put("VAULT_TOKEN", CLUSTER.cluster().rootToken());
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the application did not finish in 60 s:\n" + out);
    }
    return new Run(process.exitValue(), out);
  }
}
