package io.github.vaultx.raft.cli;

import io.github.vaultx.raft.VaultDurations;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.agent.AgentConfigFile;
import io.github.vaultx.raft.agent.AgentMetrics;
import io.github.vaultx.raft.agent.KvLease;
import io.github.vaultx.raft.agent.RaftSnapshotAgent;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code snapshot agent -config=FILE}: runs the snapshot agent in the foreground until SIGTERM or
 * SIGINT, which lets a snapshot in flight finish within the stop grace and otherwise abandons it,
 * leaving no partial file.
 */
@Command(
    name = "agent",
    description = {
      "Take automated snapshots as Vault Enterprise does, for any server: FILE holds named",
      "configurations in the JSON shape of sys/storage/raft/snapshot-auto/config/:name.",
      "Runs in the foreground until stopped. The token comes from VAULT_TOKEN or the token",
      "file, never from the command line."
    })
final class AgentCommand extends ClientCommand {
  @Option(
      names = {"-config", "--config"},
      paramLabel = "FILE",
      required = true,
      description = "The configuration file.")
  Path config = Path.of("");

  @Option(
      names = {"-stop-grace", "--stop-grace"},
      paramLabel = "DURATION",
      description = "How long a stop waits for a snapshot in flight (Go duration, default 30s).")
  String stopGrace = "30s";

  @Option(
      names = {"-status-address", "--status-address"},
      paramLabel = "HOST:PORT",
      description = {
        "Serve the status at Vault Enterprise's path, /healthz and Prometheus /metrics on this",
        "address (port 0 picks one). Readers of the status send the token in " + STATUS_TOKEN + "."
      })
  @Nullable String statusAddress;

  @Option(
      names = {"-lease-path", "--lease-path"},
      paramLabel = "MOUNT/PATH",
      description = {
        "Share the schedule with the other agents given the same lease: exactly one takes each",
        "interval's snapshot. MOUNT is a KV version 2 mount of the cluster, PATH a folder in it;",
        "the token needs read, create and update on MOUNT/data/PATH/*. Without it the agent",
        "takes every snapshot itself."
      })
  @Nullable String leasePath;

  @Option(
      names = {"-lease-holder", "--lease-holder"},
      paramLabel = "NAME",
      description = "This agent's name in the lease (default: the host name and a random suffix).")
  @Nullable String leaseHolder;

  /** Our own variable: the token a reader of the status port must send. */
  static final String STATUS_TOKEN = "VAULTX_AGENT_STATUS_TOKEN";

  @Override
  void run(VaultRaftClient client) {
    if (token != null) {
      // A token on the command line shows in every process listing for as long as the agent runs.
      throw new ParameterException(
          Objects.requireNonNull(spec, "spec").commandLine(),
          "snapshot agent takes no -token: set VAULT_TOKEN or use the token file");
    }
    Duration grace = VaultDurations.parse(stopGrace, "-stop-grace");
    RaftSnapshotAgent.Builder builder =
        RaftSnapshotAgent.builder(client)
            .configurations(AgentConfigFile.read(config))
            .stopGrace(grace);
    if (statusAddress != null) {
      String statusToken = runtime().environment().get(STATUS_TOKEN);
      if (statusToken == null || statusToken.isBlank()) {
        throw new ParameterException(
            Objects.requireNonNull(spec, "spec").commandLine(),
            "-status-address needs the status token in " + STATUS_TOKEN);
      }
      builder
          .statusServer(hostPort(statusAddress), statusToken)
          .metrics(AgentMetrics.prometheus(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    }
    if (leasePath != null) {
      builder.lease(lease(leasePath));
    } else if (leaseHolder != null) {
      throw new ParameterException(
          Objects.requireNonNull(spec, "spec").commandLine(), "-lease-holder needs -lease-path");
    }
    RaftSnapshotAgent agent = builder.build();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              agent.close();
              stopped.countDown();
            },
            "vaultx-raft-agent-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    agent.start();
    InetSocketAddress status = agent.statusAddress();
    err()
        .println(
            "snapshot agent running: "
                + String.join(", ", agent.names())
                + (status == null
                    ? ""
                    : "; status on http://" + status.getHostString() + ":" + status.getPort()));
    err().flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      agent.close();
    }
  }

  /**
   * The lease at {@code MOUNT/PATH}, reached like the client: the {@code -address} flag or the
   * environment's addresses, token, namespace and CA certificates.
   */
  private KvLease lease(String mountAndPath) {
    KvLease.Builder lease;
    try {
      lease = KvLease.builder(mountAndPath);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          Objects.requireNonNull(spec, "spec").commandLine(), "-lease-path: " + e.getMessage());
    }
    if (address != null) {
      lease.addresses(List.of(address));
    }
    if (leaseHolder != null) {
      lease.holder(leaseHolder);
    }
    return lease.environment(runtime().environment()).build();
  }

  private InetSocketAddress hostPort(String value) {
    int colon = value.lastIndexOf(':');
    try {
      if (colon > 0) {
        int port = Integer.parseInt(value.substring(colon + 1));
        if (port >= 0 && port <= 65535) {
          return new InetSocketAddress(value.substring(0, colon), port);
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ParameterException(
        Objects.requireNonNull(spec, "spec").commandLine(),
        "-status-address must be HOST:PORT, was '" + value + "'");
  }
}
