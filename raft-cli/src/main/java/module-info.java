/**
 * The {@code vaultx-raft} command line, mirroring {@code vault operator raft}. It uses the client's
 * public API only ({@code io.github.vaultx.raft} and {@code io.github.vaultx.raft.snapshot}) and
 * exports nothing: it is a program, not a library.
 */
module io.github.vaultx.raft.cli {
  requires io.github.vaultx.raft;
  requires info.picocli;

  // picocli reads and writes the commands' annotated fields by reflection.
  opens io.github.vaultx.raft.cli to
      info.picocli;
}
