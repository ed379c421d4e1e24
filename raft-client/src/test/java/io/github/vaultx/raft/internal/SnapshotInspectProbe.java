package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.snapshot.RaftSnapshots;
import io.github.vaultx.raft.snapshot.SnapshotInspection;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes large intact snapshots and inspects them in a JVM of its own, printing figures (used by
 * {@code SnapshotInspectMemoryTest} under {@code -Xmx64m} and by the benchmark).
 *
 * <pre>
 * SnapshotInspectProbe generate FILE STATE_BYTES   # an intact snapshot, values of 64 KiB
 * SnapshotInspectProbe inspect FILE                # prints bytes, seconds, MB/s, heap figures
 * SnapshotInspectProbe verify FILE [RUNS]          # RaftSnapshots.verify, the restore's check
 * </pre>
 */
public final class SnapshotInspectProbe {
  static final int VALUE = 64 * 1024;

  private SnapshotInspectProbe() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("generate")) {
      long keys = generate(Path.of(args[1]), Long.parseLong(args[2]));
      System.out.println("generated file=" + Files.size(Path.of(args[1])) + " keys=" + keys);
      return;
    }
    Path file = Path.of(args[1]);
    if (args[0].equals("verify")) {
      int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
      for (int run = 1; run <= runs; run++) {
        resetPeaks();
        long start = System.nanoTime();
        SnapshotInspection s = RaftSnapshots.verify(file);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "verify run=%d bytes=%d seconds=%.3f mbps=%.1f maxHeap=%d heapPeak=%d keys=%d%n",
            run,
            s.fileBytes(),
            seconds,
            s.fileBytes() / seconds / 1e6,
            Runtime.getRuntime().maxMemory(),
            heapPeak(),
            s.keys());
      }
      return;
    }
    resetPeaks();
    long start = System.nanoTime();
    SnapshotInspection s = RaftSnapshots.inspect(file, 2, "");
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = heapPeak();
    System.out.printf(
        "inspect bytes=%d seconds=%.3f mbps=%.1f maxHeap=%d heapPeak=%d intact=%s keys=%d"
            + " prefixes=%d%n",
        s.fileBytes(),
        seconds,
        s.fileBytes() / seconds / 1e6,
        Runtime.getRuntime().maxMemory(),
        peak,
        s.intact(),
        s.keys(),
        s.prefixes().size());
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long heapPeak() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /**
   * Writes an intact snapshot of about {@code stateBytes} of state.bin, stored uncompressed like
   * OpenBao 2.6+ writes it; returns the number of keys.
   */
  public static long generate(Path file, long stateBytes) throws IOException {
    long keys = Math.max(1, stateBytes / (VALUE + 64));
    long size = 0;
    for (long i = 0; i < keys; i++) {
      size += delimitedLength(key(i).length);
    }
    MessageDigest stateDigest = digest();
    byte[] meta =
        ("{\"Version\":1,\"ID\":\"bolt-snapshot\",\"Index\":1000,\"Term\":2,\"Peers\":null,"
                + "\"Configuration\":{\"Servers\":[{\"Suffrage\":0,\"ID\":\"node1\","
                + "\"Address\":\"127.0.0.1:8201\"}]},\"ConfigurationIndex\":1,\"Size\":"
                + size
                + "}\n")
            .getBytes(StandardCharsets.UTF_8);
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        GZIPOutputStream gzip =
            new GZIPOutputStream(raw, 1 << 16) {
              {
                def.setLevel(Deflater.NO_COMPRESSION);
              }
            }) {
      TestSnapshots.writeEntry(gzip, "meta.json", meta);
      TestSnapshots.writeHeader(gzip, "state.bin", size, (byte) '0');
      byte[] value = new byte[VALUE];
      new SplittableRandom(42).nextBytes(value);
      for (long i = 0; i < keys; i++) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] k = key(i);
        TestSnapshots.varint(head, messageLength(k.length));
        head.write(0x0a);
        TestSnapshots.varint(head, k.length);
        head.write(k, 0, k.length);
        head.write(0x12);
        TestSnapshots.varint(head, VALUE);
        byte[] h = head.toByteArray();
        value[0] = (byte) i; // every value a little different
        gzip.write(h);
        gzip.write(value);
        stateDigest.update(h);
        stateDigest.update(value);
      }
      TestSnapshots.pad(gzip, size);
      String sums =
          TestSnapshots.sha256(meta)
              + "  meta.json\n"
              + HexFormat.of().formatHex(stateDigest.digest())
              + "  state.bin\n";
      TestSnapshots.writeEntry(gzip, "SHA256SUMS", sums.getBytes(StandardCharsets.UTF_8));
      TestSnapshots.writeEntry(gzip, "SHA256SUMS.sealed", new byte[185]);
      gzip.write(new byte[1024]);
    }
    return keys;
  }

  private static byte[] key(long i) {
    return ("logical/mount-" + (i % 8) + "/bucket-" + (i % 100) + "/key-" + i)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static long messageLength(int keyLength) {
    return 1 + varintLength(keyLength) + keyLength + 1 + varintLength(VALUE) + VALUE;
  }

  private static long delimitedLength(int keyLength) {
    long m = messageLength(keyLength);
    return varintLength(m) + m;
  }

  private static int varintLength(long v) {
    int n = 1;
    while ((v >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
