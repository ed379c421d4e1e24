package io.github.vaultx.raft.snapshot;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Inspects a snapshot file in one streaming pass: gzip, then the tar ({@link TarReader}), handing
 * each entry to its reader ({@link MetaJson}, {@link StateBinDecoder}, {@link Sha256Sums}) and
 * collecting facts and problems into a {@link SnapshotInspection}. Memory stays constant: values
 * are skipped while being hashed, only keys (bounded) and small entries are held.
 */
final class SnapshotReader {
  static final String META = "meta.json";
  static final String STATE = "state.bin";
  static final String SUMS = "SHA256SUMS";
  static final String SEALED = "SHA256SUMS.sealed";

  private static final int BUFFER = 64 * 1024;

  /** Go's reader takes at most 8 KiB of meta.json and SHA256SUMS; we allow more, not unbounded. */
  private static final int MAX_SMALL_ENTRY = 1024 * 1024;

  private final String file;

  /** The file's length, or for a stream the bytes read so far (all of them once it ended). */
  private final LongSupplier fileBytes;

  private final int depth;
  private final String filter;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, long[]> prefixes = new HashMap<>();

  /** What is being read, for the message when the file ends early. */
  private String where = "the gzip header";

  private @Nullable String gzipProblem;

  private @Nullable MetaJson meta;
  private @Nullable Hashed metaHash;
  private @Nullable Hashed stateHash;
  private @Nullable Map<String, String> recorded;
  private boolean sumsSeen;
  private boolean sumsEmpty;
  private long sealedBytes = -1;
  private long keys;
  private long valueBytes;
  private long sealWrapped;

  private SnapshotReader(String file, LongSupplier fileBytes, int depth, String filter) {
    this.file = file;
    this.fileBytes = fileBytes;
    this.depth = depth;
    this.filter = filter;
  }

