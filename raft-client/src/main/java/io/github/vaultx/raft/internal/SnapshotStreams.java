package io.github.vaultx.raft.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Copies a snapshot stream to its destination while checking, with constant memory, that it is a
 * gzipped tar holding a non-empty {@code SHA256SUMS.sealed} entry (the check Vault's own Go client
 * makes).
 */
final class SnapshotStreams {
  static final String SEALED_SUMS = "SHA256SUMS.sealed";
  private static final int BLOCK = 512;
  private static final int MAX_NAME_RECORD = 64 * 1024;

  private SnapshotStreams() {}

  /** What a copy produced. */
  public record Result(long bytes, String sha256, boolean complete, String problem) {}

  /**
   * Copies {@code raw} to {@code out} and verifies it. Failures of {@code raw} (the network) and of
   * {@code out} (the disk) propagate as {@link IOException}s; a body that is not a complete
   * snapshot gives a result with {@code complete == false}.
   */
  public static Result copyAndVerify(InputStream raw, OutputStream out) throws IOException {
    return copyAndVerify(raw, out, bytes -> {});
  }

  /**
   * Copies {@code raw} to {@code out} on the calling thread while another thread hashes and
   * verifies the same bytes (see {@link SnapshotPipeline}); {@code progress} is told the bytes
   * written so far after each block.
   */
  public static Result copyAndVerify(InputStream raw, OutputStream out, LongConsumer progress)
      throws IOException {
    return SnapshotPipeline.copyAndVerify(raw, out, progress);
  }

  /** What {@link #verify} found: whether the snapshot is complete, and if not, why. */
  record Verdict(boolean complete, String problem) {}

  /**
   * Reads {@code snapshot} to its end and checks that it is a gzipped tar holding a non-empty
   * {@code SHA256SUMS.sealed}, with a valid gzip trailer. Bytes after the gzip stream are read too,
   * so that a caller hashing the stream sees all of it. An {@link IOException} of the stream itself
   * is reported as a problem of the snapshot: the caller tells its own failures apart.
   */
  static Verdict verify(InputStream snapshot) throws IOException {
    boolean found;
    String problem = "";
    try {
      GZIPInputStream gzip = new GZIPInputStream(snapshot, 64 * 1024);
      found = containsNonEmpty(gzip, SEALED_SUMS);
      // Read the rest of the gzip stream so its CRC and length trailer are checked too.
      gzip.transferTo(OutputStream.nullOutputStream());
      if (!found) {
        problem = "its tar holds no non-empty " + SEALED_SUMS;
      }
    } catch (IOException e) {
      found = false;
      problem = "it is not a complete gzipped tar (" + e.getClass().getSimpleName() + ")";
    }
    // Whatever the gzip reader left unread still belongs to the body.
    snapshot.transferTo(OutputStream.nullOutputStream());
    return new Verdict(found, problem);
  }

  /**
   * Reads tar headers from {@code tar}, skipping content, and reports whether an entry whose base
   * name is {@code wanted} has content. Understands ustar prefixes, GNU long names and PAX paths.
   */
  static boolean containsNonEmpty(InputStream tar, String wanted) throws IOException {
    byte[] header = new byte[BLOCK];
    boolean found = false;
    String longName = null;
    while (readBlock(tar, header)) {
      if (isZero(header)) {
        return found;
      }
      long size = size(header);
      byte type = header[156];
      if (type == 'L' || type == 'x') {
        String record = readRecord(tar, size);
        longName = type == 'L' ? record : paxPath(record, longName);
        continue;
      }
      String name = longName != null ? longName : name(header);
      longName = null;
      String base = name.substring(name.lastIndexOf('/') + 1);
      if ((type == '0' || type == 0) && base.equals(wanted) && size > 0) {
        found = true;
      }
      skip(tar, padded(size));
    }
    return found;
  }

  static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("tar header cut short");
    }
    return true;
  }

  static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  static String name(byte[] header) {
    String name = cString(header, 0, 100);
    boolean ustar = cString(header, 257, 6).startsWith("ustar");
    String prefix = ustar ? cString(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  static String cString(byte[] b, int offset, int length) {
    int end = offset;
    while (end < offset + length && b[end] != 0) {
      end++;
    }
    return new String(b, offset, end - offset, StandardCharsets.UTF_8);
  }

  static long size(byte[] header) throws IOException {
    if ((header[124] & 0x80) != 0) {
      // GNU base-256: big-endian binary in the remaining bytes.
      long size = 0;
      for (int i = 125; i < 136; i++) {
        size = (size << 8) | (header[i] & 0xff);
      }
      return size;
    }
    String octal = cString(header, 124, 12).trim();
    if (octal.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(octal, 8);
    } catch (NumberFormatException e) {
      throw new IOException("malformed tar entry size");
    }
  }

  static long padded(long size) {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  private static String readRecord(InputStream in, long size) throws IOException {
    if (size > MAX_NAME_RECORD) {
      skip(in, padded(size));
      return "";
    }
    byte[] content = in.readNBytes((int) size);
    if (content.length < size) {
      throw new EOFException("tar record cut short");
    }
    skip(in, padded(size) - size);
    return cString(content, 0, content.length);
  }

  static @Nullable String paxPath(String records, @Nullable String fallback) {
    for (String line : records.split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0 && line.startsWith("path=", space + 1)) {
        return line.substring(space + 1 + "path=".length());
      }
    }
    return fallback;
  }

  static void skip(InputStream in, long n) throws IOException {
    // Not skipNBytes: GZIPInputStream skips through a 512-byte buffer, which held a 2 GiB
    // snapshot's download to about 100 MB/s. Reading in large blocks is what costs least here.
    byte[] buffer = new byte[(int) Math.min(64 * 1024, Math.max(n, 1))];
    long left = n;
    while (left > 0) {
      int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (r < 0) {
        throw new EOFException("tar entry cut short");
      }
      left -= r;
    }
  }
}
