package io.github.vaultx.raft.agent;

import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.SnapshotProgressListener;
import io.github.vaultx.raft.VaultRaftAsyncClient;
import io.github.vaultx.raft.snapshot.RaftSnapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named configuration: takes a snapshot, verifies it, stores it, applies retention, and keeps
 * the status Vault Enterprise reports for it. Runs on one thread at a time; {@link #status()} and
 * {@link #abandon()} may be called from any thread.
 */
final class ConfigRun {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigRun.class);

  final String name;
  final Duration interval;
  private final String filePrefix;
  private final int retain;
  private final SnapshotStore store;
  private final VaultRaftAsyncClient client;
  private final Clock clock;
  private final Recorder recorder;
  private final @Nullable SlotLease lease;

  private int consecutiveErrors;
  private @Nullable Instant lastStart;
  private @Nullable Instant lastEnd;
  private @Nullable String lastError;
  private @Nullable String lastUrl;
  private @Nullable Instant lastSuccess;
  private @Nullable Instant lastDeferred;
  private @Nullable Instant nextStart;
  private @Nullable Instant currentStart;
  private @Nullable String currentUrl;
  private volatile @Nullable CompletableFuture<SnapshotInfo> inFlight;

  ConfigRun(
      String name,
      Duration interval,
      String filePrefix,
      int retain,
      SnapshotStore store,
      VaultRaftAsyncClient client,
      Clock clock,
      Recorder recorder,
      @Nullable SlotLease lease) {
    this.name = name;
    this.interval = interval;
    this.filePrefix = filePrefix;
    this.retain = retain;
    this.store = store;
    this.client = client;
    this.clock = clock;
    this.recorder = recorder;
    this.lease = lease;
  }

  /**
   * Runs one slot of the schedule: alone, takes the snapshot; with a lease, only if this agent
   * claims the slot. A lease that cannot be read counts as a failed snapshot.
   *
   * @param anchor the start of slot 0 of the grid this agent scheduled on
   * @return the grid's start to schedule the next slot on: the lease's when there is one
   */
  Instant runSlot(Instant anchor) {
    Instant start = clock.instant();
    if (lease == null) {
      runOnce(start, start);
      return anchor;
    }
    SlotLease.Claim claim;
    try {
      claim = lease.claim(start);
    } catch (RuntimeException e) {
      failed(start, "lease: " + describe(e));
      return anchor;
    }
    if (claim.mine()) {
      // Named after the slot, not this agent's clock: every agent names slot k alike.
      runOnce(start, claim.slotStart());
    } else {
      synchronized (this) {
        lastDeferred = start;
      }
      LOG.debug(
          "snapshot {}: slot {} is held by {}, not taking it", name, claim.slot(), claim.holder());
    }
    return claim.anchor();
  }

  /** Takes, verifies and stores one snapshot, then prunes; a failure is recorded, not thrown. */
  void runOnce(Instant start, Instant nameTime) {
    String fileName = filePrefix + "-" + nameTime.getEpochSecond() + ".snap";
    Path staging = store.staging(fileName);
    synchronized (this) {
      currentStart = start;
      currentUrl = fileName;
    }
    try {
      SnapshotProgressListener room = store.reserve();
      CompletableFuture<SnapshotInfo> download = client.takeRaftSnapshot(staging, room);
      inFlight = download;
      SnapshotInfo info = await(download);
      RaftSnapshots.verify(staging);
      String url = store.store(staging, fileName);
      Instant stored = clock.instant();
      List<String> pruned = store.prune(retain);
      Instant end = clock.instant();
      recorder.saved(name, Duration.between(start, stored), stored.getEpochSecond());
      recorder.rotated(name, Duration.between(stored, end));
      double used = store.percentOfMaxSpaceUsed();
      if (!Double.isNaN(used)) {
        recorder.spaceUsed(name, used);
      }
      synchronized (this) {
        consecutiveErrors = 0;
        lastStart = start;
        lastEnd = end;
        lastError = null;
        lastUrl = url;
        lastSuccess = end;
      }
      LOG.info(
          "snapshot {} stored {} ({} bytes, sha256 {}, {} ms){}",
          name,
          url,
          info.sizeBytes(),
          info.sha256(),
          Duration.between(start, end).toMillis(),
          pruned.isEmpty() ? "" : "; retention deleted " + String.join(", ", pruned));
    } catch (RuntimeException e) {
      deleteQuietly(staging);
      failed(start, describe(e));
    } finally {
      inFlight = null;
      synchronized (this) {
        currentStart = null;
        currentUrl = null;
      }
    }
  }

  private void failed(Instant start, String error) {
    int inARow;
    synchronized (this) {
      inARow = ++consecutiveErrors;
      lastStart = start;
      lastEnd = clock.instant();
      lastError = error;
    }
    recorder.failed(name);
    LOG.warn("snapshot {} failed ({} in a row): {}", name, inARow, error);
  }

  /** Cancels the download in flight, if any: it leaves no file and is recorded as failed. */
  void abandon() {
    CompletableFuture<SnapshotInfo> download = inFlight;
    if (download != null) {
      download.cancel(true);
    }
  }

  synchronized void scheduled(Instant next) {
    nextStart = next;
  }

  /** The status as Vault Enterprise reports it for a configuration. */
  synchronized AutoSnapshotStatus status() {
    return new AutoSnapshotStatus(
        consecutiveErrors,
        lastStart,
        lastEnd,
        lastError,
        lastUrl,
        nextStart,
        currentStart,
        currentUrl);
  }

  /** When the last snapshot was stored, or null before the first. */
  synchronized @Nullable Instant lastSuccess() {
    return lastSuccess;
  }

  /**
   * When this configuration last did its part: stored a snapshot, or found its slot held by another
   * agent of the lease (whose own health reports its snapshots).
   */
  synchronized @Nullable Instant lastDone() {
    if (lastDeferred == null) {
      return lastSuccess;
    }
    return lastSuccess == null || lastDeferred.isAfter(lastSuccess) ? lastDeferred : lastSuccess;
  }

  private static SnapshotInfo await(CompletableFuture<SnapshotInfo> download) {
    try {
      return download.get();
    } catch (InterruptedException e) {
      download.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancellationException("the agent is stopping");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** The message for the status: the failure and the first cause that says more. */
  private static String describe(RuntimeException e) {
    if (e instanceof CancellationException) {
      return "abandoned: the agent stopped before the snapshot was complete";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SnapshotStoreException && t.getMessage() != null) {
        return String.valueOf(t.getMessage());
      }
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A staging file never looks like a stored snapshot; the next start removes it.
    }
  }
}
