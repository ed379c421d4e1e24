package io.github.vaultx.raft.agent;

import io.github.vaultx.raft.SnapshotProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code storage_type=local}: snapshots named {@code <file_prefix>-<unix seconds>.snap} in the
 * {@code path_prefix} directory, at most {@code local_max_space} bytes together. A download is
 * written to {@code .<name>.partial} in the same directory, forced to disk, then renamed, so a
 * crash at any moment leaves either no snapshot or a complete one.
 */
final class LocalSnapshotStore implements SnapshotStore {
  private static final String PARTIAL = ".partial";

  private final Path directory;
  private final String filePrefix;
  private final long maxSpace;
  private final Pattern stored;

  LocalSnapshotStore(Path directory, String filePrefix, long maxSpace) {
    this.directory = directory;
    this.filePrefix = filePrefix;
    this.maxSpace = maxSpace;
    this.stored = Pattern.compile(Pattern.quote(filePrefix) + "-(\\d+)\\.snap");
  }

  /** Creates the directory if it is missing, as Vault does for a local configuration. */
  @Override
  public void prepare() {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new SnapshotStoreException("cannot create the directory " + directory, e);
    }
    if (!Files.isWritable(directory)) {
      throw new SnapshotStoreException("the directory " + directory + " is not writable");
    }
  }

  @Override
  public SnapshotProgressListener reserve() {
    long used = used();
    long room = maxSpace - used;
    if (room <= 0) {
      throw new SnapshotStoreException(noRoom(used));
    }
    return bytes -> {
      if (bytes > room) {
        throw new SnapshotStoreException(
            noRoom(used) + ": the snapshot outgrew " + room + " bytes");
      }
    };
  }

  private String noRoom(long used) {
    return "local_max_space of "
        + maxSpace
        + " bytes is not enough: the stored snapshots of file_prefix "
        + filePrefix
        + " take "
        + used;
  }

  @Override
  public Path staging(String fileName) {
    return directory.resolve("." + fileName + PARTIAL);
  }

  @Override
  public String store(Path staging, String fileName) {
    Path target = directory.resolve(fileName);
    try {
      if (Files.exists(target)) {
        throw new SnapshotStoreException(target + " exists already");
      }
      try (FileChannel file = FileChannel.open(staging, StandardOpenOption.WRITE)) {
        file.force(true);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
        // The rename itself must survive a crash, or the snapshot is stored only in memory.
        dir.force(true);
      }
      return target.toString();
    } catch (IOException e) {
      throw new SnapshotStoreException("cannot store " + target + ": " + e, e);
    } finally {
      deleteQuietly(staging);
    }
  }

  @Override
  public List<String> prune(int retain) {
    List<Path> snapshots = snapshots();
    List<String> deleted = new ArrayList<>();
    for (int i = 0; i < snapshots.size() - retain; i++) {
      Path oldest = snapshots.get(i);
      try {
        Files.deleteIfExists(oldest);
        deleted.add(oldest.getFileName().toString());
      } catch (IOException e) {
        throw new SnapshotStoreException("cannot delete the old snapshot " + oldest, e);
      }
    }
    return deleted;
  }

  @Override
  public double percentOfMaxSpaceUsed() {
    return 100.0 * used() / maxSpace;
  }

  @Override
  public void removeLeftovers() {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".")
            && name.endsWith(PARTIAL)
            && stored.matcher(name.substring(1, name.length() - PARTIAL.length())).matches()) {
          deleteQuietly(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  /** The stored snapshots of this file prefix, oldest first. */
  List<Path> snapshots() {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (stored.matcher(entry.getFileName().toString()).matches()
            && Files.isRegularFile(entry)) {
          found.add(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
    found.sort(Comparator.comparingLong(this::seconds).thenComparing(Path::getFileName));
    return found;
  }

  private long seconds(Path snapshot) {
    Matcher m = stored.matcher(snapshot.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalStateException("not a snapshot of this store: " + snapshot);
    }
    try {
      return Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE; // more digits than a long: a name this agent did not write
    }
  }

  private long used() {
    long total = 0;
    for (Path snapshot : snapshots()) {
      try {
        total += Files.size(snapshot);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the size of " + snapshot, e);
      }
    }
    return total;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing more can be done; a staging file never looks like a stored snapshot.
    }
  }
}
