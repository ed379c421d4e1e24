package io.github.vaultx.raft.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the async client runs on, all started on first use, so a client used only
 * synchronously starts none: OkHttp's dispatcher threads (at most as many as requests in flight),
 * one timer thread for retry backoff, and a few threads that copy and verify snapshot streams
 * (docs/adr/0014). {@link #close} stops them all.
 */
final class ClientThreads implements AutoCloseable {
  /** Snapshot streams copied at once; more wait for a thread. */
  static final int SNAPSHOT_THREADS = 4;

  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final String prefix = "vaultx-raft-" + CLIENTS.incrementAndGet() + "-";
  // OkHttp renames its threads while they run a call: the group still tells ours apart.
  private final ThreadGroup group = new ThreadGroup(prefix + "threads");
  private final ThreadPoolExecutor http;
  private final ScheduledThreadPoolExecutor timer;
  private final ThreadPoolExecutor snapshots;
  // An executor counts as terminated while its last worker is still returning: close() joins these.
  private final Set<Thread> started = ConcurrentHashMap.newKeySet();

  ClientThreads() {
    // OkHttp's own shape: threads on demand, kept a minute; the dispatcher bounds how many run.
    this.http =
        new ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), factory("http-"));
    this.timer = new ScheduledThreadPoolExecutor(1, factory("timer-"));
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(10, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    this.snapshots =
        new ThreadPoolExecutor(
            SNAPSHOT_THREADS,
            SNAPSHOT_THREADS,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            factory("snapshot-"));
    snapshots.allowCoreThreadTimeOut(true);
  }

  private ThreadFactory factory(String kind) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(group, task, prefix + kind + count.incrementAndGet());
      thread.setDaemon(true);
      started.removeIf(t -> t.getState() == Thread.State.TERMINATED);
      started.add(thread);
      return thread;
    };
  }

  /** Runs OkHttp's asynchronous calls. */
  ExecutorService http() {
    return http;
  }

  /** Ends retry waits. */
  ScheduledExecutorService timer() {
    return timer;
  }

  /** Copies snapshot streams, and waits for a restore's check to pass the file's head. */
  ExecutorService snapshots() {
    return snapshots;
  }

  /**
   * Stops every thread, waiting a few seconds for them to end unless called from one of them (a
   * callback that closes the client would otherwise wait for itself).
   */
  @Override
  public void close() {
    List<ExecutorService> all = List.of(timer, snapshots, http);
    all.forEach(ExecutorService::shutdownNow);
    if (Thread.currentThread().getThreadGroup() == group) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    try {
      for (ExecutorService executor : all) {
        executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      for (Thread thread : started) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left > 0) {
          thread.join(left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
