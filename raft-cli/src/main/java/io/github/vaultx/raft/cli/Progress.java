package io.github.vaultx.raft.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A one-line progress display on a terminal, redrawn with {@code \r} twice a second: bytes so far,
 * rate and elapsed time. Off the terminal it prints nothing, so scripts and logs stay clean.
 */
final class Progress implements AutoCloseable {
  private final PrintWriter err;
  private final String verb;
  private final @Nullable LongSupplier bytes;
  private final long startNanos = System.nanoTime();
  private final @Nullable ScheduledExecutorService ticker;
  private int lastWidth;
  private boolean done;

  private Progress(PrintWriter err, String verb, @Nullable LongSupplier bytes, boolean show) {
    this.err = err;
    this.verb = verb;
    this.bytes = bytes;
    if (show) {
      ScheduledExecutorService executor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "vaultx-raft-progress");
                thread.setDaemon(true);
                return thread;
              });
      executor.scheduleAtFixedRate(this::tick, 500, 500, TimeUnit.MILLISECONDS);
      this.ticker = executor;
    } else {
      this.ticker = null;
    }
  }

  /**
   * Starts a progress line when {@code interactive}, else a silent one.
   *
   * @param verb what is happening, for example {@code "Saving snapshot"}
   * @param bytes how many bytes are done so far, read from the ticker thread; null when that is not
   *     known, and only the elapsed time is shown
   */
  static Progress start(
      PrintWriter err, boolean interactive, String verb, @Nullable LongSupplier bytes) {
    return new Progress(err, verb, bytes, interactive);
  }

  private synchronized void tick() {
    if (done) {
      return;
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    String text =
        bytes == null
            ? String.format(Locale.ROOT, "%s: %.1fs", verb, elapsed.toNanos() / 1e9)
            : line(verb, bytes.getAsLong(), elapsed);
    draw(text, false);
  }

  /** Replaces the progress line with the final figures (only on a terminal). */
  synchronized void finish(String doneVerb, long totalBytes) {
    stopTicker();
    if (ticker != null) {
      draw(line(doneVerb, totalBytes, Duration.ofNanos(System.nanoTime() - startNanos)), true);
    }
  }

  @Override
  public synchronized void close() {
    stopTicker();
    if (ticker != null && lastWidth > 0) {
      // A failure follows: end the progress line so the error starts on its own line.
      err.println();
      err.flush();
      lastWidth = 0;
    }
  }

  private void stopTicker() {
    done = true;
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }

  private void draw(String text, boolean last) {
    String padded = text + " ".repeat(Math.max(0, lastWidth - text.length()));
    err.print("\r" + padded);
    if (last) {
      err.println();
      lastWidth = 0;
    } else {
      lastWidth = text.length();
    }
    err.flush();
  }

  /** {@code "Saving snapshot: 12.0 MiB, 8.0 MiB/s, 1.5s"}. */
  static String line(String verb, long bytes, Duration elapsed) {
    double seconds = elapsed.toNanos() / 1e9;
    String rate = seconds > 0 ? size((long) (bytes / seconds)) + "/s" : "-";
    return String.format(
        Locale.ROOT, "%s: %s, %s, %.1fs", verb, size(bytes), rate, Math.max(seconds, 0));
  }

  /** Binary units with one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 200.0 MiB}. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit + 1 < units.length) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
