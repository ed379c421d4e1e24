package io.github.vaultx.raft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The cluster's temporary folder (one sub-folder per node, plus the TLS files): created on start,
 * deleted on close unless the system property {@code vaultx.cluster.keep=true} keeps it for a look
 * at the logs and data.
 */
final class ClusterFolder {
  static final String KEEP_PROPERTY = "vaultx.cluster.keep";

  private final Path root;

  private ClusterFolder(Path root) {
    this.root = root;
  }

  static ClusterFolder create() {
    try {
      return new ClusterFolder(Files.createTempDirectory("vaultx-raft-cluster-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
  }

  Path root() {
    return root;
  }

  Path node(int index) {
    return root.resolve("node-" + index);
  }

  Path tls() {
    return root.resolve("tls");
  }

  void delete() {
    if (Boolean.getBoolean(KEEP_PROPERTY)) {
      System.err.println(KEEP_PROPERTY + ": leaving " + root);
      return;
    }
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e)
                throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      System.err.println("could not delete " + root + ": " + e);
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
