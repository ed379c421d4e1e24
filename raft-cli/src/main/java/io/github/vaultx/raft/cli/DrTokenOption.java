package io.github.vaultx.raft.cli;

import io.github.vaultx.raft.DrOperationToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code -dr-token}, as the vault CLI names it: the DR operation token of a Vault Enterprise DR
 * secondary. {@code @file} reads it from a file, which keeps it out of the process list; the value
 * is never printed.
 */
final class DrTokenOption {
  @Option(
      names = {"-dr-token", "--dr-token"},
      paramLabel = "TOKEN",
      description = "DR operation token (Vault Enterprise DR secondary): the token or @file.")
  @Nullable String value;

  /** The token, or null when the flag was not given. */
  @Nullable DrOperationToken token() {
    if (value == null) {
      return null;
    }
    if (!value.startsWith("@")) {
      return DrOperationToken.of(value);
    }
    try {
      return DrOperationToken.of(
          Files.readString(Path.of(value.substring(1)), StandardCharsets.UTF_8).strip());
    } catch (IOException | InvalidPathException e) {
      throw new IllegalArgumentException("-dr-token @file must name a readable file");
    }
  }
}
