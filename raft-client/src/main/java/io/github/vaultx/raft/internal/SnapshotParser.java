package io.github.vaultx.raft.internal;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import io.github.vaultx.raft.RestoreOption;
import io.github.vaultx.raft.snapshot.DamagedSnapshotException;
import io.github.vaultx.raft.snapshot.SnapshotFileCheck;
import io.github.vaultx.raft.snapshot.SnapshotInspection;
import io.github.vaultx.raft.snapshot.SnapshotKeyPrefix;
import io.github.vaultx.raft.snapshot.SnapshotServer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a snapshot file in one streaming pass: gzip, then tar, then {@code meta.json} (JSON),
 * {@code state.bin} (length-delimited protobuf storage entries, decoded here without a protobuf
 * library), {@code SHA256SUMS} and {@code SHA256SUMS.sealed}. Memory stays constant: values are
 * skipped while being hashed, only keys (bounded) and small entries are held.
 */
public final class SnapshotParser {
  static final String META = "meta.json";
  static final String STATE = "state.bin";
  static final String SUMS = "SHA256SUMS";
  static final String SEALED = "SHA256SUMS.sealed";

  private static final int BLOCK = 512;
  private static final int BUFFER = 64 * 1024;

  /** Go's reader takes at most 8 KiB of meta.json and SHA256SUMS; we allow more, not unbounded. */
  private static final int MAX_SMALL_ENTRY = 1024 * 1024;

  private static final int MAX_KEY = 1024 * 1024;
  private static final String[] SUFFRAGES = {"voter", "nonvoter", "staging"};

  private SnapshotParser() {}

  /**
   * Checks {@code source} before a restore unless the caller opted out.
   *
   * @throws DamagedSnapshotException if it is damaged
   */
  public static void verifyBeforeRestore(Path source, RestoreOption... options) {
    for (RestoreOption option : Checks.notNull(options, "options")) {
      if (option == RestoreOption.SKIP_LOCAL_VERIFICATION) {
        return;
      }
    }
    inspect(source, 0, "").requireIntact();
  }

