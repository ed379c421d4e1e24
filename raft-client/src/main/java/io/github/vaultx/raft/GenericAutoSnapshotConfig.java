package io.github.vaultx.raft;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An automated snapshot configuration for a storage type this client has no record for, for example
 * one a newer Vault added. Start one with {@link AutoSnapshotConfig#generic(String, Duration,
 * String)}; its own parameters are {@link #additionalParameters()}.
 *
 * @param storageType Vault's {@code storage_type}, not one of the four this client types
 * @param interval the time between snapshots ({@code interval}), whole seconds, at least one
 * @param pathPrefix the directory or object name prefix ({@code path_prefix})
 * @param retain how many snapshots to keep ({@code retain}), or null for Vault's default (1)
 * @param filePrefix the start of the names ({@code file_prefix}), or null for Vault's default
 * @param additionalParameters the storage type's own parameters, under Vault's names
 */
public record GenericAutoSnapshotConfig(
    String storageType,
    Duration interval,
    String pathPrefix,
    @Nullable Integer retain,
    @Nullable String filePrefix,
    Map<String, Object> additionalParameters)
    implements AutoSnapshotConfig {

  /**
   * Checks every value and copies the map.
   *
   * @throws IllegalArgumentException naming the parameter that breaks its rule
   */
  public GenericAutoSnapshotConfig {
    storageType = AutoSnapshotCodec.unknownStorageType(storageType);
    AutoSnapshotCodec.checkCommon(interval, pathPrefix, retain, filePrefix);
    additionalParameters = AutoSnapshotCodec.additional(storageType, additionalParameters);
  }

  /** Describes the configuration; values of additional parameters print as {@code ****}. */
  @Override
  public String toString() {
    return AutoSnapshotCodec.describe(this);
  }

  /** Builds a {@link GenericAutoSnapshotConfig}. */
  public static final class Builder
      extends AutoSnapshotConfig.Builder<Builder, GenericAutoSnapshotConfig> {

    Builder(String storageType, Duration interval, String pathPrefix) {
      super(AutoSnapshotCodec.unknownStorageType(storageType), interval, pathPrefix);
    }

    @Override
    Builder self() {
      return this;
    }

    @Override
    public GenericAutoSnapshotConfig build() {
      return new GenericAutoSnapshotConfig(
          storageType, interval, pathPrefix, retain, filePrefix, additionalParameters);
    }
  }
}
