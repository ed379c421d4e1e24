package io.github.vaultx.raft.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aligned columns under a header underlined with dashes, as the vault CLI prints them:
 *
 * <pre>
 * Node     Address           State     Voter
 * ----     -------           -----     -----
 * node1    127.0.0.1:8201    leader    true
 * </pre>
 */
final class Table {
  private static final String GAP = "    ";

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    this.header = List.of(header);
  }

  Table row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalStateException("a row needs " + header.size() + " cells");
    }
    rows.add(Arrays.stream(cells).map(String::valueOf).toList());
    return this;
  }

  String render() {
    int[] widths = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.add(header.stream().map(h -> "-".repeat(h.length())).toList());
    all.addAll(rows);
    for (List<String> line : all) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : all) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        String cell = line.get(i);
        text.append(cell);
        if (i + 1 < line.size()) {
          text.append(" ".repeat(widths[i] - cell.length())).append(GAP);
        }
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
