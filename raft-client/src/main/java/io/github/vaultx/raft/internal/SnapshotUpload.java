package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.SnapshotProgressListener;
import io.github.vaultx.raft.internal.access.Checks;
import java.io.IOException;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot file as a request body: streamed from the file each time it is written, so that a
 * standby's redirect can send it again, and reporting the bytes handed to the connection.
 */
final class SnapshotUpload extends RequestBody {
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private static final long STEP = 256 * 1024;

  private final Path file;
  private final long length;
  private final SnapshotProgressListener progress;

  private SnapshotUpload(Path file, long length, SnapshotProgressListener progress) {
    this.file = file;
    this.length = length;
    this.progress = progress;
  }

  /** A body for {@code source}, checked to be a readable file before any request. */
  static RequestBody of(Path source, SnapshotProgressListener progress) {
    Checks.readableFile(source, "source");
    Checks.notNull(progress, "progress");
    return new SnapshotUpload(source, source.toFile().length(), progress);
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
    long sent = 0;
    try (Source source = Okio.source(file)) {
      for (long n; (n = source.read(sink.getBuffer(), STEP)) != -1; ) {
        sink.emitCompleteSegments();
        sent += n;
        progress.bytesTransferred(sent);
      }
    }
  }
}
