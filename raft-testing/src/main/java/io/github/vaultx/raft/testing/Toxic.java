package io.github.vaultx.raft.testing;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One network fault for a {@link FaultLink}: a Toxiproxy toxic, its direction and the share of
 * connections it affects. Made by the static factories, adjusted with {@link #upstream()}, {@link
 * #toxicity(double)} and {@link #named(String)}.
 *
 * <pre>{@code
 * link.add(Toxic.latency(Duration.ofMillis(200), Duration.ofMillis(50)));   // server -> client
 * link.add(Toxic.resetPeer(Duration.ZERO).upstream().toxicity(0.5));        // half the connections
 * }</pre>
 *
 * @param name the toxic's name on its link; {@code <type>_<direction>} unless {@linkplain
 *     #named(String) named}
 * @param type Toxiproxy's type: {@code latency}, {@code bandwidth}, {@code reset_peer}, {@code
 *     timeout}, {@code slicer}, {@code limit_data}, {@code slow_close}
 * @param direction which way the affected bytes flow
 * @param toxicity the probability, from 0 to 1, that a new connection gets the toxic
 * @param attributes the type's attributes, in Toxiproxy's units (milliseconds, KB/s, bytes)
 */
public record Toxic(
    String name, String type, Direction direction, double toxicity, Map<String, Long> attributes) {

  /** Which way the bytes a toxic affects flow. */
  public enum Direction {
    /** Client to server: the request. */
    UPSTREAM,
    /** Server to client: the answer (Toxiproxy's default). */
    DOWNSTREAM;

    /** Toxiproxy's name: {@code upstream} or {@code downstream}. */
    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Checks the values and copies the attributes.
   *
   * @param name the toxic's name on its link
   * @param type Toxiproxy's type
   * @param direction which way the affected bytes flow
   * @param toxicity from 0 to 1
   * @param attributes the type's attributes, none negative
   */
  public Toxic {
    Objects.requireNonNull(direction, "direction");
    if (name.isBlank() || type.isBlank()) {
      throw new IllegalArgumentException("a toxic needs a name and a type");
    }
    if (!(toxicity >= 0 && toxicity <= 1)) {
      throw new IllegalArgumentException("toxicity must be between 0 and 1, was " + toxicity);
    }
    attributes.forEach(
        (key, value) -> {
          if (value < 0) {
            throw new IllegalArgumentException(type + " " + key + " must not be negative");
          }
        });
    attributes = Map.copyOf(attributes);
  }

  private static Toxic of(String type, Map<String, Long> attributes) {
    return new Toxic(
        type + "_" + Direction.DOWNSTREAM.wire(), type, Direction.DOWNSTREAM, 1.0, attributes);
  }

  /**
   * Delays every chunk of data by {@code latency} plus or minus up to {@code jitter}.
   *
   * @param latency the delay, whole milliseconds
   * @param jitter the random variation, whole milliseconds; zero for none
   * @return the toxic, downstream
   */
  public static Toxic latency(Duration latency, Duration jitter) {
    return of("latency", Map.of("latency", millis(latency), "jitter", millis(jitter)));
  }

  /**
   * Caps the data rate.
   *
   * @param kilobytesPerSecond the cap in kilobytes per second (Toxiproxy's {@code rate}); at least
   *     1
   * @return the toxic, downstream
   */
  public static Toxic bandwidth(long kilobytesPerSecond) {
    if (kilobytesPerSecond < 1) {
      throw new IllegalArgumentException("bandwidth must be at least 1 KB/s");
    }
    return of("bandwidth", Map.of("rate", kilobytesPerSecond));
  }

  /**
   * Resets the connection (TCP RST, "connection reset by peer") after {@code after}; with zero at
   * once, as data arrives.
   *
   * @param after when, from the moment the toxic meets the connection
   * @return the toxic, downstream
   */
  public static Toxic resetPeer(Duration after) {
    return of("reset_peer", Map.of("timeout", millis(after)));
  }

  /**
   * Lets no data through and closes the connection after {@code after}; with zero it never closes
   * it: see {@link #blackHole()}.
   *
   * @param after when to close the connection
   * @return the toxic, downstream
   */
  public static Toxic timeout(Duration after) {
    return of("timeout", Map.of("timeout", millis(after)));
  }

  /**
   * Accepts connections and never lets a byte through nor closes them: a node that hangs, or a
   * firewall that drops packets. A {@code timeout} toxic with timeout 0.
   *
   * @return the toxic, downstream
   */
  public static Toxic blackHole() {
    return timeout(Duration.ZERO);
  }

  /**
   * Cuts the data into small writes of {@code averageSize} plus or minus {@code sizeVariation}
   * bytes, {@code delay} apart.
   *
   * @param averageSize bytes per write, at least 1
   * @param sizeVariation random variation in bytes, smaller than {@code averageSize}
   * @param delay the pause between writes, whole microseconds
   * @return the toxic, downstream
   */
  public static Toxic slicer(int averageSize, int sizeVariation, Duration delay) {
    if (averageSize < 1 || sizeVariation < 0 || sizeVariation >= averageSize) {
      throw new IllegalArgumentException(
          "slicer needs averageSize >= 1 and 0 <= sizeVariation < averageSize");
    }
    return of(
        "slicer",
        Map.of(
            "average_size",
            (long) averageSize,
            "size_variation",
            (long) sizeVariation,
            "delay",
            delay.toNanos() / 1_000));
  }

  /**
   * Closes the connection once {@code bytes} have passed.
   *
   * @param bytes how many bytes get through, at least 1
   * @return the toxic, downstream
   */
  public static Toxic limitData(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("limitData must let at least 1 byte through");
    }
    return of("limit_data", Map.of("bytes", bytes));
  }

  /**
   * Delays the close of the connection by {@code delay}.
   *
   * @param delay how long
   * @return the toxic, downstream
   */
  public static Toxic slowClose(Duration delay) {
    return of("slow_close", Map.of("delay", millis(delay)));
  }

  /**
   * The same toxic on the client-to-server direction (the request), renamed to match unless it was
   * {@linkplain #named(String) named}.
   *
   * @return a new toxic
   */
  public Toxic upstream() {
    return on(Direction.UPSTREAM);
  }

  /**
   * The same toxic on the server-to-client direction (the answer).
   *
   * @return a new toxic
   */
  public Toxic downstream() {
    return on(Direction.DOWNSTREAM);
  }

  private Toxic on(Direction to) {
    String defaultName = type + "_" + direction.wire();
    String newName = name.equals(defaultName) ? type + "_" + to.wire() : name;
    return new Toxic(newName, type, to, toxicity, attributes);
  }

  /**
   * The same toxic for only a share of the new connections.
   *
   * @param probability from 0 to 1
   * @return a new toxic
   */
  public Toxic toxicity(double probability) {
    return new Toxic(name, type, direction, probability, attributes);
  }

  /**
   * The same toxic under another name, to have two of one type and direction on a link.
   *
   * @param newName the name, unique on its link
   * @return a new toxic
   */
  public Toxic named(String newName) {
    return new Toxic(newName, type, direction, toxicity, attributes);
  }

  private static long millis(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a toxic's duration must not be negative");
    }
    return duration.toMillis();
  }
}