  /**
   * Inspects {@code file}, a readable regular file; {@code depth} 0 means no details per prefix.
   *
   * @throws DamagedSnapshotException if the file cannot be read as a snapshot at all
   */
  static SnapshotInspection inspect(Path file, int depth, String filter) {
    String name = file.toString();
    try (InputStream raw = Files.newInputStream(file)) {
      long fileBytes = Files.size(file);
      if (fileBytes == 0) {
        throw new DamagedSnapshotException(name, List.of("the file is empty"));
      }
      return new SnapshotReader(name, () -> fileBytes, depth, filter).read(raw);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Inspects a stream, read to its end and not closed, without details per prefix; {@code name}
   * names it in problems, as a file's name does.
   *
   * @throws DamagedSnapshotException if the stream cannot be read as a snapshot at all
   */
  static SnapshotInspection inspect(InputStream raw, String name) {
    Counted counted = new Counted(raw);
    try {
      return new SnapshotReader(name, counted::count, 0, "").read(counted);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + name + ": " + e.getMessage(), e);
    }
  }

  private SnapshotInspection read(InputStream raw) throws IOException {
    try {
      GZIPInputStream gzip;
      try {
        gzip = new GZIPInputStream(raw, BUFFER);
      } catch (ZipException e) {
        throw damaged("it is not a gzip file (" + e.getMessage() + ")");
      }
      where = "the tar";
      readTar(new TarReader(gzip, true));
      where = "the gzip trailer";
      // Read to the end so the gzip CRC-32 and length trailer are checked too.
      drain(gzip);
    } catch (EOFException e) {
      long length = fileBytes.getAsLong();
      throw damaged(
          length == 0
              ? "the file is empty"
              : "the file ends early, inside " + where + " (it is " + length + " bytes)");
    } catch (TarReader.CorruptTar e) {
      throw damaged(e.reason);
    } catch (ZipException e) {
      // Stored (uncompressed) gzip, as OpenBao 2.6+ writes, reveals a changed byte only in the
      // CRC-32 at the very end: report it beside the hashes, which say which file changed.
      String problem =
          "Corrupt GZIP trailer".equals(e.getMessage())
              ? "the gzip trailer's CRC-32 or length does not match the content"
              : "the gzip stream is corrupt inside " + where + " (" + e.getMessage() + ")";
      if (meta == null || stateHash == null) {
        throw damaged(problem);
      }
      gzipProblem = problem;
    }
    // Whatever the gzip reader left unread (bytes after its stream) still belongs to the input, as
    // in StreamCheck: a stream's length is then all of it.
    drain(raw);
    return result();
  }

  private void readTar(TarReader tar) throws IOException {
    Map<String, Integer> seen = new LinkedHashMap<>();
    while (true) {
      where = "a tar header";
      TarReader.Entry entry = tar.next();
      if (entry == null) {
        if (!tar.endMarkerSeen()) {
          problems.add("the tar has no end-of-archive blocks");
        }
        return;
      }
      String name = entry.name();
      where = name;
      if (!entry.regular()) {
        problems.add("the tar holds " + name + ", which is not a regular file");
        continue;
      }
      if (seen.merge(name, 1, Integer::sum) > 1) {
        problems.add("the tar holds " + name + " twice");
      }
      switch (name) {
        case META -> {
          byte[] content = readSmall(tar, entry);
          metaHash = new Hashed(entry.size(), sha256(content));
          meta = MetaJson.parse(content, problems);
        }
        case STATE -> {
          MessageDigest digest = newDigest();
          InputStream content = new DigestInputStream(tar.content(), digest);
          String problem = new StateBinDecoder(content, entry.size(), this::count).decode();
          if (problem != null) {
            problems.add(problem);
          }
          drain(content); // hashing the rest is the point
          stateHash = new Hashed(entry.size(), HexFormat.of().formatHex(digest.digest()));
        }
        case SUMS -> {
          sumsSeen = true;
          String text = new String(readSmall(tar, entry), StandardCharsets.UTF_8);
          sumsEmpty = text.isBlank();
          recorded = sumsEmpty ? null : Sha256Sums.parse(text, problems);
        }
        case SEALED -> sealedBytes = entry.size();
        default -> problems.add("the tar holds an unexpected file " + name + " (Vault refuses it)");
      }
      tar.skipRest();
    }
  }

  private SnapshotInspection result() {
    MetaJson meta = this.meta;
    Hashed metaHash = this.metaHash;
    Hashed stateHash = this.stateHash;
    // metaHash is set before meta, so a meta without its hash cannot happen.
    if (meta == null || metaHash == null || stateHash == null) {
      List<String> missing = new ArrayList<>(problems);
      if (meta == null) {
        missing.add(metaHash == null ? "the tar holds no meta.json" : "meta.json is unusable");
      }
      if (stateHash == null) {
        missing.add("the tar holds no state.bin");
      }
      throw new DamagedSnapshotException(file, missing);
    }
    if (meta.size() != stateHash.bytes) {
      problems.add(
          "meta.json records a state.bin of "
              + meta.size()
              + " bytes but the tar holds "
              + stateHash.bytes);
    }
    SnapshotFileCheck metaCheck = check(META, metaHash);
    SnapshotFileCheck stateCheck = check(STATE, stateHash);
    if (sealedBytes < 0) {
      problems.add("the tar holds no SHA256SUMS.sealed (Vault refuses such a snapshot)");
    } else if (sealedBytes == 0) {
      problems.add("SHA256SUMS.sealed is empty (Vault refuses such a snapshot)");
    }
    if (gzipProblem != null) {
      problems.add(gzipProblem);
    }
    List<SnapshotKeyPrefix> byPrefix = new ArrayList<>();
    new TreeMap<>(prefixes)
        .forEach((p, counts) -> byPrefix.add(new SnapshotKeyPrefix(p, counts[0], counts[1])));
    return new SnapshotInspection(
        file,
        fileBytes.getAsLong(),
        meta.id(),
        meta.index(),
        meta.term(),
        meta.version(),
        meta.size(),
        meta.configurationIndex(),
        meta.servers(),
        metaCheck,
        stateCheck,
        sealedBytes > 0,
        keys,
        valueBytes,
        sealWrapped,
        byPrefix,
        problems);
  }

  /** Compares one file's hash with SHA256SUMS, noting a problem when they differ. */
  private SnapshotFileCheck check(String name, Hashed hashed) {
    String expected = recorded == null ? null : recorded.get(name);
    if (!sumsSeen) {
      if (name.equals(META)) {
        problems.add("the tar holds no SHA256SUMS: meta.json and state.bin cannot be checked");
      }
    } else if (sumsEmpty) {
      if (name.equals(META)) {
        problems.add("SHA256SUMS is empty: meta.json and state.bin cannot be checked");
      }
    } else if (recorded != null && expected == null) {
      problems.add("SHA256SUMS records no hash for " + name);
    } else if (expected != null && !expected.equals(hashed.sha256)) {
      problems.add(name + " has SHA-256 " + hashed.sha256 + " but SHA256SUMS records " + expected);
    }
    return new SnapshotFileCheck(name, hashed.bytes, expected, hashed.sha256);
  }

  private void count(String key, long valueLength, boolean sealWrap) {
    keys++;
    valueBytes += valueLength;
    if (sealWrap) {
      sealWrapped++;
    }
    if (depth > 0 && key.startsWith(filter)) {
      long[] counts = prefixes.computeIfAbsent(prefix(key, depth), p -> new long[2]);
      counts[0]++;
      counts[1] += valueLength;
    }
  }

  private byte[] readSmall(TarReader tar, TarReader.Entry entry) throws IOException {
    if (entry.size() > MAX_SMALL_ENTRY) {
      throw damaged(
          entry.name() + " is " + entry.size() + " bytes, more than a snapshot's ever are");
    }
    return tar.readContent();
  }

  private DamagedSnapshotException damaged(String problem) {
    List<String> all = new ArrayList<>(problems);
    all.add(problem);
    return new DamagedSnapshotException(file, all);
  }

  private record Hashed(long bytes, String sha256) {}

  /** Counts the bytes read from a stream, whose length is not known before its end. */
  private static final class Counted extends FilterInputStream {
    private long count;

    Counted(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void close() {
      // The caller's stream: closing it is the caller's business.
    }
  }

  /** The first {@code depth} segments of {@code key} with their slash, or the whole key. */
  static String prefix(String key, int depth) {
    int at = -1;
    for (int i = 0; i < depth; i++) {
      at = key.indexOf('/', at + 1);
      if (at < 0) {
        return key;
      }
    }
    return key.substring(0, at + 1);
  }

  private static String sha256(byte[] content) {
    return HexFormat.of().formatHex(newDigest().digest(content));
  }

  /** Reads {@code in} to its end in large blocks (the gzip trailer is checked at the end). */
  static void drain(InputStream in) throws IOException {
    byte[] scratch = new byte[BUFFER];
    while (in.read(scratch, 0, scratch.length) >= 0) {
      // reaching the end is the point
    }
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
