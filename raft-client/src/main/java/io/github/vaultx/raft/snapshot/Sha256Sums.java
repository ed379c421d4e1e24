package io.github.vaultx.raft.snapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A snapshot's {@code SHA256SUMS}: one {@code <sha256> <file>} line per file, as sha256sum. */
final class Sha256Sums {
  private Sha256Sums() {}

  /**
   * Parses {@code text} into file name to lower-case hex SHA-256.
   *
   * @return the recorded hashes, or null after adding to {@code problems} why they are unusable
   */
  static @Nullable Map<String, String> parse(String text, List<String> problems) {
    Map<String, String> sums = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() && i == lines.length - 1) {
        break;
      }
      int gap = line.indexOf("  ");
      String hash = gap < 0 ? "" : line.substring(0, gap).toLowerCase(Locale.ROOT);
      String name = gap < 0 ? "" : line.substring(gap + 2);
      if (!hash.matches("[0-9a-f]{64}") || name.isEmpty()) {
        problems.add("SHA256SUMS line " + (i + 1) + " is not '<sha256>  <file>'");
        return null;
      }
      if (!name.equals(SnapshotReader.META) && !name.equals(SnapshotReader.STATE)) {
        problems.add("SHA256SUMS lists " + name + ", which Vault does not expect");
      }
      sums.put(name, hash);
    }
    return sums;
  }
}
