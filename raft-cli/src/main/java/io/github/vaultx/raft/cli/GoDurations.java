package io.github.vaultx.raft.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's duration syntax ({@code 10s}, {@code 1m30s}, {@code 500ms}), which the vault CLI takes and
 * prints; a bare number means seconds, as Vault reads it.
 */
final class GoDurations {
  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  private GoDurations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming {@code flag} if the text is not a duration
   */
  static Duration parse(String text, String flag) {
    String s = text.trim();
    if (s.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(s));
    }
    Matcher m = PART.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      nanos =
          nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
      end = m.end();
    }
    if (s.isEmpty() || end != s.length()) {
      throw new IllegalArgumentException(
          flag + " must be a duration such as 10s, 1m30s or 500ms, got \"" + text + "\"");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  private static long unitNanos(String unit) {
    switch (unit) {
      case "ns":
        return 1L;
      case "us":
      case "µs":
        return 1_000L;
      case "ms":
        return 1_000_000L;
      case "s":
        return 1_000_000_000L;
      case "m":
        return 60_000_000_000L;
      default:
        return 3_600_000_000_000L;
    }
  }

  /** Formats like Go's {@code time.Duration.String()}: {@code 1m0s}, {@code 10s}, {@code 1.5ms}. */
  static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    nanos = Math.abs(nanos);
    if (nanos < 1_000L) {
      return sign + nanos + "ns";
    }
    if (nanos < 1_000_000L) {
      return sign + fraction(nanos, 1_000L) + "µs";
    }
    if (nanos < 1_000_000_000L) {
      return sign + fraction(nanos, 1_000_000L) + "ms";
    }
    long hours = nanos / 3_600_000_000_000L;
    long minutes = nanos / 60_000_000_000L % 60;
    String seconds = fraction(nanos % 60_000_000_000L, 1_000_000_000L) + "s";
    if (hours > 0) {
      return sign + hours + "h" + minutes + "m" + seconds;
    }
    if (minutes > 0) {
      return sign + minutes + "m" + seconds;
    }
    return sign + seconds;
  }

  private static String fraction(long value, long unit) {
    return BigDecimal.valueOf(value)
        .divide(BigDecimal.valueOf(unit))
        .stripTrailingZeros()
        .toPlainString();
  }
}
