package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.snapshot.DamagedSnapshotException;
import io.github.vaultx.raft.snapshot.RaftSnapshots;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Copies a snapshot on the calling thread while a second thread hashes the same bytes and checks
 * them with {@link RaftSnapshots#verifyStream} (a complete gzipped tar holding a non-empty {@code
 * SHA256SUMS.sealed}), as Vault's Go CLI does. Verifying on the copying thread (inflating, parsing
 * the tar and hashing) held a 200 MB download to under a third of curl's rate; split, the copy runs
 * at the network's pace and the check keeps up on the other core.
 *
 * <p>The threads share a fixed set of blocks ({@link #DEPTH} x {@link #BLOCK} bytes): the copier
 * fills a free block from the source, writes it to the destination and queues it; the verifier
 * hashes it, feeds it to the gzip and tar check and hands it back. Memory stays flat whatever the
 * snapshot's size; when the verifier falls behind, the copier waits for a free block.
 *
 * <p>Each block goes to the destination in {@link #WRITE} slices. A file's {@code write} copies the
 * bytes into a native buffer of the slice's size and the kernel copies them from there into the
 * page cache, which is where a save spends most of its copying thread's time. With 64 KiB slices
 * instead of whole 256 KiB blocks that thread used 16-17% less CPU and 2 GiB saves to the disk
 * finished 7-9% sooner against a real server (docs/benchmarks.md).
 */
final class SnapshotPipeline {
  static final int BLOCK = 256 * 1024;
  static final int DEPTH = 8;
  static final int WRITE = 64 * 1024;

  private SnapshotPipeline() {}

  /** What a copy produced: the bytes, their SHA-256, and whether they are a complete snapshot. */
  record Result(long bytes, String sha256, boolean complete, String problem) {}

  /** What the verifier found: whether the snapshot is complete, and if not, why. */
  private record Verdict(boolean complete, String problem) {}

  /**
   * Copies {@code raw} to {@code out} and verifies it; {@code progress} is told the bytes written
   * so far after each block. Failures of {@code raw} (the network) and of {@code out} (the disk)
   * propagate unchanged on the calling thread; a body that is not a complete snapshot gives a
   * result with {@code complete == false}.
   */
  static Result copyAndVerify(InputStream raw, OutputStream out, LongConsumer progress)
      throws IOException {
    Verifier verifier = new Verifier();
    Thread thread = new Thread(verifier, "vaultx-raft-snapshot-verify");
    thread.setDaemon(true);
    thread.start();
    boolean finished = false;
    try {
      long count = 0;
      while (true) {
        Block block = verifier.free(thread);
        int n = fill(raw, block.bytes);
        for (int offset = 0; offset < n; offset += WRITE) {
          out.write(block.bytes, offset, Math.min(WRITE, n - offset));
        }
        count += n;
        block.length = n;
        verifier.queued.add(block);
        if (n < block.bytes.length) {
          break;
        }
        progress.accept(count);
      }
      progress.accept(count);
      Verdict verdict = verifier.await(thread);
      finished = true;
      return new Result(count, verifier.sha256(), verdict.complete(), verdict.problem());
    } finally {
      if (!finished) {
        thread.interrupt();
      }
    }
  }

  /** Reads until {@code buffer} is full or the source ends; returns the bytes read. */
  private static int fill(InputStream in, byte[] buffer) throws IOException {
    int filled = 0;
    while (filled < buffer.length) {
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    return filled;
  }

  /** One block of the snapshot; a block shorter than its array is the last. */
  private static final class Block {
    final byte[] bytes = new byte[BLOCK];
    int length;
  }

  /** The second thread: hashes each block, then feeds it to {@link RaftSnapshots#verifyStream}. */
  private static final class Verifier implements Runnable {
    final BlockingQueue<Block> queued = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(DEPTH);
    private final MessageDigest digest;
    private volatile @Nullable Verdict verdict;
    private volatile @Nullable Throwable failure;

    Verifier() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK lacks SHA-256", e);
      }
      for (int i = 0; i < DEPTH; i++) {
        free.add(new Block());
      }
    }

    @Override
    public void run() {
      try {
        String problem = "";
        try {
          RaftSnapshots.verifyStream(new QueuedStream(), "download");
        } catch (DamagedSnapshotException e) {
          problem = e.problems().get(0);
        }
        verdict = new Verdict(problem.isEmpty(), problem);
      } catch (Throwable t) {
        failure = t;
      }
    }

    /** A free block for the copier; waits while all are in use. */
    Block free(Thread thread) throws IOException {
      try {
        while (true) {
          Block block = free.poll(100, TimeUnit.MILLISECONDS);
          if (block != null) {
            return block;
          }
          if (!thread.isAlive()) {
            throw failed();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while copying the snapshot");
      }
    }

    /** Waits until the verifier has read every queued block. */
    Verdict await(Thread thread) throws IOException {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while verifying the snapshot");
      }
      Verdict result = verdict;
      if (result == null) {
        throw failed();
      }
      return result;
    }

    String sha256() {
      return HexFormat.of().formatHex(digest.digest());
    }

    private RuntimeException failed() {
      Throwable t = failure;
      if (t instanceof RuntimeException) {
        return (RuntimeException) t;
      }
      if (t instanceof Error) {
        throw (Error) t;
      }
      return new IllegalStateException("the snapshot verifier stopped", t);
    }

    /** The queued blocks as one stream; each block is hashed as it is taken. */
    private final class QueuedStream extends InputStream {
      private @Nullable Block current;
      private int position;
      private boolean ended;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        Block block = next();
        if (block == null) {
          return -1;
        }
        int n = Math.min(len, block.length - position);
        System.arraycopy(block.bytes, position, b, off, n);
        position += n;
        return n;
      }

      @Override
      public long transferTo(OutputStream out) throws IOException {
        // Draining the tail: hashing as blocks arrive is all that is left to do.
        long total = 0;
        for (Block block = next(); block != null; block = next()) {
          total += block.length - position;
          position = block.length;
        }
        return total;
      }

      /** The block with unread bytes, taking (and hashing) the next one when needed. */
      private @Nullable Block next() throws IOException {
        while (!ended && (current == null || position == current.length)) {
          if (current != null) {
            boolean last = current.length < current.bytes.length;
            free.add(current);
            current = null;
            if (last) {
              ended = true;
              break;
            }
          }
          Block block;
          try {
            block = queued.take();
          } catch (InterruptedException e) {
            // The copier failed and gave up: stop quietly, nobody reads the verdict.
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the snapshot copy stopped");
          }
          digest.update(block.bytes, 0, block.length);
          current = block;
          position = 0;
        }
        return ended ? null : current;
      }
    }
  }
}
