package io.github.vaultx.raft.cli;

import picocli.CommandLine.Option;

/** {@code -h}, {@code -help} and {@code --help} on every command, as the vault CLI takes them. */
final class HelpOption {
  @Option(
      names = {"-h", "-help", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean requested;
}
