package io.github.vaultx.raft.snapshot;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads a tar stream entry by entry with constant memory: the one tar reader behind both the file
 * inspection and the download check. Understands ustar prefixes, GNU long names ({@code L}) and PAX
 * paths ({@code x}; global {@code g} headers are skipped), and GNU base-256 sizes.
 */
final class TarReader {
  static final int BLOCK = 512;

  /** Extended headers (long names, PAX records) larger than this are refused. */
  private static final int MAX_RECORD = 1024 * 1024;

  private final InputStream in;
  private final boolean checkHeaders;
  private final byte[] header = new byte[BLOCK];

  /** Content and padding of the current entry not read yet. */
  private long contentLeft;

  private long paddingLeft;
  private boolean endMarker;

  /** One entry's header. */
  record Entry(String name, byte type, long size) {
    /** Whether the entry is a regular file (type {@code 0}, or NUL in old archives). */
    boolean regular() {
      return type == '0' || type == 0;
    }

    /** The name after the last slash. */
    String baseName() {
      return name.substring(name.lastIndexOf('/') + 1);
    }
  }

  /**
   * Reads {@code in}; with {@code checkHeaders} a header whose checksum does not match throws a
   * {@link CorruptTar}.
   */
  TarReader(InputStream in, boolean checkHeaders) {
    this.in = in;
    this.checkHeaders = checkHeaders;
  }

  /**
   * Skips what is left of the current entry and returns the next one, or null at the end of the
   * archive: its end-of-archive block, or the end of the stream on a block boundary ({@link
   * #endMarkerSeen()} tells the two apart).
   *
   * @throws EOFException if the stream ends inside a header or an extended header
   * @throws CorruptTar if a header is corrupt or an extended header too large
   */
  @Nullable Entry next() throws IOException {
    skipRest();
    String longName = null;
    while (true) {
      if (!readBlock()) {
        return null;
      }
      if (isZero(header)) {
        endMarker = true;
        return null;
      }
      if (checkHeaders) {
        checkSum();
      }
      long size = size(header);
      byte type = header[156];
      if (type == 'L' || type == 'x' || type == 'g') {
        if (size > MAX_RECORD) {
          throw new CorruptTar(
              "a tar extended header is " + size + " bytes, more than a snapshot's ever are");
        }
        String record = new String(readFully((int) size), StandardCharsets.UTF_8);
        skip(padded(size) - size);
        if (type != 'g') {
          longName = type == 'L' ? record.replace("\0", "") : paxPath(record, longName);
        }
        continue;
      }
      contentLeft = size;
      paddingLeft = padded(size) - size;
      return new Entry(longName != null ? longName : name(header), type, size);
    }
  }

  /** Whether the archive ended with its end-of-archive block rather than just stopping. */
  boolean endMarkerSeen() {
    return endMarker;
  }

  /**
   * The current entry's content as a stream that ends with it; reading it to its end leaves the
   * reader at the padding, which {@link #next()} skips.
   */
  InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (contentLeft == 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, contentLeft));
        if (n < 0) {
          throw new EOFException("tar entry cut short");
        }
        contentLeft -= n;
        return n;
      }
    };
  }

  /** Reads the whole content of the current entry, which the caller checked is small. */
  byte[] readContent() throws IOException {
    byte[] content = readFully((int) contentLeft);
    contentLeft = 0;
    return content;
  }

  /** Skips what is left of the current entry's content and padding. */
  void skipRest() throws IOException {
    skip(contentLeft + paddingLeft);
    contentLeft = 0;
    paddingLeft = 0;
  }

  private boolean readBlock() throws IOException {
    int n = in.readNBytes(header, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("tar header cut short");
    }
    return true;
  }

  private byte[] readFully(int length) throws IOException {
    byte[] b = in.readNBytes(length);
    if (b.length < length) {
      throw new EOFException("tar entry cut short");
    }
    return b;
  }

  private void checkSum() throws IOException {
    String field = cString(header, 148, 8).trim();
    long stored;
    try {
      stored = field.isEmpty() ? -1 : Long.parseLong(field, 8);
    } catch (NumberFormatException e) {
      stored = -1;
    }
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
    }
    if (stored != sum) {
      throw new CorruptTar(
          "a tar header inside the archive is corrupt (checksum mismatch) after a tar header");
    }
  }

  private void skip(long n) throws IOException {
    // Not skipNBytes: GZIPInputStream skips through a 512-byte buffer, which held a 2 GiB
    // snapshot's download to about 100 MB/s. Reading in large blocks is what costs least here.
    if (n <= 0) {
      return;
    }
    byte[] buffer = new byte[(int) Math.min(64 * 1024, n)];
    long left = n;
    while (left > 0) {
      int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (r < 0) {
        throw new EOFException("tar entry cut short");
      }
      left -= r;
    }
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String name(byte[] header) {
    String name = cString(header, 0, 100);
    boolean ustar = cString(header, 257, 6).startsWith("ustar");
    String prefix = ustar ? cString(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String cString(byte[] b, int offset, int length) {
    int end = offset;
    while (end < offset + length && b[end] != 0) {
      end++;
    }
    return new String(b, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long size(byte[] header) throws IOException {
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

  private static long padded(long size) {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  private static @Nullable String paxPath(String records, @Nullable String fallback) {
    for (String line : records.split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0 && line.startsWith("path=", space + 1)) {
        return line.substring(space + 1 + "path=".length());
      }
    }
    return fallback;
  }

  /** A tar that is readable but wrong: a corrupt header, an oversized extended header. */
  static final class CorruptTar extends IOException {
    private static final long serialVersionUID = 1L;

    /** The same text as the message, which the checker cannot know is never null. */
    final String reason;

    CorruptTar(String reason) {
      super(reason);
      this.reason = reason;
    }
  }
}
