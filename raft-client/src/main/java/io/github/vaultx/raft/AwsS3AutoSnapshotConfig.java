package io.github.vaultx.raft;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An automated snapshot configuration that writes snapshots to Amazon S3 or an S3-compatible store
 * ({@code storage_type=aws-s3}). Start one with {@link AutoSnapshotConfig#awsS3(Duration, String,
 * String, String)}. Without keys, Vault authenticates the way the AWS SDK finds credentials on the
 * node.
 *
 * @param interval the time between snapshots ({@code interval}), whole seconds, at least one
 * @param pathPrefix the prefix of the object names ({@code path_prefix})
 * @param bucket the bucket ({@code aws_s3_bucket})
 * @param region the bucket's region ({@code aws_s3_region})
 * @param retain how many snapshots to keep ({@code retain}), or null for Vault's default (1)
 * @param filePrefix the start of the object names ({@code file_prefix}), or null for Vault's
 *     default ({@code vault-snapshot})
 * @param autoloadEnabled whether Vault loads each new snapshot for recovery ({@code
 *     autoload_enabled}, Vault 1.21+), or null for Vault's default (false)
 * @param accessKeyId the access key id ({@code aws_access_key_id}), or null
 * @param secretAccessKey the secret access key ({@code aws_secret_access_key}), a credential, or
 *     null
 * @param sessionToken the session token ({@code aws_session_token}), a credential, or null
 * @param endpoint a custom endpoint ({@code aws_s3_endpoint}), for example MinIO's, or null
 * @param disableTls whether to reach the endpoint without TLS ({@code aws_s3_disable_tls}), or null
 * @param forcePathStyle whether to address the bucket as {@code endpoint/bucket} ({@code
 *     aws_s3_force_path_style}), or null
 * @param enableKms whether to encrypt with KMS ({@code aws_s3_enable_kms}), or null
 * @param kmsKey the KMS key to use with KMS ({@code aws_s3_kms_key}), or null
 * @param serverSideEncryption whether to encrypt with AES256, not with KMS ({@code
 *     aws_s3_server_side_encryption}), or null
 * @param additionalParameters parameters this client does not know, under Vault's names
 */
