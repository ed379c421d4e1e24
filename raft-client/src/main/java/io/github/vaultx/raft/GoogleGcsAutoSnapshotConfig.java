package io.github.vaultx.raft;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An automated snapshot configuration that writes snapshots to Google Cloud Storage ({@code
 * storage_type=google-gcs}). Start one with {@link AutoSnapshotConfig#googleGcs(Duration, String,
 * String)}. Without a service account key, Vault authenticates the way Google's SDK finds
 * credentials on the node.
 *
 * @param interval the time between snapshots ({@code interval}), whole seconds, at least one
 * @param pathPrefix the prefix of the object names ({@code path_prefix}), ending in {@code /}
 * @param bucket the bucket ({@code google_gcs_bucket})
 * @param retain how many snapshots to keep ({@code retain}), or null for Vault's default (1)
 * @param filePrefix the start of the object names ({@code file_prefix}), or null for Vault's
 *     default ({@code vault-snapshot})
 * @param autoloadEnabled whether Vault loads each new snapshot for recovery ({@code
 *     autoload_enabled}, Vault 1.21+), or null for Vault's default (false)
 * @param serviceAccountKey the service account key JSON ({@code google_service_account_key}), a
 *     credential, or null
 * @param endpoint a custom endpoint ({@code google_endpoint}), or null
 * @param disableTls whether to reach the endpoint without TLS ({@code google_disable_tls}), or null
 * @param additionalParameters parameters this client does not know, under Vault's names
 */
public record GoogleGcsAutoSnapshotConfig(
    Duration interval,
    String pathPrefix,
    String bucket,
    @Nullable Integer retain,
    @Nullable String filePrefix,
    @Nullable Boolean autoloadEnabled,
    @Nullable String serviceAccountKey,
    @Nullable String endpoint,
    @Nullable Boolean disableTls,
    Map<String, Object> additionalParameters)
    implements AutoSnapshotConfig {

  /**
   * Checks every value and copies the map.
   *
   * @throws IllegalArgumentException naming the parameter that breaks its rule
   */
  public GoogleGcsAutoSnapshotConfig {
    AutoSnapshotCodec.checkCommon(interval, pathPrefix, retain, filePrefix);
    bucket = AutoSnapshotCodec.text(bucket, "bucket");
    serviceAccountKey = AutoSnapshotCodec.optionalText(serviceAccountKey, "serviceAccountKey");
    endpoint = AutoSnapshotCodec.optionalText(endpoint, "endpoint");
    additionalParameters =
        AutoSnapshotCodec.additional(StorageType.GOOGLE_GCS.wireName(), additionalParameters);
  }

  @Override
  public String storageType() {
    return StorageType.GOOGLE_GCS.wireName();
  }

  /** Describes the configuration; the key and additional parameters print as {@code ****}. */
  @Override
  public String toString() {
    return AutoSnapshotCodec.describe(this);
  }

  /** Builds a {@link GoogleGcsAutoSnapshotConfig}. */
  public static final class Builder
      extends AutoSnapshotConfig.CloudBuilder<Builder, GoogleGcsAutoSnapshotConfig> {
    private final String bucket;
    private @Nullable String serviceAccountKey;
    private @Nullable String endpoint;
    private @Nullable Boolean disableTls;

    Builder(Duration interval, String pathPrefix, String bucket) {
      super(StorageType.GOOGLE_GCS.wireName(), interval, pathPrefix);
      this.bucket = AutoSnapshotCodec.text(bucket, "bucket");
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets {@code google_service_account_key}, the service account key JSON (never printed).
     *
     * @param value the key's JSON text
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public Builder serviceAccountKey(String value) {
      this.serviceAccountKey = AutoSnapshotCodec.text(value, "serviceAccountKey");
      return this;
    }

    /**
     * Sets {@code google_endpoint}, for a GCS-compatible store.
     *
     * @param value the endpoint
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public Builder endpoint(String value) {
      this.endpoint = AutoSnapshotCodec.text(value, "endpoint");
      return this;
    }

    /**
     * Sets {@code google_disable_tls}: reach the endpoint without TLS (for tests).
     *
     * @param value whether to disable TLS
     * @return this builder
     */
    public Builder disableTls(boolean value) {
      this.disableTls = value;
      return this;
    }

    @Override
    public GoogleGcsAutoSnapshotConfig build() {
      return new GoogleGcsAutoSnapshotConfig(
          interval,
          pathPrefix,
          bucket,
          retain,
          filePrefix,
          autoloadEnabled,
          serviceAccountKey,
          endpoint,
          disableTls,
          additionalParameters);
    }
  }
}
