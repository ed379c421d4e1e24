package io.github.vaultx.raft.agent;

import io.github.vaultx.raft.SnapshotProgressListener;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the object stores (S3, GCS, Azure) share: the download lands in a local staging file, is
 * verified, and only then uploaded by the subclass under {@code <path_prefix>/<file_prefix>-<unix
 * seconds>.snap}; retention lists the names of this configuration's snapshots, oldest first.
 */
abstract class CloudSnapshotStore implements SnapshotStore {
  private final String scheme;
  private final String bucket;
  final String keyPrefix;
  private final Pattern stored;
  private final Path stagingDirectory;

  /**
   * @param scheme how the status names a stored snapshot: {@code s3}, {@code gs}, {@code azure}
   * @param bucket the bucket or container
   */
  CloudSnapshotStore(
      String scheme, String bucket, String pathPrefix, String filePrefix, Path stagingDirectory) {
    this.scheme = scheme;
    this.bucket = bucket;
    this.keyPrefix = keyPrefix(pathPrefix);
    this.stored = Pattern.compile(Pattern.quote(filePrefix) + "-(\\d+)\\.snap");
    this.stagingDirectory = stagingDirectory;
  }

  /** Vault's {@code path_prefix} as the start of an object name: no leading slash, one trailing. */
  static String keyPrefix(String pathPrefix) {
    String prefix = pathPrefix;
    while (prefix.startsWith("/")) {
      prefix = prefix.substring(1);
    }
    return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
  }

  /**
   * Uploads the verified file as {@code key}: the object becomes visible only once all of it
   * arrived; on any failure nothing is visible under {@code key}.
   */
  abstract void upload(Path file, String key) throws IOException;

  /** The names of every object under {@link #keyPrefix}. */
  abstract List<String> list();

  abstract void delete(String key);

  /** The address the status reports for {@code key}. */
  final String url(String key) {
    return scheme + "://" + bucket + "/" + key;
  }

  @Override
  public void prepare() {
    try {
      Files.createDirectories(stagingDirectory);
    } catch (IOException e) {
      throw new SnapshotStoreException(
          "cannot create the staging directory " + stagingDirectory, e);
    }
  }

  @Override
  public SnapshotProgressListener reserve() {
    return SnapshotProgressListener.NONE; // local_max_space is for storage_type local only
  }

  @Override
  public Path staging(String fileName) {
    return stagingDirectory.resolve(stagingName(fileName));
  }

  private String stagingName(String fileName) {
    return stagingPrefix() + fileName + ".partial";
  }

  private String stagingPrefix() {
    return "." + scheme + "-" + bucket + "-";
  }

  @Override
  public final String store(Path staging, String fileName) {
    String key = keyPrefix + fileName;
    try {
      if (Files.size(staging) == 0) {
        throw new IOException("the snapshot is empty"); // verification refuses one; never store it
      }
      upload(staging, key);
      return url(key);
    } catch (IOException | RuntimeException e) {
      throw new SnapshotStoreException("cannot upload " + url(key) + ": " + message(e), e);
    } finally {
      deleteQuietly(staging);
    }
  }

  private static String message(Exception e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.strip();
  }

  @Override
  public List<String> prune(int retain) {
    List<String> keys = snapshots();
    List<String> deleted = new ArrayList<>();
    for (int i = 0; i < keys.size() - retain; i++) {
      String key = keys.get(i);
      try {
        delete(key);
      } catch (RuntimeException e) {
        throw new SnapshotStoreException("cannot delete the old snapshot " + url(key), e);
      }
      deleted.add(key);
    }
    return deleted;
  }

  /** The names of this configuration's snapshots, oldest first. */
  List<String> snapshots() {
    List<String> keys = new ArrayList<>();
    List<String> all;
    try {
      all = list();
    } catch (RuntimeException e) {
      throw new SnapshotStoreException("cannot list " + url(keyPrefix) + ": " + message(e), e);
    }
    for (String key : all) {
      if (isSnapshot(key)) {
        keys.add(key);
      }
    }
    keys.sort(Comparator.comparingLong(this::seconds).thenComparing(Comparator.naturalOrder()));
    return keys;
  }

  /** Whether {@code key} names one of this configuration's snapshots. */
  final boolean isSnapshot(String key) {
    return key.startsWith(keyPrefix) && stored.matcher(key.substring(keyPrefix.length())).matches();
  }

  private long seconds(String key) {
    Matcher m = stored.matcher(key.substring(keyPrefix.length()));
    if (!m.matches()) {
      throw new IllegalStateException("not a snapshot of this store: " + key);
    }
    try {
      return Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public double percentOfMaxSpaceUsed() {
    return Double.NaN; // local_max_space is for storage_type local only
  }

  /**
   * Removes the staging files a killed agent left. An upload it left unfinished is no object: GCS
   * drops an unfinalised resumable upload after a week, Azure uncommitted blocks after seven days;
   * S3 keeps an unfinished multipart upload, which {@link S3SnapshotStore} aborts.
   */
  @Override
  public void removeLeftovers() {
    String prefix = stagingPrefix();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(stagingDirectory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.startsWith(prefix) && name.endsWith(".partial")) {
          deleteQuietly(file);
        }
      }
    } catch (IOException e) {
      throw new SnapshotStoreException("cannot list the staging directory " + stagingDirectory, e);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A staging file never looks like a stored snapshot; the next start removes it.
    }
  }
}
