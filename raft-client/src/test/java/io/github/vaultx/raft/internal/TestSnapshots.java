package io.github.vaultx.raft.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Builds gzipped tar snapshots shaped like Vault's, writing the tar headers by hand. */
public final class TestSnapshots {
  private TestSnapshots() {}

  /**
   * A complete, intact snapshot shaped like the servers write it: meta.json, state.bin of three
   * storage entries, a matching SHA256SUMS and a non-empty SHA256SUMS.sealed.
   */
  public static byte[] complete() {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    keys.put("core/audit", "raft state bytes".repeat(20).getBytes(UTF8));
    keys.put("logical/1234/a", "value a".getBytes(UTF8));
    keys.put("sys/token/id/h1", "value b".getBytes(UTF8));
    return intact(keys);
  }

  /**
   * An intact snapshot of about {@code size} bytes: one key of random state, which does not
   * compress.
   */
  public static byte[] ofAbout(int size) {
    byte[] state = new byte[size];
    new java.util.Random(7).nextBytes(state);
    return intact(Map.of("logical/big", state));
  }

  /** An intact snapshot whose state.bin holds {@code keys} (key to value) in that order. */
  public static byte[] intact(Map<String, byte[]> keys) {
    return gzipTar(intactEntries(keys));
  }

  /** The tar entries of an intact snapshot of {@code keys}, for tests that damage one. */
  public static Map<String, byte[]> intactEntries(Map<String, byte[]> keys) {
    ByteArrayOutputStream state = new ByteArrayOutputStream();
    keys.forEach((k, v) -> writeDelimited(state, storageEntry(k, v, false)));
    byte[] stateBin = state.toByteArray();
    byte[] meta =
        ("{\"Version\":1,\"ID\":\"bolt-snapshot\",\"Index\":61,\"Term\":2,\"Peers\":null,"
                + "\"Configuration\":{\"Servers\":[{\"Suffrage\":0,\"ID\":\"node1\","
                + "\"Address\":\"127.0.0.1:8201\"}]},\"ConfigurationIndex\":1,\"Size\":"
                + stateBin.length
                + "}\n")
            .getBytes(UTF8);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("meta.json", meta);
    entries.put("state.bin", stateBin);
    entries.put(
        "SHA256SUMS",
        (sha256(meta) + "  meta.json\n" + sha256(stateBin) + "  state.bin\n").getBytes(UTF8));
    entries.put("SHA256SUMS.sealed", "sealed-hash-bytes".getBytes(UTF8));
    return entries;
  }

  /** A protobuf StorageEntry: key (1), value (2), seal_wrap (3, only when true). */
  public static byte[] storageEntry(String key, byte[] value, boolean sealWrap) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] k = key.getBytes(UTF8);
    out.write(0x0a);
    varint(out, k.length);
    out.write(k, 0, k.length);
    out.write(0x12);
    varint(out, value.length);
    out.write(value, 0, value.length);
    if (sealWrap) {
      out.write(0x18);
      out.write(1);
    }
    return out.toByteArray();
  }

  /** Writes {@code message} with its uvarint length before it, as Go's delimited writer does. */
  public static void writeDelimited(ByteArrayOutputStream out, byte[] message) {
    varint(out, message.length);
    out.write(message, 0, message.length);
  }

  /** Writes {@code value} as a protobuf uvarint. */
  public static void varint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** Lower-case hex SHA-256. */
  public static String sha256(byte[] content) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A snapshot cut before its last entry: no SHA256SUMS.sealed. */
  public static byte[] withoutSealedSums() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("meta.json", "{}".getBytes(UTF8));
    entries.put("state.bin", "raft state".getBytes(UTF8));
    entries.put("SHA256SUMS", "abc  meta.json\n".getBytes(UTF8));
    return gzipTar(entries);
  }

  /** A snapshot whose SHA256SUMS.sealed is empty. */
  public static byte[] withEmptySealedSums() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("meta.json", "{}".getBytes(UTF8));
    entries.put("SHA256SUMS.sealed", new byte[0]);
    return gzipTar(entries);
  }

  /** Gzips a tar of {@code entries}. */
  public static byte[] gzipTar(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        writeEntry(gzip, e.getKey(), e.getValue());
      }
      gzip.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Writes one regular-file entry: a ustar header block, the content, padding to 512 bytes. */
  public static void writeEntry(OutputStream out, String name, byte[] content) throws IOException {
    writeHeader(out, name, content.length, (byte) '0');
    out.write(content);
    pad(out, content.length);
  }

  /** Writes one ustar header. */
  public static void writeHeader(OutputStream out, String name, long size, byte type)
      throws IOException {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", size));
    put(h, 136, String.format("%011o", 1764324000L));
    h[156] = type;
    put(h, 257, "ustar");
    h[262] = 0;
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    out.write(h);
  }

  /** Pads {@code written} bytes of content to the next 512-byte boundary. */
  public static void pad(OutputStream out, long written) throws IOException {
    int rest = (int) (written % 512);
    if (rest != 0) {
      out.write(new byte[512 - rest]);
    }
  }

  private static void put(byte[] h, int offset, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, offset, b.length);
  }

  /**
   * Streams a complete snapshot of about {@code stateBytes} incompressible bytes to {@code out},
   * generating it on the fly (constant memory, stored deflate blocks so it is fast).
   */
  public static void streamLarge(OutputStream out, long stateBytes) throws IOException {
    GZIPOutputStream gzip =
        new GZIPOutputStream(out, 64 * 1024) {
          {
            def.setLevel(Deflater.NO_COMPRESSION);
          }
        };
    writeEntry(gzip, "meta.json", "{}".getBytes(UTF8));
    writeHeader(gzip, "state.bin", stateBytes, (byte) '0');
    byte[] chunk = new byte[64 * 1024];
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    long left = stateBytes;
    while (left > 0) {
      for (int i = 0; i < chunk.length; i += 8) {
        long r = random.nextLong();
        for (int j = 0; j < 8; j++) {
          chunk[i + j] = (byte) (r >>> (8 * j));
        }
      }
      int n = (int) Math.min(chunk.length, left);
      gzip.write(chunk, 0, n);
      left -= n;
    }
    pad(gzip, stateBytes);
    writeEntry(gzip, "SHA256SUMS.sealed", "sealed".getBytes(UTF8));
    gzip.write(new byte[1024]);
    gzip.finish();
    gzip.flush();
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
