package io.github.vaultx.raft.internal;

import com.squareup.moshi.Moshi;
import io.github.vaultx.raft.internal.generated.model.ErrorResponseWire;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What the sync and async views of one client share (docs/adr/0014): the connections ({@link
 * NodeClients}), the breakers, retries and preferred node ({@link ResiliencePolicy}, {@link
 * CallExecutor}), the metrics and the async threads; and the two ways to run a call on them.
 */
final class ClientCore implements AutoCloseable {
  private final ResolvedSettings config;
  private final ClientThreads threads;
  private final NodeClients nodeClients;
  private final Metrics metrics;
  private final CallExecutor executor;
  private final SnapshotTransfer snapshots;
  private final Attempts blocking;
  private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  ClientCore(ResolvedSettings config) {
    this.config = config;
    Moshi moshi = new Moshi.Builder().build();
    this.threads = new ClientThreads();
    this.nodeClients = new NodeClients(config, moshi, threads.http());
    ResiliencePolicy policy = new ResiliencePolicy(config, nodeClients.nodes());
    this.metrics = policy.metrics(config.meterRegistry);
    Observations observations =
        config.observations == null
            ? Observations.NONE
            : MicrometerObservationBinding.bind(config.observations);
    this.executor =
        new CallExecutor(
            config,
            nodeClients.nodes(),
            policy,
            moshi.adapter(ErrorResponseWire.class).lenient(),
            metrics,
            observations,
            new RemovedNodeProbe(nodeClients.plain(), moshi));
    this.snapshots = new SnapshotTransfer(executor, new TransportErrors(config));
    this.blocking = Attempts.blocking(config.sleeper);
  }

  ResolvedSettings config() {
    return config;
  }

  /** Runs {@code call} on the caller's thread: what the sync client returns or throws. */
  <R> R execute(PreparedCall<?, R> call) {
    return execute(attempts -> executor.run(call, attempts));
  }

  /** Runs {@code call} without blocking: what the async client returns. */
  <R> CompletableFuture<R> submit(PreparedCall<?, R> call) {
    return submit(attempts -> executor.run(call, attempts));
  }

  /** Runs a snapshot step (or any chain of calls) on the caller's thread. */
  <R> R execute(Function<Attempts, CompletableFuture<R>> steps) {
    ensureOpen();
    return Attempts.await(steps.apply(blocking));
  }

  /**
   * Runs a chain of calls without blocking. The future handed out is the caller's own: completing
   * or cancelling it (or {@link #close}) stops the call in flight and any retry waiting.
   */
  <R> CompletableFuture<R> submit(Function<Attempts, CompletableFuture<R>> chain) {
    ensureOpen();
    Attempts attempts = Attempts.callbacks(config.sleeper, threads);
    // Bad input throws here, before anything is sent or handed out.
    CompletableFuture<R> steps = chain.apply(attempts);
    CompletableFuture<R> result = new CompletableFuture<>();
    pending.add(result);
    result.whenComplete(
        (value, failure) -> {
          pending.remove(result);
          attempts.stop();
        });
    steps.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            result.complete(value);
          } else {
            result.completeExceptionally(Attempts.unwrap(failure));
          }
        });
    if (closed.get()) {
      result.cancel(true);
    }
    return result;
  }

  SnapshotTransfer snapshots() {
    return snapshots;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the client is closed");
    }
  }

  /** Cancels the async calls in flight, then releases the connections and stops the threads. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      for (CompletableFuture<?> call : pending) {
        call.cancel(true);
      }
      metrics.close();
      nodeClients.close();
      threads.close();
    }
  }

  @Override
  public String toString() {
    return "VaultRaftClient[" + config + "]";
  }
}
