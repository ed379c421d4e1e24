package io.github.vaultx.raft;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An automated snapshot configuration (Vault Enterprise): one record per storage type Vault
 * documents, and {@link GenericAutoSnapshotConfig} for a storage type this client does not know.
 * Start one with the factory for its storage type; the factory takes the parameters Vault requires,
 * the builder the optional ones:
 *
 * <pre>{@code
 * AutoSnapshotConfig daily =
 *     AutoSnapshotConfig.local(Duration.ofDays(1), "/opt/vault/backups", 100_000)
 *         .retain(5)
 *         .filePrefix("vault-raft-auto-snapshot")
 *         .build();
 * }</pre>
 *
 * <p>Optional parameters left unset are null and are not sent, so Vault applies its default.
 * Parameters Vault returns that this client does not know are kept in {@link
 * #additionalParameters()} and sent back when the configuration is written. {@code toString()}
 * prints no credential and no value of an additional parameter (it may be one).
 */
public sealed interface AutoSnapshotConfig
    permits LocalAutoSnapshotConfig,
        AwsS3AutoSnapshotConfig,
        GoogleGcsAutoSnapshotConfig,
        AzureBlobAutoSnapshotConfig,
        GenericAutoSnapshotConfig {

  /**
   * Starts a configuration that writes snapshots to a directory on each Vault node.
   *
   * @param interval the time between snapshots, whole seconds, at least one second
   * @param pathPrefix the directory
   * @param localMaxSpace the most bytes the snapshots may take together ({@code local_max_space})
   * @return a builder for the optional parameters
   * @throws IllegalArgumentException if an argument breaks its rule (see {@link
   *     LocalAutoSnapshotConfig})
   */
  static LocalAutoSnapshotConfig.Builder local(
      Duration interval, String pathPrefix, long localMaxSpace) {
    return new LocalAutoSnapshotConfig.Builder(interval, pathPrefix, localMaxSpace);
  }

  /**
   * Starts a configuration that writes snapshots to Amazon S3 (or an S3-compatible store).
   *
   * @param interval the time between snapshots, whole seconds, at least one second
   * @param pathPrefix the prefix of the object names in the bucket
   * @param bucket the bucket ({@code aws_s3_bucket})
   * @param region the bucket's region ({@code aws_s3_region})
   * @return a builder for the optional parameters
   * @throws IllegalArgumentException if an argument is blank or the interval breaks its rule
   */
  static AwsS3AutoSnapshotConfig.Builder awsS3(
      Duration interval, String pathPrefix, String bucket, String region) {
    return new AwsS3AutoSnapshotConfig.Builder(interval, pathPrefix, bucket, region);
  }

  /**
   * Starts a configuration that writes snapshots to Google Cloud Storage.
   *
   * @param interval the time between snapshots, whole seconds, at least one second
   * @param pathPrefix the prefix of the object names, ending in {@code /}
   * @param bucket the bucket ({@code google_gcs_bucket})
   * @return a builder for the optional parameters
   * @throws IllegalArgumentException if an argument is blank or the interval breaks its rule
   */
  static GoogleGcsAutoSnapshotConfig.Builder googleGcs(
      Duration interval, String pathPrefix, String bucket) {
    return new GoogleGcsAutoSnapshotConfig.Builder(interval, pathPrefix, bucket);
  }

  /**
   * Starts a configuration that writes snapshots to Azure Blob Storage.
   *
   * @param interval the time between snapshots, whole seconds, at least one second
   * @param pathPrefix the prefix of the blob names, ending in {@code /}
   * @param containerName the container ({@code azure_container_name})
   * @return a builder for the optional parameters
   * @throws IllegalArgumentException if an argument is blank or the interval breaks its rule
   */
  static AzureBlobAutoSnapshotConfig.Builder azureBlob(
      Duration interval, String pathPrefix, String containerName) {
    return new AzureBlobAutoSnapshotConfig.Builder(interval, pathPrefix, containerName);
  }

  /**
   * Starts a configuration for a storage type this client has no record for, for example one a
   * newer Vault added; its own parameters go through {@link Builder#parameter(String, Object)}.
   *
   * @param storageType Vault's {@code storage_type}
   * @param interval the time between snapshots, whole seconds, at least one second
   * @param pathPrefix the directory or object name prefix
   * @return a builder for the optional parameters
   * @throws IllegalArgumentException if an argument is blank, the interval breaks its rule, or the
   *     storage type has a typed factory
   */
  static GenericAutoSnapshotConfig.Builder generic(
      String storageType, Duration interval, String pathPrefix) {
    return new GenericAutoSnapshotConfig.Builder(storageType, interval, pathPrefix);
  }

  /**
   * Builds a configuration from Vault's parameter map, as Vault returns it or as {@code vault write
   * sys/storage/raft/snapshot-auto/config/NAME key=value...} takes it. Values may be typed or text
   * ({@code "true"}, {@code "5"}); {@code interval} may be whole seconds, a Go duration or whole
   * days ({@code 1d}). Names this client does not know are kept as additional parameters.
   *
   * @param parameters the parameters, with at least {@code storage_type}, {@code interval}, {@code
   *     path_prefix} and the ones the storage type requires
   * @return the configuration, typed by its storage type
   * @throws IllegalArgumentException naming the parameter if one is missing or has the wrong type
   */
  static AutoSnapshotConfig fromVaultParameters(Map<String, ?> parameters) {
    return AutoSnapshotCodec.fromWire(parameters);
  }

  /**
   * Returns where snapshots are written ({@code storage_type}).
   *
   * @return Vault's name, for example {@code local} or {@code aws-s3}
   */
  String storageType();

  /**
   * Returns the time between snapshots ({@code interval}).
   *
   * @return whole seconds, at least one
   */
  Duration interval();

  /**
   * Returns the directory or object name prefix ({@code path_prefix}).
   *
   * @return the prefix
   */
  String pathPrefix();

  /**
   * Returns how many snapshots to keep ({@code retain}; Vault's default is 1).
   *
   * @return the number, or null when unset
   */
  @Nullable Integer retain();

  /**
   * Returns the file name prefix of the snapshots ({@code file_prefix}; Vault's default is {@code
   * vault-snapshot}).
   *
   * @return the prefix, or null when unset
   */
  @Nullable String filePrefix();

  /**
   * Returns the parameters this client has no accessor for, under Vault's names.
   *
   * @return an unmodifiable map, in the order given
   */
  Map<String, Object> additionalParameters();

  /**
   * Returns the parameters under Vault's names, as they are sent: {@code storage_type}, {@code
   * interval} in whole seconds, {@code path_prefix}, every other parameter that is set, then the
   * additional ones. The map holds credentials: do not log it.
   *
   * @return an unmodifiable map in a stable order
   */
  default Map<String, Object> toVaultParameters() {
    return AutoSnapshotCodec.toWire(this);
  }

  /**
   * Returns {@link #toVaultParameters()} with the values of credentials and of additional
   * parameters replaced by {@code ****}: safe to print or log.
   *
   * @return an unmodifiable map in a stable order
   */
  default Map<String, Object> toRedactedVaultParameters() {
    return AutoSnapshotCodec.redacted(this);
  }

  /**
   * The optional parameters every storage type has; each storage type's builder adds its own.
   *
   * @param <B> the concrete builder, for chaining
   * @param <C> the configuration it builds
   */
  abstract sealed class Builder<B extends Builder<B, C>, C extends AutoSnapshotConfig>
      permits LocalAutoSnapshotConfig.Builder, CloudBuilder, GenericAutoSnapshotConfig.Builder {
    final String storageType;
    final Duration interval;
    final String pathPrefix;
    @Nullable Integer retain;
    @Nullable String filePrefix;
    final Map<String, Object> additionalParameters = new LinkedHashMap<>();

    Builder(String storageType, Duration interval, String pathPrefix) {
      this.storageType = storageType;
      this.interval = AutoSnapshotCodec.interval(interval);
      this.pathPrefix = AutoSnapshotCodec.text(pathPrefix, "pathPrefix");
    }

    abstract B self();

    /**
     * Sets {@code retain}, how many snapshots to keep; older ones are deleted.
     *
     * @param count the number, zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public B retain(int count) {
      this.retain = AutoSnapshotCodec.retain(count);
      return self();
    }

    /**
     * Sets {@code file_prefix}, the start of the snapshots' file or object names.
     *
     * @param prefix the prefix
     * @return this builder
     * @throws IllegalArgumentException if {@code prefix} is blank
     */
    public B filePrefix(String prefix) {
      this.filePrefix = AutoSnapshotCodec.text(prefix, "filePrefix");
      return self();
    }

    /**
     * Sets a parameter this client has no method for, for example one a newer Vault added. Its
     * value never prints in {@code toString()}.
     *
     * @param name Vault's parameter name
     * @param value a string, number or boolean
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or has a typed method for this storage
     *     type, or the value is not a string, number or boolean
     */
    public B parameter(String name, Object value) {
      AutoSnapshotCodec.checkAdditional(storageType, name, value);
      additionalParameters.put(name, value);
      return self();
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public abstract C build();
  }

  /**
   * The optional parameters every cloud storage type has.
   *
   * @param <B> the concrete builder, for chaining
   * @param <C> the configuration it builds
   */
  abstract sealed class CloudBuilder<B extends CloudBuilder<B, C>, C extends AutoSnapshotConfig>
      extends Builder<B, C>
      permits AwsS3AutoSnapshotConfig.Builder,
          GoogleGcsAutoSnapshotConfig.Builder,
          AzureBlobAutoSnapshotConfig.Builder {
    @Nullable Boolean autoloadEnabled;

    CloudBuilder(String storageType, Duration interval, String pathPrefix) {
      super(storageType, interval, pathPrefix);
    }

    /**
     * Sets {@code autoload_enabled}: Vault loads each new snapshot, ready for recovery (Vault
     * 1.21+; for one configuration at a time).
     *
     * @param value whether to load
     * @return this builder
     */
    public B autoloadEnabled(boolean value) {
      this.autoloadEnabled = value;
      return self();
    }
  }
}
