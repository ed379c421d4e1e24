package io.github.vaultx.raft.agent;

/** A snapshot could not be stored: no room under {@code local_max_space}, or an I/O failure. */
final class SnapshotStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SnapshotStoreException(String message) {
    super(message);
  }

  SnapshotStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
