package io.github.vaultx.raft.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides which of several agents takes the snapshot of an interval slot, through one versioned
 * document in a KV store written with check-and-set (docs/agent.md, "Several agents, one
 * snapshot").
 *
 * <p>The document holds the grid every agent schedules on ({@code anchor}, {@code interval}) and
 * the highest slot claimed so far ({@code slot}, {@code holder}, and {@code expires}, the slot's
 * end, for operators). A slot is claimed by writing a higher slot number with {@code cas} set to
 * the version just read: the store accepts exactly one writer per version, and slot numbers only
 * grow, so no slot is ever claimed twice however the agents' clocks disagree. Clocks only decide
 * when an agent believes a slot has begun.
 */
final class SlotLease {
  /** How often a claim re-reads after losing a check-and-set race before it defers. */
  private static final int ATTEMPTS = 3;

  /** A versioned document store with check-and-set writes: Vault's KV v2, or a test's fake. */
  interface Kv {
    /**
     * Reads the document.
     *
     * @return its fields and version; null fields and the current version (0 if it never existed)
     *     when there is no live document
     */
    Versioned read();

    /**
     * Writes the document if its current version is {@code cas} (0: only if it does not exist).
     *
     * @return true if written, false if the version did not match
     */
    boolean write(Map<String, Object> fields, long cas);

    /** Where the document lives, for messages. */
    String describe();
  }

  /** A document and the version it was read at. */
  record Versioned(@Nullable Map<String, Object> fields, long version) {}

  /**
   * The outcome of a claim.
   *
   * @param mine whether this agent takes the slot's snapshot
   * @param slot the slot number on the grid
   * @param slotStart when the slot begins on the grid; names the snapshot
   * @param anchor slot 0's start: the grid to schedule the next claim on
   * @param holder the agent that holds the slot (this one if {@code mine})
   */
  record Claim(boolean mine, long slot, Instant slotStart, Instant anchor, String holder) {}

  private final Kv kv;
  private final String holder;
  private final Duration interval;

  SlotLease(Kv kv, String holder, Duration interval) {
    this.kv = kv;
    this.holder = holder;
    this.interval = interval;
  }

  String holder() {
    return holder;
  }

  /**
   * Claims the slot {@code now} falls in, unless another agent holds it or a later one.
   *
   * @param now this agent's clock
   * @return the claim; {@code mine} tells whether to take the snapshot
   * @throws IllegalStateException if the document was written for another interval or is not a
   *     lease document
   * @throws RuntimeException whatever the store throws when it cannot be reached
   */
  Claim claim(Instant now) {
    Claim deferred = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Versioned current = kv.read();
      Map<String, Object> fields = current.fields();
      if (fields == null) {
        // No lease yet (or an operator deleted it): this agent's start becomes slot 0 of the grid.
        if (kv.write(document(0, now, now), current.version())) {
          return new Claim(true, 0, now, now, holder);
        }
        continue;
      }
      Instant anchor = Instant.ofEpochMilli(number(fields, "anchor"));
      long docInterval = number(fields, "interval_ms");
      if (docInterval != interval.toMillis()) {
        throw new IllegalStateException(
            "the lease at "
                + kv.describe()
                + " was written for an interval of "
                + Duration.ofMillis(docInterval)
                + ", this configuration's is "
                + interval
                + ": agents that share a lease need the same configuration (delete the lease"
                + " document after changing the interval)");
      }
      long claimed = number(fields, "slot");
      String claimedBy = String.valueOf(fields.get("holder"));
      long slot = slotAt(anchor, now);
      if (slot <= claimed) {
        // A write whose answer was lost comes back as this agent's own claim.
        boolean mine = slot == claimed && holder.equals(claimedBy);
        return new Claim(mine, slot, start(anchor, slot), anchor, claimedBy);
      }
      if (kv.write(document(slot, anchor, start(anchor, slot)), current.version())) {
        return new Claim(true, slot, start(anchor, slot), anchor, holder);
      }
      deferred = new Claim(false, slot, start(anchor, slot), anchor, "another agent");
    }
    if (deferred == null) {
      throw new IllegalStateException(
          "the lease at " + kv.describe() + " kept changing while it was created");
    }
    return deferred;
  }

  /** The slot {@code now} falls in; -1 while this agent's clock is before the grid's start. */
  private long slotAt(Instant anchor, Instant now) {
    if (now.isBefore(anchor)) {
      return -1;
    }
    return Duration.between(anchor, now).toNanos() / interval.toNanos();
  }

  private Instant start(Instant anchor, long slot) {
    return anchor.plus(interval.multipliedBy(Math.max(slot, 0)));
  }

  private Map<String, Object> document(long slot, Instant anchor, Instant slotStart) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("holder", holder);
    fields.put("slot", slot);
    fields.put("anchor", anchor.toEpochMilli());
    fields.put("interval_ms", interval.toMillis());
    fields.put("expires", slotStart.plus(interval).toString());
    return fields;
  }

  private long number(Map<String, Object> fields, String name) {
    Object value = fields.get(name);
    try {
      if (value instanceof Number n) {
        return n.longValue();
      }
      if (value instanceof String s) {
        return Long.parseLong(s);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalStateException(
        "the document at " + kv.describe() + " is not a snapshot lease: no number '" + name + "'");
  }
}
