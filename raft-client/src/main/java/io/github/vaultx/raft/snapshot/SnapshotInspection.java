package io.github.vaultx.raft.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * What a snapshot file holds, read offline by {@link RaftSnapshots}: the Raft metadata from {@code
 * meta.json}, the hashes of {@code meta.json} and {@code state.bin}, whether the seal-encrypted
 * hashes are present, how many storage keys {@code state.bin} holds, and every problem found.
 *
 * <p>Only the server can open {@code SHA256SUMS.sealed} (it is encrypted by the seal); a client can
 * check that it is present and not empty, and that the plain {@code SHA256SUMS} matches.
 *
 * @param file the file as the caller named it
 * @param fileBytes the file's length in bytes
 * @param id the snapshot ID from {@code meta.json} (Vault and OpenBao write {@code bolt-snapshot})
 * @param index the Raft index the snapshot was taken at
 * @param term the Raft term the snapshot was taken in
 * @param version the snapshot format version
 * @param size the length of {@code state.bin} that {@code meta.json} records
 * @param configurationIndex the Raft index of the configuration below
 * @param servers the Raft configuration in the snapshot
 * @param metaJson {@code meta.json}: recorded and computed SHA-256
 * @param stateBin {@code state.bin}: recorded and computed SHA-256
 * @param sealedSumsPresent whether the tar holds a non-empty {@code SHA256SUMS.sealed}
 * @param keys the number of storage entries in {@code state.bin} (all of them, whatever the filter)
 * @param valueBytes the total size of their values
 * @param sealWrappedKeys how many of them carry the seal-wrap flag
 * @param prefixes keys and bytes per key prefix, sorted by prefix; empty unless details were asked
 *     for
 * @param problems what is wrong with the file, in the order found; empty for an intact snapshot
 */
public record SnapshotInspection(
    String file,
    long fileBytes,
    String id,
    long index,
    long term,
    int version,
    long size,
    long configurationIndex,
    List<SnapshotServer> servers,
    SnapshotFileCheck metaJson,
    SnapshotFileCheck stateBin,
    boolean sealedSumsPresent,
    long keys,
    long valueBytes,
    long sealWrappedKeys,
    List<SnapshotKeyPrefix> prefixes,
    List<String> problems) {

  /**
   * Checks the components and copies the lists.
   *
   * @param file the file as the caller named it
   * @param fileBytes the file's length in bytes
   * @param id the snapshot ID
   * @param index the Raft index
   * @param term the Raft term
   * @param version the snapshot format version
   * @param size the recorded length of {@code state.bin}
   * @param configurationIndex the Raft index of the configuration
   * @param servers the Raft configuration
   * @param metaJson {@code meta.json}'s hashes
   * @param stateBin {@code state.bin}'s hashes
   * @param sealedSumsPresent whether a non-empty {@code SHA256SUMS.sealed} is present
   * @param keys the number of storage entries
   * @param valueBytes the total size of their values
   * @param sealWrappedKeys how many carry the seal-wrap flag
   * @param prefixes keys and bytes per prefix
   * @param problems what is wrong
   */
  public SnapshotInspection {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(id, "id");
    servers = List.copyOf(servers);
    Objects.requireNonNull(metaJson, "metaJson");
    Objects.requireNonNull(stateBin, "stateBin");
    prefixes = List.copyOf(prefixes);
    problems = List.copyOf(problems);
  }

  /**
   * Whether no problem was found: both hashes match {@code SHA256SUMS}, {@code SHA256SUMS.sealed}
   * is present, and every entry of {@code state.bin} decodes.
   *
   * @return true for an intact snapshot
   */
  public boolean intact() {
    return problems.isEmpty();
  }

  /**
   * Throws if a problem was found.
   *
   * @return this inspection, when intact
   * @throws DamagedSnapshotException listing the problems
   */
  public SnapshotInspection requireIntact() {
    if (!intact()) {
      throw new DamagedSnapshotException(file, problems);
    }
    return this;
  }
}
