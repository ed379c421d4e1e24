package io.github.vaultx.raft.cli;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The vault CLI's {@code -format} flag, falling back to {@code VAULT_FORMAT}, for any command. */
final class FormatOption {
  /** How results are printed. */
  enum Format {
    TABLE,
    JSON
  }

  @Option(
      names = {"-format", "--format"},
      paramLabel = "FORMAT",
      description = "Output: table or json; default VAULT_FORMAT, else table.")
  @Nullable Format format;

  /**
   * The flag, else {@code VAULT_FORMAT}, else table.
   *
   * @throws IllegalArgumentException if {@code VAULT_FORMAT} is neither table nor json
   */
  Format resolve(Map<String, String> environment) {
    if (format != null) {
      return format;
    }
    String fromEnv = environment.get("VAULT_FORMAT");
    if (fromEnv == null || fromEnv.isBlank()) {
      return Format.TABLE;
    }
    return switch (fromEnv.trim().toLowerCase(Locale.ROOT)) {
      case "table" -> Format.TABLE;
      case "json" -> Format.JSON;
      default -> throw new IllegalArgumentException("VAULT_FORMAT must be table or json");
    };
  }
}
