package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.SnapshotProgressListener;
import io.github.vaultx.raft.internal.access.Checks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot file as a request body: streamed from the file each time it is written, so that a
 * standby's redirect can send it again, and reporting the bytes handed to the connection. With a
 * {@link RestoreCheck}, the file's last {@link #HOLD} bytes wait until the check passed, and a
 * failed check abandons the request before its end.
 *
 * <p>The file is read {@link #BLOCK} bytes per system call, as the connection writes them ({@link
 * BufferedSockets}): through Okio's own file source it took one {@code read} per 8 KiB segment.
 */
final class SnapshotUpload extends RequestBody {
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

  /** The bytes read from the file at once; the progress listener hears after each block. */
  static final int BLOCK = 64 * 1024;

  /**
   * The bytes held back until the check passed: more than the gzip trailer and the tar's end (its
   * sums and end blocks), without which neither server can read, let alone apply, a snapshot.
   */
  static final long HOLD = 64 * 1024;

  private final Path file;
  private final long length;
  private final SnapshotProgressListener progress;
  private final @Nullable RestoreCheck check;

  private SnapshotUpload(
      Path file, long length, SnapshotProgressListener progress, @Nullable RestoreCheck check) {
    this.file = file;
    this.length = length;
    this.progress = progress;
    this.check = check;
  }

  /** A body for {@code source}, checked to be a readable file before any request. */
  static SnapshotUpload of(Path source, SnapshotProgressListener progress) {
    Checks.readableFile(source, "source");
    Checks.notNull(progress, "progress");
    return new SnapshotUpload(source, source.toFile().length(), progress, null);
  }

  /** This body, holding back its end until {@code check} passed. */
  SnapshotUpload checkedBy(RestoreCheck check) {
    return new SnapshotUpload(file, length, progress, check);
  }

  @Override
  public @Nullable MediaType contentType() {
    return OCTET_STREAM;
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    RestoreCheck check = this.check;
    long held = check == null ? length : Math.max(0, length - HOLD);
    long sent = 0;
    try (FileChannel channel = FileChannel.open(file)) {
      // Direct, so that the file's bytes are copied once, into Okio's segments.
      ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
      while (true) {
        if (sent == held && check != null) {
          // Everything before the end is on its way; the end waits for the check.
          sink.flush();
          check.awaitWhole();
          check = null;
        }
        block.clear().limit((int) (sent < held ? Math.min(BLOCK, held - sent) : BLOCK));
        int n = channel.read(block);
        if (n == -1) {
          break;
        }
        sink.getBuffer().write(block.flip());
        sink.emitCompleteSegments();
        sent += n;
        progress.bytesTransferred(sent);
        if (check != null) {
          check.throwIfFailed();
        }
      }
    }
  }
}
