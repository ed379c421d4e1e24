package io.github.vaultx.raft;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes durations as Vault does, for applications that take or print Vault's durations
 * (the client and its command line use it too). Vault holds a duration as Go's {@code
 * time.Duration}, a signed 64-bit count of nanoseconds, prints it as Go does ({@code 10s}, {@code
 * 1m30s}, {@code 24h0m0s}) and reads text with its {@code parseutil.ParseDurationSecond}: Go's
 * syntax ({@code 10s}, {@code 1m30s}, {@code 1.5ms}), whole seconds ({@code 30}) or whole days
 * ({@code 1d}). A value Go cannot hold is rejected rather than wrapped, as Go's own parser does.
 *
 * <pre>{@code
 * Duration d = VaultDurations.parse("1m30s", "-interval");   // PT1M30S
 * String text = VaultDurations.format(Duration.ofHours(24)); // "24h0m0s"
 * }</pre>
 */
public final class VaultDurations {
  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal MIN_NANOS = BigDecimal.valueOf(Long.MIN_VALUE);

  /** The longest duration Go can hold, as Go prints it. */
  static final String MAX_TEXT = "2562047h47m16.854775807s";

  private VaultDurations() {}

  /**
   * Parses a Go duration, whole seconds or whole days.
   *
   * @param text the text, for example {@code 24h0m0s}, {@code 86400} or {@code 1d}; null is refused
   *     like empty text
   * @param name what is parsed, named in the error (never the text, which may come from the
   *     environment)
   * @return the duration
   * @throws IllegalArgumentException if the text is none of these, or outside Go's range
   */
  public static Duration parse(@Nullable String text, String name) {
    String s = text == null ? "" : text.trim();
    if (s.isEmpty()) {
      throw invalid(name);
    }
    if (isDigits(s)) {
      return checked(new BigDecimal(s).multiply(BigDecimal.valueOf(1_000_000_000L)), name);
    }
    if (s.endsWith("d") && isDigits(s.substring(0, s.length() - 1))) {
      BigDecimal days = new BigDecimal(s.substring(0, s.length() - 1));
      return checked(days.multiply(BigDecimal.valueOf(86_400_000_000_000L)), name);
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
      while (i < s.length() && (isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty()
          || number.equals(".")
          || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid(name);
      }
      int unitStart = i;
      while (i < s.length() && !isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      long unitNanos = unitNanos(s.substring(unitStart, i));
      if (unitNanos == 0) {
        throw invalid(name);
      }
      total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos)));
    }
    return checked(negative ? total.negate() : total, name);
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> isDigit((char) c));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static Duration checked(BigDecimal nanos, String name) {
    // Go truncates fractions below a nanosecond; it rejects what int64 nanoseconds cannot hold.
    BigDecimal whole = new BigDecimal(nanos.toBigInteger());
    if (whole.compareTo(MAX_NANOS) > 0 || whole.compareTo(MIN_NANOS) < 0) {
      throw new IllegalArgumentException(
          name + " is out of range: Vault's durations end at " + MAX_TEXT + " (about 292 years)");
    }
    return Duration.ofNanos(whole.longValueExact());
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
        name + " must be a duration such as 30s, 1m30s or 24h, whole seconds, or whole days (1d)");
  }

  /**
   * Formats a duration as Go's {@code time.Duration.String()} does, which is also how Vault prints
   * durations: {@code 0s}, {@code 10s}, {@code 1m0s}, {@code 24h0m0s}, {@code 1.5ms}, {@code
   * 907.414342ms}, {@code 1µs}.
   *
   * @param duration the duration
   * @return the text
   * @throws IllegalArgumentException if Go cannot hold the duration
   */
  public static String format(Duration duration) {
    BigInteger exact =
        BigInteger.valueOf(duration.getSeconds())
            .multiply(NANOS_PER_SECOND)
            .add(BigInteger.valueOf(duration.getNano()));
    if (exact.bitLength() > 63) {
      throw new IllegalArgumentException(
          "duration is out of range: Vault's durations end at " + MAX_TEXT);
    }
    long nanos = exact.longValueExact();
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    BigInteger magnitude = exact.abs();
    if (magnitude.compareTo(BigInteger.valueOf(1_000L)) < 0) {
      return sign + magnitude + "ns";
    }
    if (magnitude.compareTo(BigInteger.valueOf(1_000_000L)) < 0) {
      return sign + fraction(magnitude, 1_000L) + "\u00b5s";
    }
    if (magnitude.compareTo(NANOS_PER_SECOND) < 0) {
      return sign + fraction(magnitude, 1_000_000L) + "ms";
    }
    BigInteger[] hours = magnitude.divideAndRemainder(BigInteger.valueOf(3_600_000_000_000L));
    BigInteger[] minutes = hours[1].divideAndRemainder(BigInteger.valueOf(60_000_000_000L));
    String seconds = fraction(minutes[1], 1_000_000_000L) + "s";
    if (hours[0].signum() > 0) {
      return sign + hours[0] + "h" + minutes[0] + "m" + seconds;
    }
    if (minutes[0].signum() > 0) {
      return sign + minutes[0] + "m" + seconds;
    }
    return sign + seconds;
  }

  private static String fraction(BigInteger value, long unit) {
    return new BigDecimal(value)
        .divide(BigDecimal.valueOf(unit))
        .stripTrailingZeros()
        .toPlainString();
  }
}