public record AwsS3AutoSnapshotConfig(
    Duration interval,
    String pathPrefix,
    String bucket,
    String region,
    @Nullable Integer retain,
    @Nullable String filePrefix,
    @Nullable Boolean autoloadEnabled,
    @Nullable String accessKeyId,
    @Nullable String secretAccessKey,
    @Nullable String sessionToken,
    @Nullable String endpoint,
    @Nullable Boolean disableTls,
    @Nullable Boolean forcePathStyle,
    @Nullable Boolean enableKms,
    @Nullable String kmsKey,
    @Nullable Boolean serverSideEncryption,
    Map<String, Object> additionalParameters)
    implements AutoSnapshotConfig {

  /**
   * Checks every value and copies the map.
   *
   * @throws IllegalArgumentException naming the parameter that breaks its rule
   */
  public AwsS3AutoSnapshotConfig {
    AutoSnapshotCodec.checkCommon(interval, pathPrefix, retain, filePrefix);
    bucket = AutoSnapshotCodec.text(bucket, "bucket");
    region = AutoSnapshotCodec.text(region, "region");
    accessKeyId = AutoSnapshotCodec.optionalText(accessKeyId, "accessKeyId");
    secretAccessKey = AutoSnapshotCodec.optionalText(secretAccessKey, "secretAccessKey");
    sessionToken = AutoSnapshotCodec.optionalText(sessionToken, "sessionToken");
    endpoint = AutoSnapshotCodec.optionalText(endpoint, "endpoint");
    kmsKey = AutoSnapshotCodec.optionalText(kmsKey, "kmsKey");
    if (Boolean.TRUE.equals(enableKms) && Boolean.TRUE.equals(serverSideEncryption)) {
      throw new IllegalArgumentException(
          "serverSideEncryption cannot be combined with enableKms: choose one encryption");
    }
    additionalParameters =
        AutoSnapshotCodec.additional(StorageType.AWS_S3.wireName(), additionalParameters);
  }

  @Override
  public String storageType() {
    return StorageType.AWS_S3.wireName();
  }

  /** Describes the configuration; credentials and additional parameters print as {@code ****}. */
  @Override
  public String toString() {
    return AutoSnapshotCodec.describe(this);
  }

  /** Builds an {@link AwsS3AutoSnapshotConfig}. */
  public static final class Builder
      extends AutoSnapshotConfig.CloudBuilder<Builder, AwsS3AutoSnapshotConfig> {
    private final String bucket;
    private final String region;
    private @Nullable String accessKeyId;
    private @Nullable String secretAccessKey;
    private @Nullable String sessionToken;
    private @Nullable String endpoint;
    private @Nullable Boolean disableTls;
    private @Nullable Boolean forcePathStyle;
    private @Nullable Boolean enableKms;
    private @Nullable String kmsKey;
    private @Nullable Boolean serverSideEncryption;

    Builder(Duration interval, String pathPrefix, String bucket, String region) {
      super(StorageType.AWS_S3.wireName(), interval, pathPrefix);
      this.bucket = AutoSnapshotCodec.text(bucket, "bucket");
      this.region = AutoSnapshotCodec.text(region, "region");
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets the static credentials: {@code aws_access_key_id} and {@code aws_secret_access_key}
     * (never printed).
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey the secret access key
     * @return this builder
     * @throws IllegalArgumentException if either is blank
     */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      this.accessKeyId = AutoSnapshotCodec.text(accessKeyId, "accessKeyId");
      this.secretAccessKey = AutoSnapshotCodec.text(secretAccessKey, "secretAccessKey");
      return this;
    }

    /**
     * Sets {@code aws_session_token}, for temporary credentials (never printed).
     *
     * @param value the token
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public Builder sessionToken(String value) {
      this.sessionToken = AutoSnapshotCodec.text(value, "sessionToken");
      return this;
    }

    /**
     * Sets {@code aws_s3_endpoint}, for an S3-compatible store such as MinIO.
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
     * Sets {@code aws_s3_disable_tls}: reach the endpoint without TLS (for tests).
     *
     * @param value whether to disable TLS
     * @return this builder
     */
    public Builder disableTls(boolean value) {
      this.disableTls = value;
      return this;
    }

    /**
     * Sets {@code aws_s3_force_path_style}: address the bucket as {@code endpoint/bucket}.
     *
     * @param value whether to use path-style addressing
     * @return this builder
     */
    public Builder forcePathStyle(boolean value) {
      this.forcePathStyle = value;
      return this;
    }

    /**
     * Sets {@code aws_s3_enable_kms}: encrypt with KMS.
     *
     * @param value whether to use KMS
     * @return this builder
     */
    public Builder enableKms(boolean value) {
      this.enableKms = value;
      return this;
    }

    /**
     * Sets {@code aws_s3_kms_key}, the KMS key used when KMS is enabled.
     *
     * @param value the key id
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public Builder kmsKey(String value) {
      this.kmsKey = AutoSnapshotCodec.text(value, "kmsKey");
      return this;
    }

    /**
     * Sets {@code aws_s3_server_side_encryption}: encrypt with AES256 (not with KMS).
     *
     * @param value whether to use server-side encryption
     * @return this builder
     */
    public Builder serverSideEncryption(boolean value) {
      this.serverSideEncryption = value;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException if both KMS and AES256 encryption are enabled
     */
    @Override
    public AwsS3AutoSnapshotConfig build() {
      return new AwsS3AutoSnapshotConfig(
          interval,
          pathPrefix,
          bucket,
          region,
          retain,
          filePrefix,
          autoloadEnabled,
          accessKeyId,
          secretAccessKey,
          sessionToken,
          endpoint,
          disableTls,
          forcePathStyle,
          enableKms,
          kmsKey,
          serverSideEncryption,
          additionalParameters);
    }
  }
}