  /**
   * Inspects {@code file}; {@code depth} 0 means no details per prefix.
   *
   * @throws DamagedSnapshotException if the file cannot be read as a snapshot at all
   */
  public static SnapshotInspection inspect(Path file, int depth, String filter) {
    Checks.readableFile(file, "file");
    String name = file.toString();
    try (InputStream raw = Files.newInputStream(file)) {
      long fileBytes = Files.size(file);
      if (fileBytes == 0) {
        throw new DamagedSnapshotException(name, List.of("the file is empty"));
      }
      return new Pass(name, fileBytes, depth, filter).run(raw);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + name + ": " + e.getMessage(), e);
    }
  }

  /** One read of one file; collects facts and problems as it goes. */
  private static final class Pass {
    private final String file;
    private final long fileBytes;
    private final int depth;
    private final String filter;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, long[]> prefixes = new HashMap<>();

    /** What is being read, for the message when the file ends early. */
    private String where = "the gzip header";

    private @Nullable String gzipProblem;

    private @Nullable Meta meta;
    private @Nullable Hashed metaHash;
    private @Nullable Hashed stateHash;
    private @Nullable Map<String, String> recorded;
    private boolean sumsSeen;
    private boolean sumsEmpty;
    private long sealedBytes = -1;
    private long keys;
    private long valueBytes;
    private long sealWrapped;

    Pass(String file, long fileBytes, int depth, String filter) {
      this.file = file;
      this.fileBytes = fileBytes;
      this.depth = depth;
      this.filter = filter;
    }

    SnapshotInspection run(InputStream raw) throws IOException {
      try {
        GZIPInputStream gzip;
        try {
          gzip = new GZIPInputStream(raw, BUFFER);
        } catch (ZipException e) {
          throw damaged("it is not a gzip file (" + e.getMessage() + ")");
        }
        where = "the tar";
        readTar(gzip);
        where = "the gzip trailer";
        // Read to the end so the gzip CRC-32 and length trailer are checked too.
        drain(gzip);
      } catch (EOFException e) {
        throw damaged("the file ends early, inside " + where + " (it is " + fileBytes + " bytes)");
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
      return result();
    }

    private void readTar(InputStream tar) throws IOException {
      byte[] header = new byte[BLOCK];
      String longName = null;
      Map<String, Integer> seen = new LinkedHashMap<>();
      while (true) {
        where = "a tar header";
        if (!SnapshotStreams.readBlock(tar, header)) {
          problems.add("the tar has no end-of-archive blocks");
          return;
        }
        if (SnapshotStreams.isZero(header)) {
          return;
        }
        checkHeader(header);
        long size = SnapshotStreams.size(header);
        byte type = header[156];
        if (type == 'L' || type == 'x' || type == 'g') {
          where = "a tar extended header";
          String record = new String(readSmall(tar, size, "a tar extended header"), UTF8);
          if (type != 'g') {
            longName =
                type == 'L' ? record.replace("\0", "") : SnapshotStreams.paxPath(record, longName);
          }
          continue;
        }
        String name = longName != null ? longName : SnapshotStreams.name(header);
        longName = null;
        where = name;
        if (type != '0' && type != 0) {
          problems.add("the tar holds " + name + ", which is not a regular file");
          SnapshotStreams.skip(tar, SnapshotStreams.padded(size));
          continue;
        }
        if (seen.merge(name, 1, Integer::sum) > 1) {
          problems.add("the tar holds " + name + " twice");
        }
        switch (name) {
          case META -> {
            byte[] content = readSmall(tar, size, META);
            metaHash = new Hashed(size, sha256(content));
            meta = parseMeta(content);
          }
          case STATE -> {
            Entry entry = new Entry(tar, size);
            new StateDecoder(entry).decode();
            entry.drain();
            stateHash = new Hashed(size, HexFormat.of().formatHex(entry.digest.digest()));
            SnapshotStreams.skip(tar, SnapshotStreams.padded(size) - size);
          }
          case SUMS -> {
            sumsSeen = true;
            String text = new String(readSmall(tar, size, SUMS), UTF8);
            sumsEmpty = text.isBlank();
            recorded = sumsEmpty ? null : parseSums(text);
          }
          case SEALED -> {
            sealedBytes = size;
            SnapshotStreams.skip(tar, SnapshotStreams.padded(size));
          }
          default -> {
            problems.add("the tar holds an unexpected file " + name + " (Vault refuses it)");
            SnapshotStreams.skip(tar, SnapshotStreams.padded(size));
          }
        }
      }
    }

    private SnapshotInspection result() {
      Meta meta = this.meta;
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
      if (meta.size != stateHash.bytes) {
        problems.add(
            "meta.json records a state.bin of "
                + meta.size
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
          fileBytes,
          meta.id,
          meta.index,
          meta.term,
          meta.version,
          meta.size,
          meta.configurationIndex,
          meta.servers,
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
        problems.add(
            name + " has SHA-256 " + hashed.sha256 + " but SHA256SUMS records " + expected);
      }
      return new SnapshotFileCheck(name, hashed.bytes, expected, hashed.sha256);
    }

    private @Nullable Map<String, String> parseSums(String text) {
      Map<String, String> sums = new LinkedHashMap<>();
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        if (line.isEmpty() && i == lines.length - 1) {
          break;
        }
        int gap = line.indexOf("  ");
        String hash = gap < 0 ? "" : line.substring(0, gap).toLowerCase(java.util.Locale.ROOT);
        String name = gap < 0 ? "" : line.substring(gap + 2);
        if (!hash.matches("[0-9a-f]{64}") || name.isEmpty()) {
          problems.add("SHA256SUMS line " + (i + 1) + " is not '<sha256>  <file>'");
          return null;
        }
        if (!name.equals(META) && !name.equals(STATE)) {
          problems.add("SHA256SUMS lists " + name + ", which Vault does not expect");
        }
        sums.put(name, hash);
      }
      return sums;
    }

    private @Nullable Meta parseMeta(byte[] content) {
      String id = null;
      long index = 0;
      long term = 0;
      int version = 0;
      long size = 0;
      long configurationIndex = 0;
      List<SnapshotServer> servers = List.of();
      try (JsonReader json = JsonReader.of(new Buffer().write(content))) {
        json.beginObject();
        while (json.hasNext()) {
          switch (json.nextName()) {
            case "Version" -> version = json.nextInt();
            case "ID" -> id = json.nextString();
            case "Index" -> index = json.nextLong();
            case "Term" -> term = json.nextLong();
            case "ConfigurationIndex" -> configurationIndex = json.nextLong();
            case "Size" -> size = json.nextLong();
            case "Configuration" -> servers = servers(json);
            default -> json.skipValue();
          }
        }
        json.endObject();
      } catch (JsonDataException | JsonEncodingException | EOFException e) {
        problems.add("meta.json is not the Raft snapshot metadata (" + e.getMessage() + ")");
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (id == null) {
        problems.add("meta.json has no ID");
        return null;
      }
      return new Meta(id, index, term, version, size, configurationIndex, servers);
    }

    private static List<SnapshotServer> servers(JsonReader json) throws IOException {
      List<SnapshotServer> servers = new ArrayList<>();
      if (json.peek() == JsonReader.Token.NULL) {
        json.nextNull();
        return servers;
      }
      json.beginObject();
      while (json.hasNext()) {
        if (!json.nextName().equals("Servers") || json.peek() == JsonReader.Token.NULL) {
          json.skipValue();
          continue;
        }
        json.beginArray();
        while (json.hasNext()) {
          String id = "";
          String address = "";
          String suffrage = "voter";
          json.beginObject();
          while (json.hasNext()) {
            switch (json.nextName()) {
              case "ID" -> id = json.nextString();
              case "Address" -> address = json.nextString();
              case "Suffrage" -> {
                int s = json.nextInt();
                suffrage = s >= 0 && s < SUFFRAGES.length ? SUFFRAGES[s] : String.valueOf(s);
              }
              default -> json.skipValue();
            }
          }
          json.endObject();
          servers.add(new SnapshotServer(id, address, suffrage));
        }
        json.endArray();
      }
      json.endObject();
      return servers;
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

    private byte[] readSmall(InputStream tar, long size, String what) throws IOException {
      if (size > MAX_SMALL_ENTRY) {
        throw damaged(what + " is " + size + " bytes, more than a snapshot's ever are");
      }
      byte[] content = new byte[(int) size];
      readFully(tar, content, content.length);
      SnapshotStreams.skip(tar, SnapshotStreams.padded(size) - size);
      return content;
    }

    private void checkHeader(byte[] header) throws IOException {
      String field = SnapshotStreams.cString(header, 148, 8).trim();
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
        throw damaged(
            "a tar header inside the archive is corrupt (checksum mismatch) after " + where);
      }
    }

    DamagedSnapshotException damaged(String problem) {
      List<String> all = new ArrayList<>(problems);
      all.add(problem);
      return new DamagedSnapshotException(file, all);
    }

    /** Decodes state.bin: a uvarint length, then a protobuf StorageEntry, repeated. */
    private final class StateDecoder {
      private final Entry in;
      private final byte[] buf = new byte[BUFFER];
      private int pos;
      private int limit;

      /** Bytes of state.bin consumed so far. */
      private long offset;

      private byte[] key = new byte[256];

      StateDecoder(Entry in) {
        this.in = in;
      }

      void decode() throws IOException {
        long entry = 0;
        try {
          while (available()) {
            entry++;
            long start = offset;
            long length = varint("the entry length");
            if (length > in.size - offset) {
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
        } catch (Malformed e) {
          String message = e.reason;
          problems.add(
              "state.bin does not decode: "
                  + (message.startsWith("entry ") ? message : "entry " + entry + ": " + message)
                  + "; keys counted up to there only");
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
                throw new Malformed(
                    "wire type " + wire + " of field " + field + " at byte " + offset);
          }
        }
        if (offset != end) {
          throw new Malformed("an entry's last field runs past its end at byte " + end);
        }
        if (keyLength < 0) {
          throw new Malformed("an entry without a key, ending at byte " + end);
        }
        count(new String(key, 0, keyLength, UTF8), valueLength, sealWrap);
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
    }
  }

  /** The part of meta.json we report. */
  private record Meta(
      String id,
      long index,
      long term,
      int version,
      long size,
      long configurationIndex,
      List<SnapshotServer> servers) {}

  private record Hashed(long bytes, String sha256) {}

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

  /** A tar entry's content: at most {@code size} bytes, hashed as they are read. */
  private static final class Entry extends InputStream {
    private final InputStream tar;
    private final long size;
    private long left;
    final MessageDigest digest = newDigest();

    Entry(InputStream tar, long size) {
      this.tar = tar;
      this.size = size;
      this.left = size;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = tar.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("state.bin cut short");
      }
      digest.update(b, off, n);
      left -= n;
      return n;
    }

    void drain() throws IOException {
      byte[] scratch = new byte[BUFFER];
      while (read(scratch, 0, scratch.length) > 0) {
        // hashing is the point
      }
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

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  private static void readFully(InputStream in, byte[] b, int length) throws IOException {
    if (in.readNBytes(b, 0, length) < length) {
      throw new EOFException("tar entry cut short");
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] scratch = new byte[BUFFER];
    while (in.read(scratch, 0, scratch.length) >= 0) {
      // reaching the end checks the trailer
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
