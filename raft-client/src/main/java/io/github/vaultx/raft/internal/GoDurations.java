package io.github.vaultx.raft.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Parses and formats durations the way Vault writes and reads them: Go durations ({@code 10s},
 * {@code 24h0m0s}, {@code 1.5ms}, {@code 1m30s}) or plain whole seconds ({@code 30}).
 */
public final class GoDurations {
  private static final BigInteger MAX_NANOS =
      BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(1_000_000_000L));

  private GoDurations() {}

  /**
   * Parses a Go duration or a number of seconds.
   *
   * @param text the text, for example {@code 24h0m0s} or {@code 86400}
   * @param name what is parsed, named in the error (never the text, which may come from the
   *     environment)
   * @return the duration
   * @throws IllegalArgumentException if the text is neither
   */
  public static Duration parse(String text, String name) {
    String s = text == null ? "" : text.trim();
    if (s.isEmpty()) {
      throw invalid(name);
    }
    if (s.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(s));
      } catch (NumberFormatException e) {
        throw invalid(name);
      }
    }
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      i++;
    }
    if (s.substring(i).equals("0")) {
      return Duration.ZERO;
    }
    if (i == s.length()) {
      throw invalid(name);
    }
    BigDecimal total = BigDecimal.ZERO;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty()
          || number.equals(".")
          || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid(name);
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      long unitNanos = unitNanos(s.substring(unitStart, i));
      if (unitNanos == 0) {
        throw invalid(name);
      }
      total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos)));
    }
    BigInteger nanos = total.toBigInteger();
    if (nanos.compareTo(MAX_NANOS) > 0) {
      throw invalid(name);
    }
    BigInteger[] parts = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
    Duration d = Duration.ofSeconds(parts[0].longValueExact(), parts[1].longValueExact());
    return negative ? d.negated() : d;
  }

  private static long unitNanos(String unit) {
    switch (unit) {
      case "ns":
        return 1L;
      case "us":
      case "\u00b5s":
      case "\u03bcs":
        return 1_000L;
      case "ms":
        return 1_000_000L;
      case "s":
        return 1_000_000_000L;
      case "m":
        return 60_000_000_000L;
      case "h":
        return 3_600_000_000_000L;
      default:
        return 0L;
    }
  }

  private static IllegalArgumentException invalid(String name) {
    return new IllegalArgumentException(
        name + " must be a Go duration such as 30s, 1m30s or 24h0m0s, or whole seconds");
  }

  /**
   * Formats a duration for Vault: whole seconds as {@code 86400s}; anything finer in the largest
   * exact unit ({@code 1500ms}, {@code 10us}, {@code 7ns}).
   *
   * @param duration a duration, not negative
   * @return the Go duration text
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative");
    }
    if (duration.getNano() == 0) {
      return duration.getSeconds() + "s";
    }
    BigInteger nanos =
        BigInteger.valueOf(duration.getSeconds())
            .multiply(BigInteger.valueOf(1_000_000_000L))
            .add(BigInteger.valueOf(duration.getNano()));
    if (nanos.mod(BigInteger.valueOf(1_000_000L)).signum() == 0) {
      return nanos.divide(BigInteger.valueOf(1_000_000L)) + "ms";
    }
    if (nanos.mod(BigInteger.valueOf(1_000L)).signum() == 0) {
      return nanos.divide(BigInteger.valueOf(1_000L)) + "us";
    }
    return nanos + "ns";
  }
}
