/**
 * The {@code vaultx-raft} command line, mirroring {@code vault operator raft}. It uses the client's
 * public API only ({@code io.github.vaultx.raft}, {@code io.github.vaultx.raft.snapshot} and the
 * agent's {@code io.github.vaultx.raft.agent}) and exports nothing: it is a program, not a library.
 */
module io.github.vaultx.raft.cli {
  requires io.github.vaultx.raft;
  requires io.github.vaultx.raft.agent;
  requires info.picocli;
  // snapshot agent -status-address serves the agent's meters for Prometheus.
  requires micrometer.core;
  requires micrometer.registry.prometheus;

  // picocli reads and writes the commands' annotated fields by reflection.
  opens io.github.vaultx.raft.cli to
      info.picocli;
}
