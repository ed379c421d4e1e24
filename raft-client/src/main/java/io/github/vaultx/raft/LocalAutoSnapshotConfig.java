package io.github.vaultx.raft;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An automated snapshot configuration that writes snapshots to a directory on each Vault node
 * ({@code storage_type=local}). Start one with {@link AutoSnapshotConfig#local(Duration, String,
 * long)}.
 *
 * @param interval the time between snapshots ({@code interval}), whole seconds, at least one
 * @param pathPrefix the directory ({@code path_prefix}), not blank
 * @param localMaxSpace the most bytes the snapshots with this file prefix may take together ({@code
 *     local_max_space}), zero or more; a snapshot that does not fit fails
 * @param retain how many snapshots to keep ({@code retain}), zero or more, or null for Vault's
 *     default (1)
 * @param filePrefix the start of the file names ({@code file_prefix}), or null for Vault's default
 *     ({@code vault-snapshot})
 * @param additionalParameters parameters this client does not know, under Vault's names
 */
public record LocalAutoSnapshotConfig(
    Duration interval,
    String pathPrefix,
    long localMaxSpace,
    @Nullable Integer retain,
    @Nullable String filePrefix,
    Map<String, Object> additionalParameters)
    implements AutoSnapshotConfig {

  /**
   * Checks every value and copies the map.
   *
   * @throws IllegalArgumentException naming the parameter that breaks its rule
   */
  public LocalAutoSnapshotConfig {
    AutoSnapshotCodec.checkCommon(interval, pathPrefix, retain, filePrefix);
    localMaxSpace = AutoSnapshotCodec.notNegative(localMaxSpace, "localMaxSpace");
    additionalParameters =
        AutoSnapshotCodec.additional(StorageType.LOCAL.wireName(), additionalParameters);
  }

  @Override
  public String storageType() {
    return StorageType.LOCAL.wireName();
  }

  /** Describes the configuration; values of additional parameters print as {@code ****}. */
  @Override
  public String toString() {
    return AutoSnapshotCodec.describe(this);
  }

  /** Builds a {@link LocalAutoSnapshotConfig}. */
  public static final class Builder
      extends AutoSnapshotConfig.Builder<Builder, LocalAutoSnapshotConfig> {
    private final long localMaxSpace;

    Builder(Duration interval, String pathPrefix, long localMaxSpace) {
      super(StorageType.LOCAL.wireName(), interval, pathPrefix);
      this.localMaxSpace = AutoSnapshotCodec.notNegative(localMaxSpace, "localMaxSpace");
    }

    @Override
    Builder self() {
      return this;
    }

    @Override
    public LocalAutoSnapshotConfig build() {
      return new LocalAutoSnapshotConfig(
          interval, pathPrefix, localMaxSpace, retain, filePrefix, additionalParameters);
    }
  }
}
