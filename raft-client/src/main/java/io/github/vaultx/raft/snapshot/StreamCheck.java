package io.github.vaultx.raft.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The check a snapshot stream allows as its bytes pass, the one Vault's own client makes on a
 * download: a complete gzip stream over a tar that holds a non-empty {@code SHA256SUMS.sealed}.
 */
final class StreamCheck {
  private StreamCheck() {}

  /**
   * Reads {@code snapshot} to its end, bytes after the gzip stream included (so that a caller
   * hashing the stream sees all of it), and returns null if it is complete, else why not. A failure
   * of the stream while the gzip and tar are read is reported as a problem of the snapshot: the
   * caller tells its own failures apart.
   *
   * @throws IOException if reading the bytes after the gzip stream fails
   */
  static @Nullable String problem(InputStream snapshot) throws IOException {
    String problem = null;
    try {
      GZIPInputStream gzip = new GZIPInputStream(snapshot, 64 * 1024);
      TarReader tar = new TarReader(gzip, false);
      boolean found = false;
      for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
        if (entry.regular() && entry.baseName().equals(SnapshotReader.SEALED) && entry.size() > 0) {
          found = true;
        }
      }
      // Read the rest of the gzip stream so its CRC and length trailer are checked too.
      SnapshotReader.drain(gzip);
      if (!found) {
        problem = "its tar holds no non-empty " + SnapshotReader.SEALED;
      }
    } catch (IOException e) {
      problem = "it is not a complete gzipped tar (" + e.getClass().getSimpleName() + ")";
    }
    // Whatever the gzip reader left unread still belongs to the stream.
    SnapshotReader.drain(snapshot);
    return problem;
  }
}
