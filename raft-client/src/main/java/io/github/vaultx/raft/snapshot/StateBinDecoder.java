package io.github.vaultx.raft.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Decodes {@code state.bin} without a protobuf library: a uvarint length, then a protobuf {@code
 * StorageEntry} (key = field 1, value = field 2, seal-wrap flag = field 3), repeated. Values are
 * skipped, never held; only the current key is.
 */
final class StateBinDecoder {
  /** Told each entry as it is decoded. */
  interface Keys {
    void count(String key, long valueLength, boolean sealWrap);
  }

  private static final int BUFFER = 64 * 1024;
  private static final int MAX_KEY = 1024 * 1024;

  private final InputStream in;
  private final long size;
  private final Keys keys;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int limit;

  /** Bytes of state.bin consumed so far. */
  private long offset;

  private byte[] key = new byte[256];

  /** Decodes {@code size} bytes of {@code in}, telling {@code keys} of each entry. */
  StateBinDecoder(InputStream in, long size, Keys keys) {
    this.in = in;
    this.size = size;
    this.keys = keys;
  }

  /**
   * Decodes to the end of the content, or to the first entry that does not decode.
   *
   * @return null if every entry decoded, else the problem, naming the entry and byte
   * @throws IOException if reading {@code in} fails
   */
  @Nullable String decode() throws IOException {
    long entry = 0;
    try {
      while (available()) {
        entry++;
        long start = offset;
        long length = varint("the entry length");
        if (length > size - offset) {
          throw new Malformed(
              "entry "
                  + entry
                  + " at byte "
                  + start
                  + " claims "
                  + length
                  + " bytes, past the end of state.bin");
        }
        message(offset + length);
      }
      return null;
    } catch (Malformed e) {
      String message = e.reason;
      return "state.bin does not decode: "
          + (message.startsWith("entry ") ? message : "entry " + entry + ": " + message)
          + "; keys counted up to there only";
    }
  }

  private void message(long end) throws IOException {
    int keyLength = -1;
    long valueLength = 0;
    boolean sealWrap = false;
    while (offset < end) {
      long tag = varint("a field tag");
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (field == 0) {
        throw new Malformed("field number 0 at byte " + (offset - 1));
      }
      switch (wire) {
        case 0 -> {
          long v = varint("a varint field");
          if (field == 3) {
            sealWrap = v != 0;
          }
        }
        case 1 -> skipBytes(8, end);
        case 5 -> skipBytes(4, end);
        case 2 -> {
          long length = varint("a field length");
          if (length > end - offset) {
            throw new Malformed(
                "field " + field + " at byte " + offset + " runs past the end of its entry");
          }
          if (field == 1) {
            if (length > MAX_KEY) {
              throw new Malformed("a key of " + length + " bytes at byte " + offset);
            }
            keyLength = (int) length;
            readKey(keyLength);
          } else {
            if (field == 2) {
              valueLength = length;
            }
            skipBytes(length, end);
          }
        }
        default ->
            throw new Malformed("wire type " + wire + " of field " + field + " at byte " + offset);
      }
    }
    if (offset != end) {
      throw new Malformed("an entry's last field runs past its end at byte " + end);
    }
    if (keyLength < 0) {
      throw new Malformed("an entry without a key, ending at byte " + end);
    }
    keys.count(new String(key, 0, keyLength, StandardCharsets.UTF_8), valueLength, sealWrap);
  }

  private boolean available() throws IOException {
    return pos < limit || fill();
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private int next(String what) throws IOException {
    if (pos == limit && !fill()) {
      throw new Malformed("state.bin ends inside " + what);
    }
    offset++;
    return buf[pos++] & 0xff;
  }

  private long varint(String what) throws IOException {
    long start = offset;
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = next(what);
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new Malformed(what + " at byte " + start + " is longer than a varint can be");
  }

  private void readKey(int length) throws IOException {
    if (key.length < length) {
      key = new byte[Math.max(length, key.length * 2)];
    }
    int done = 0;
    while (done < length) {
      if (pos == limit && !fill()) {
        throw new Malformed("state.bin ends inside a key");
      }
      int n = Math.min(length - done, limit - pos);
      System.arraycopy(buf, pos, key, done, n);
      pos += n;
      done += n;
      offset += n;
    }
  }

  private void skipBytes(long n, long end) throws IOException {
    if (n > end - offset) {
      throw new Malformed("a field at byte " + offset + " runs past the end of its entry");
    }
    long left = n;
    while (left > 0) {
      if (pos == limit && !fill()) {
        throw new Malformed("state.bin ends inside a value");
      }
      int step = (int) Math.min(left, limit - pos);
      pos += step;
      left -= step;
      offset += step;
    }
  }

  /** state.bin's content decoded badly; the message says where. */
  private static final class Malformed extends IOException {
    private static final long serialVersionUID = 1L;

    /** The same text as the message, which the checker cannot know is never null. */
    final String reason;

    Malformed(String message) {
      super(message);
      this.reason = message;
    }
  }
}
