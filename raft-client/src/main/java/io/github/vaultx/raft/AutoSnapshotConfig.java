package io.github.vaultx.raft;

import io.github.vaultx.raft.internal.Checks;
import io.github.vaultx.raft.internal.GoDurations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An automated snapshot configuration (Vault Enterprise), typed per storage type. Build one with
 * the factory for its storage type; parameters Vault adds later go through {@link
 * Builder#parameter(String, Object)}:
 *
 * <pre>{@code
 * AutoSnapshotConfig daily =
 *     AutoSnapshotConfig.local(Duration.ofDays(1), "/opt/vault/backups")
 *         .retain(5)
 *         .localMaxSpace(100_000)
 *         .filePrefix("vault-raft-auto-snapshot")
 *         .build();
 * }</pre>
 *
 * <p>Accessors of another storage type's parameters return null. Not a record: it may hold cloud
 * credentials, which {@link #toString()} never prints.
 */
public final class AutoSnapshotConfig {
  /** Parameters whose values are secrets. */
  private static final Set<String> SECRETS =
      Set.of(
          "aws_secret_access_key",
          "aws_session_token",
          "google_service_account_key",
          "azure_account_key");

  /** Every parameter Vault documents, by name, with the storage type it belongs to (null: all). */
  private static final Map<String, @Nullable AutoSnapshotStorageType> KNOWN = known();

  private final AutoSnapshotStorageType storageType;
  private final Duration interval;
  private final String pathPrefix;
  private final Map<String, Object> parameters;
  private final Map<String, Object> additionalParameters;

  private AutoSnapshotConfig(Builder<?> builder) {
    this.storageType = builder.storageType;
    this.interval = builder.interval;
    this.pathPrefix = builder.pathPrefix;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.parameters));
    this.additionalParameters =
        Collections.unmodifiableMap(new LinkedHashMap<>(builder.additionalParameters));
  }

  private static Map<String, @Nullable AutoSnapshotStorageType> known() {
    Map<String, @Nullable AutoSnapshotStorageType> known = new LinkedHashMap<>();
    for (String common :
        new String[] {
          "interval", "retain", "path_prefix", "file_prefix", "storage_type", "autoload_enabled"
        }) {
      known.put(common, null);
    }
    known.put("local_max_space", AutoSnapshotStorageType.LOCAL);
    known.put("aws_s3_bucket", AutoSnapshotStorageType.AWS_S3);
    known.put("aws_s3_region", AutoSnapshotStorageType.AWS_S3);
    known.put("aws_access_key_id", AutoSnapshotStorageType.AWS_S3);
    known.put("aws_secret_access_key", AutoSnapshotStorageType.AWS_S3);
    known.put("aws_session_token", AutoSnapshotStorageType.AWS_S3);
    known.put("aws_s3_endpoint", AutoSnapshotStorageType.AWS_S3);
    known.put("aws_s3_disable_tls", AutoSnapshotStorageType.AWS_S3);
    known.put("aws_s3_force_path_style", AutoSnapshotStorageType.AWS_S3);
    known.put("aws_s3_enable_kms", AutoSnapshotStorageType.AWS_S3);
    known.put("aws_s3_kms_key", AutoSnapshotStorageType.AWS_S3);
    known.put("aws_s3_server_side_encryption", AutoSnapshotStorageType.AWS_S3);
    known.put("aws_s3_ca_cert", AutoSnapshotStorageType.AWS_S3);
    known.put("google_gcs_bucket", AutoSnapshotStorageType.GOOGLE_GCS);
    known.put("google_service_account_key", AutoSnapshotStorageType.GOOGLE_GCS);
    known.put("google_endpoint", AutoSnapshotStorageType.GOOGLE_GCS);
    known.put("google_disable_tls", AutoSnapshotStorageType.GOOGLE_GCS);
    known.put("azure_container_name", AutoSnapshotStorageType.AZURE_BLOB);
    known.put("azure_account_name", AutoSnapshotStorageType.AZURE_BLOB);
    known.put("azure_account_key", AutoSnapshotStorageType.AZURE_BLOB);
    known.put("azure_blob_environment", AutoSnapshotStorageType.AZURE_BLOB);
    known.put("azure_endpoint", AutoSnapshotStorageType.AZURE_BLOB);
    known.put("azure_auth_mode", AutoSnapshotStorageType.AZURE_BLOB);
    known.put("azure_client_id", AutoSnapshotStorageType.AZURE_BLOB);
    return Collections.unmodifiableMap(known);
  }

  /**
   * Starts a configuration that writes snapshots to a directory on each Vault node.
   *
   * @param interval the time between snapshots, whole seconds, at least one second
   * @param pathPrefix the directory
   * @return a builder for the remaining parameters
   * @throws IllegalArgumentException if the directory is blank or the interval is not whole
   *     positive seconds
   */
  public static LocalBuilder local(Duration interval, String pathPrefix) {
    return new LocalBuilder(interval, pathPrefix);
  }

  /**
   * Starts a configuration that writes snapshots to Amazon S3.
   *
   * @param interval the time between snapshots, whole seconds, at least one second
   * @param pathPrefix the prefix of the object names in the bucket
   * @param bucket the bucket
   * @return a builder for the remaining parameters
   * @throws IllegalArgumentException if an argument is blank or the interval is not whole positive
   *     seconds
   */
  public static AwsS3Builder awsS3(Duration interval, String pathPrefix, String bucket) {
    AwsS3Builder builder = new AwsS3Builder(interval, pathPrefix);
    builder.put("aws_s3_bucket", Checks.notBlank(bucket, "bucket"));
    return builder;
  }

  /**
   * Starts a configuration that writes snapshots to Google Cloud Storage.
   *
   * @param interval the time between snapshots, whole seconds, at least one second
   * @param pathPrefix the prefix of the object names in the bucket
   * @param bucket the bucket
   * @return a builder for the remaining parameters
   * @throws IllegalArgumentException if an argument is blank or the interval is not whole positive
   *     seconds
   */
  public static GoogleGcsBuilder googleGcs(Duration interval, String pathPrefix, String bucket) {
    GoogleGcsBuilder builder = new GoogleGcsBuilder(interval, pathPrefix);
    builder.put("google_gcs_bucket", Checks.notBlank(bucket, "bucket"));
    return builder;
  }

  /**
   * Starts a configuration that writes snapshots to Azure Blob Storage.
   *
   * @param interval the time between snapshots, whole seconds, at least one second
   * @param pathPrefix the prefix of the object names in the bucket
   * @param containerName the container name
   * @return a builder for the remaining parameters
   * @throws IllegalArgumentException if an argument is blank or the interval is not whole positive
   *     seconds
   */
  public static AzureBlobBuilder azureBlob(
      Duration interval, String pathPrefix, String containerName) {
    AzureBlobBuilder builder = new AzureBlobBuilder(interval, pathPrefix);
    builder.put("azure_container_name", Checks.notBlank(containerName, "containerName"));
    return builder;
  }

  /**
   * Builds a configuration from Vault's parameter names, as Vault returns them or as {@code vault
   * write sys/storage/raft/snapshot-auto/config/NAME} takes them. {@code interval} may be whole
   * seconds or a Go duration; names Vault does not document become {@link #additionalParameters()}.
   *
   * @param parameters the parameters, with at least {@code storage_type}, {@code interval} and
   *     {@code path_prefix}
   * @return the configuration
   * @throws IllegalArgumentException if a required parameter is missing, the storage type is
   *     unknown or a value has the wrong type
   */
  public static AutoSnapshotConfig fromVaultParameters(Map<String, ?> parameters) {
    Checks.notNull(parameters, "parameters");
    Object type = parameters.get("storage_type");
    if (!(type instanceof String)) {
      throw new IllegalArgumentException("storage_type must be set");
    }
    AutoSnapshotStorageType storageType = AutoSnapshotStorageType.fromWireName((String) type);
    Duration interval = intervalOf(parameters.get("interval"));
    Object pathPrefix = parameters.get("path_prefix");
    Builder<?> builder =
        new GenericBuilder(
            storageType, interval, pathPrefix instanceof String ? (String) pathPrefix : "");
    for (Map.Entry<String, ?> entry : parameters.entrySet()) {
      String name = entry.getKey();
      Object value = entry.getValue();
      if (value == null
          || name.equals("storage_type")
          || name.equals("interval")
          || name.equals("path_prefix")) {
        continue;
      }
      if (!KNOWN.containsKey(name)) {
        builder.parameter(name, value);
        continue;
      }
      AutoSnapshotStorageType owner = KNOWN.get(name);
      if (owner != null && owner != storageType && isUnset(value)) {
        // Vault may echo other storage types' parameters with empty values.
        continue;
      }
      switch (name) {
        case "retain":
          builder.retain(Math.toIntExact(longOf(name, value)));
          break;
        case "local_max_space":
          builder.put(name, longOf(name, value));
          break;
        case "autoload_enabled":
        case "aws_s3_disable_tls":
        case "aws_s3_force_path_style":
        case "aws_s3_enable_kms":
        case "aws_s3_server_side_encryption":
        case "google_disable_tls":
          if (!(value instanceof Boolean)) {
            throw new IllegalArgumentException(name + " must be a boolean");
          }
          builder.put(name, value);
          break;
        default:
          if (!(value instanceof String)) {
            throw new IllegalArgumentException(name + " must be a string");
          }
          builder.put(name, value);
      }
    }
    return builder.build();
  }

  private static boolean isUnset(Object value) {
    return value.equals("")
        || value.equals(Boolean.FALSE)
        || (value instanceof Number && ((Number) value).doubleValue() == 0);
  }

  private static Duration intervalOf(@Nullable Object value) {
    if (value instanceof Number) {
      return Duration.ofSeconds(((Number) value).longValue());
    }
    if (value instanceof String) {
      return GoDurations.parse((String) value, "interval");
    }
    throw new IllegalArgumentException("interval must be set");
  }

  private static long longOf(String name, Object value) {
    try {
      if (value instanceof Number) {
        return new BigDecimal(value.toString()).longValueExact();
      }
      if (value instanceof String) {
        return Long.parseLong(((String) value).trim());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(name + " must be a whole number");
  }

  /**
   * Returns the parameters under Vault's names, as they are sent: {@code interval} as whole seconds
   * ({@code "86400s"}), then every parameter that is set, then the additional ones. The map holds
   * secret values: do not log it.
   *
   * @return an unmodifiable map in a stable order
   */
  public Map<String, Object> toVaultParameters() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("storage_type", storageType.wireName());
    all.put("interval", GoDurations.format(interval));
    all.put("path_prefix", pathPrefix);
    all.putAll(parameters);
    all.putAll(additionalParameters);
    return Collections.unmodifiableMap(all);
  }

  /**
   * Returns where snapshots are written ({@code storage_type}).
   *
   * @return the storage type
   */
  public AutoSnapshotStorageType storageType() {
    return storageType;
  }

  /**
   * Returns the time between snapshots ({@code interval}).
   *
   * @return the interval, whole seconds
   */
  public Duration interval() {
    return interval;
  }

  /**
   * Returns the directory or object name prefix ({@code path_prefix}).
   *
   * @return the prefix
   */
  public String pathPrefix() {
    return pathPrefix;
  }

  /**
   * Returns how many snapshots to keep ({@code retain}; Vault's default is 1).
   *
   * @return the number, or null when unset
   */
  public @Nullable Integer retain() {
    return (Integer) parameters.get("retain");
  }

  /**
   * Returns the file name prefix of the snapshots ({@code file_prefix}; Vault's default is {@code
   * vault-snapshot}).
   *
   * @return the prefix, or null when unset
   */
  public @Nullable String filePrefix() {
    return (String) parameters.get("file_prefix");
  }

  /**
   * Returns whether the snapshots are loaded for recovery ({@code autoload_enabled}, Vault
   * Enterprise 1.21+).
   *
   * @return the value, or null when unset
   */
  public @Nullable Boolean autoloadEnabled() {
    return (Boolean) parameters.get("autoload_enabled");
  }

  /**
   * Returns the most bytes the local snapshots may take, 0 for no limit ({@code local_max_space}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable Long localMaxSpace() {
    return (Long) parameters.get("local_max_space");
  }

  /**
   * Returns the S3 bucket ({@code aws_s3_bucket}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String awsS3Bucket() {
    return (String) parameters.get("aws_s3_bucket");
  }

  /**
   * Returns the S3 region of the bucket ({@code aws_s3_region}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String awsS3Region() {
    return (String) parameters.get("aws_s3_region");
  }

  /**
   * Returns the AWS access key id ({@code aws_access_key_id}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String awsAccessKeyId() {
    return (String) parameters.get("aws_access_key_id");
  }

  /**
   * Returns the AWS secret access key (a secret: never printed) ({@code aws_secret_access_key}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String awsSecretAccessKey() {
    return (String) parameters.get("aws_secret_access_key");
  }

  /**
   * Returns the AWS session token (a secret: never printed) ({@code aws_session_token}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String awsSessionToken() {
    return (String) parameters.get("aws_session_token");
  }

  /**
   * Returns a custom S3 endpoint, for S3-compatible stores ({@code aws_s3_endpoint}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String awsS3Endpoint() {
    return (String) parameters.get("aws_s3_endpoint");
  }

  /**
   * Returns whether to talk to the endpoint without TLS ({@code aws_s3_disable_tls}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable Boolean awsS3DisableTls() {
    return (Boolean) parameters.get("aws_s3_disable_tls");
  }

  /**
   * Returns whether to use path-style bucket addressing ({@code aws_s3_force_path_style}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable Boolean awsS3ForcePathStyle() {
    return (Boolean) parameters.get("aws_s3_force_path_style");
  }

  /**
   * Returns whether to encrypt with KMS ({@code aws_s3_enable_kms}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable Boolean awsS3EnableKms() {
    return (Boolean) parameters.get("aws_s3_enable_kms");
  }

  /**
   * Returns the KMS key id ({@code aws_s3_kms_key}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String awsS3KmsKey() {
    return (String) parameters.get("aws_s3_kms_key");
  }

  /**
   * Returns whether to use S3 server-side encryption ({@code aws_s3_server_side_encryption}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable Boolean awsS3ServerSideEncryption() {
    return (Boolean) parameters.get("aws_s3_server_side_encryption");
  }

  /**
   * Returns the CA certificate for the S3 endpoint ({@code aws_s3_ca_cert}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String awsS3CaCert() {
    return (String) parameters.get("aws_s3_ca_cert");
  }

  /**
   * Returns the GCS bucket ({@code google_gcs_bucket}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String googleGcsBucket() {
    return (String) parameters.get("google_gcs_bucket");
  }

  /**
   * Returns the service account key JSON (a secret: never printed) ({@code
   * google_service_account_key}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String googleServiceAccountKey() {
    return (String) parameters.get("google_service_account_key");
  }

  /**
   * Returns a custom GCS endpoint ({@code google_endpoint}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String googleEndpoint() {
    return (String) parameters.get("google_endpoint");
  }

  /**
   * Returns whether to talk to the endpoint without TLS ({@code google_disable_tls}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable Boolean googleDisableTls() {
    return (Boolean) parameters.get("google_disable_tls");
  }

  /**
   * Returns the Azure Blob container ({@code azure_container_name}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String azureContainerName() {
    return (String) parameters.get("azure_container_name");
  }

  /**
   * Returns the Azure storage account name ({@code azure_account_name}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String azureAccountName() {
    return (String) parameters.get("azure_account_name");
  }

  /**
   * Returns the Azure storage account key (a secret: never printed) ({@code azure_account_key}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String azureAccountKey() {
    return (String) parameters.get("azure_account_key");
  }

  /**
   * Returns the Azure cloud environment ({@code azure_blob_environment}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String azureBlobEnvironment() {
    return (String) parameters.get("azure_blob_environment");
  }

  /**
   * Returns a custom Azure Blob endpoint ({@code azure_endpoint}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String azureEndpoint() {
    return (String) parameters.get("azure_endpoint");
  }

  /**
   * Returns the authentication mode: shared, managed or environment ({@code azure_auth_mode}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String azureAuthMode() {
    return (String) parameters.get("azure_auth_mode");
  }

  /**
   * Returns the client id of a managed identity ({@code azure_client_id}).
   *
   * @return the value, or null when unset or for another storage type
   */
  public @Nullable String azureClientId() {
    return (String) parameters.get("azure_client_id");
  }

  /**
   * Returns the parameters set through {@link Builder#parameter(String, Object)}, or that Vault
   * returned without this client knowing them.
   *
   * @return an unmodifiable map from Vault's name to the value
   */
  public Map<String, Object> additionalParameters() {
    return additionalParameters;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AutoSnapshotConfig)) {
      return false;
    }
    AutoSnapshotConfig other = (AutoSnapshotConfig) o;
    return storageType == other.storageType
        && interval.equals(other.interval)
        && pathPrefix.equals(other.pathPrefix)
        && parameters.equals(other.parameters)
        && additionalParameters.equals(other.additionalParameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(storageType, interval, pathPrefix, parameters, additionalParameters);
  }

  /**
   * Describes the configuration. Secret values, and all values of additional parameters (which may
   * be secrets this client does not know about), print as {@code ****}.
   */
  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder("AutoSnapshotConfig[storage_type=")
            .append(storageType.wireName())
            .append(", interval=")
            .append(GoDurations.format(interval))
            .append(", path_prefix=")
            .append(pathPrefix);
    parameters.forEach(
        (name, value) ->
            text.append(", ")
                .append(name)
                .append('=')
                .append(SECRETS.contains(name) ? "****" : value));
    additionalParameters.keySet().forEach(name -> text.append(", ").append(name).append("=****"));
    return text.append(']').toString();
  }

  /**
   * The parameters every storage type shares; the factories of {@link AutoSnapshotConfig} return
   * the subclass for their storage type.
   *
   * @param <B> the concrete builder type, for chaining
   */
  public abstract static sealed class Builder<B extends Builder<B>>
      permits LocalBuilder, AwsS3Builder, GoogleGcsBuilder, AzureBlobBuilder, GenericBuilder {
    private final AutoSnapshotStorageType storageType;
    private final Duration interval;
    private final String pathPrefix;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Object> additionalParameters = new LinkedHashMap<>();

    Builder(AutoSnapshotStorageType storageType, Duration interval, String pathPrefix) {
      this.storageType = Checks.notNull(storageType, "storageType");
      Checks.notNull(interval, "interval");
      if (interval.getSeconds() < 1 || interval.getNano() != 0) {
        throw new IllegalArgumentException(
            "interval must be a whole number of seconds, at least one second");
      }
      this.interval = interval;
      this.pathPrefix = Checks.notBlank(pathPrefix, "pathPrefix");
    }

    abstract B self();

    final B put(String name, Object value) {
      AutoSnapshotStorageType owner = KNOWN.get(name);
      if (owner != null && owner != storageType) {
        throw new IllegalArgumentException(
            name + " does not apply to storage type " + storageType.wireName());
      }
      parameters.put(name, value);
      return self();
    }

    /**
     * Sets {@code retain}, how many snapshots to keep.
     *
     * @param count the number, zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public B retain(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("retain must not be negative");
      }
      return put("retain", count);
    }

    /**
     * Sets {@code file_prefix}, the file name prefix of the snapshots.
     *
     * @param prefix the prefix
     * @return this builder
     */
    public B filePrefix(String prefix) {
      return put("file_prefix", Checks.notBlank(prefix, "filePrefix"));
    }

    /**
     * Sets {@code autoload_enabled} (Vault Enterprise 1.21+).
     *
     * @param enabled whether the snapshots are loaded for recovery
     * @return this builder
     */
    public B autoloadEnabled(boolean enabled) {
      return put("autoload_enabled", enabled);
    }

    /**
     * Sets a parameter this client has no method for, for example one a newer Vault added. Its
     * value never prints in {@code toString()}.
     *
     * @param name Vault's parameter name
     * @param value a string, number or boolean
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or has a typed method, or the value is
     *     not a string, number or boolean
     */
    public B parameter(String name, Object value) {
      Checks.noControlCharacters(name, "name");
      if (KNOWN.containsKey(name)) {
        throw new IllegalArgumentException(
            "name " + name + " is a documented parameter: use its typed method");
      }
      Checks.notNull(value, "value");
      if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        throw new IllegalArgumentException("value must be a string, number or boolean");
      }
      additionalParameters.put(name, value);
      return self();
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public AutoSnapshotConfig build() {
      return new AutoSnapshotConfig(this);
    }
  }

  private static final class GenericBuilder extends Builder<GenericBuilder> {
    GenericBuilder(AutoSnapshotStorageType storageType, Duration interval, String pathPrefix) {
      super(storageType, interval, pathPrefix);
    }

    @Override
    GenericBuilder self() {
      return this;
    }
  }

  /** Builds a configuration for local storage. */
  public static final class LocalBuilder extends Builder<LocalBuilder> {
    private LocalBuilder(Duration interval, String pathPrefix) {
      super(AutoSnapshotStorageType.LOCAL, interval, pathPrefix);
    }

    @Override
    LocalBuilder self() {
      return this;
    }

    /**
     * Sets {@code local_max_space}: the most bytes the local snapshots may take, 0 for no limit.
     *
     * @param bytes the number of bytes, zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public LocalBuilder localMaxSpace(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("localMaxSpace must not be negative");
      }
      return put("local_max_space", bytes);
    }
  }

  /** Builds a configuration for Amazon S3. */
  public static final class AwsS3Builder extends Builder<AwsS3Builder> {
    private AwsS3Builder(Duration interval, String pathPrefix) {
      super(AutoSnapshotStorageType.AWS_S3, interval, pathPrefix);
    }

    @Override
    AwsS3Builder self() {
      return this;
    }

    /**
     * Sets {@code aws_s3_region}: the S3 region of the bucket.
     *
     * @param value the value
     * @return this builder
     */
    public AwsS3Builder region(String value) {
      return put("aws_s3_region", Checks.notBlank(value, "region"));
    }

    /**
     * Sets {@code aws_access_key_id}: the AWS access key id.
     *
     * @param value the value
     * @return this builder
     */
    public AwsS3Builder accessKeyId(String value) {
      return put("aws_access_key_id", Checks.notBlank(value, "accessKeyId"));
    }

    /**
     * Sets {@code aws_secret_access_key}: the AWS secret access key (a secret: never printed).
     *
     * @param value the value
     * @return this builder
     */
    public AwsS3Builder secretAccessKey(String value) {
      return put("aws_secret_access_key", Checks.notBlank(value, "secretAccessKey"));
    }

    /**
     * Sets {@code aws_session_token}: the AWS session token (a secret: never printed).
     *
     * @param value the value
     * @return this builder
     */
    public AwsS3Builder sessionToken(String value) {
      return put("aws_session_token", Checks.notBlank(value, "sessionToken"));
    }

    /**
     * Sets {@code aws_s3_endpoint}: a custom S3 endpoint, for S3-compatible stores.
     *
     * @param value the value
     * @return this builder
     */
    public AwsS3Builder endpoint(String value) {
      return put("aws_s3_endpoint", Checks.notBlank(value, "endpoint"));
    }

    /**
     * Sets {@code aws_s3_disable_tls}: whether to talk to the endpoint without TLS.
     *
     * @param value the value
     * @return this builder
     */
    public AwsS3Builder disableTls(boolean value) {
      return put("aws_s3_disable_tls", value);
    }

    /**
     * Sets {@code aws_s3_force_path_style}: whether to use path-style bucket addressing.
     *
     * @param value the value
     * @return this builder
     */
    public AwsS3Builder forcePathStyle(boolean value) {
      return put("aws_s3_force_path_style", value);
    }

    /**
     * Sets {@code aws_s3_enable_kms}: whether to encrypt with KMS.
     *
     * @param value the value
     * @return this builder
     */
    public AwsS3Builder enableKms(boolean value) {
      return put("aws_s3_enable_kms", value);
    }

    /**
     * Sets {@code aws_s3_kms_key}: the KMS key id.
     *
     * @param value the value
     * @return this builder
     */
    public AwsS3Builder kmsKey(String value) {
      return put("aws_s3_kms_key", Checks.notBlank(value, "kmsKey"));
    }

    /**
     * Sets {@code aws_s3_server_side_encryption}: whether to use S3 server-side encryption.
     *
     * @param value the value
     * @return this builder
     */
    public AwsS3Builder serverSideEncryption(boolean value) {
      return put("aws_s3_server_side_encryption", value);
    }

    /**
     * Sets {@code aws_s3_ca_cert}: the CA certificate for the S3 endpoint.
     *
     * @param value the value
     * @return this builder
     */
    public AwsS3Builder caCert(String value) {
      return put("aws_s3_ca_cert", Checks.notBlank(value, "caCert"));
    }
  }

  /** Builds a configuration for Google Cloud Storage. */
  public static final class GoogleGcsBuilder extends Builder<GoogleGcsBuilder> {
    private GoogleGcsBuilder(Duration interval, String pathPrefix) {
      super(AutoSnapshotStorageType.GOOGLE_GCS, interval, pathPrefix);
    }

    @Override
    GoogleGcsBuilder self() {
      return this;
    }

    /**
     * Sets {@code google_service_account_key}: the service account key JSON (a secret: never
     * printed).
     *
     * @param value the value
     * @return this builder
     */
    public GoogleGcsBuilder serviceAccountKey(String value) {
      return put("google_service_account_key", Checks.notBlank(value, "serviceAccountKey"));
    }

    /**
     * Sets {@code google_endpoint}: a custom GCS endpoint.
     *
     * @param value the value
     * @return this builder
     */
    public GoogleGcsBuilder endpoint(String value) {
      return put("google_endpoint", Checks.notBlank(value, "endpoint"));
    }

    /**
     * Sets {@code google_disable_tls}: whether to talk to the endpoint without TLS.
     *
     * @param value the value
     * @return this builder
     */
    public GoogleGcsBuilder disableTls(boolean value) {
      return put("google_disable_tls", value);
    }
  }

  /** Builds a configuration for Azure Blob Storage. */
  public static final class AzureBlobBuilder extends Builder<AzureBlobBuilder> {
    private AzureBlobBuilder(Duration interval, String pathPrefix) {
      super(AutoSnapshotStorageType.AZURE_BLOB, interval, pathPrefix);
    }

    @Override
    AzureBlobBuilder self() {
      return this;
    }

    /**
     * Sets {@code azure_account_name}: the Azure storage account name.
     *
     * @param value the value
     * @return this builder
     */
    public AzureBlobBuilder accountName(String value) {
      return put("azure_account_name", Checks.notBlank(value, "accountName"));
    }

    /**
     * Sets {@code azure_account_key}: the Azure storage account key (a secret: never printed).
     *
     * @param value the value
     * @return this builder
     */
    public AzureBlobBuilder accountKey(String value) {
      return put("azure_account_key", Checks.notBlank(value, "accountKey"));
    }

    /**
     * Sets {@code azure_blob_environment}: the Azure cloud environment.
     *
     * @param value the value
     * @return this builder
     */
    public AzureBlobBuilder blobEnvironment(String value) {
      return put("azure_blob_environment", Checks.notBlank(value, "blobEnvironment"));
    }

    /**
     * Sets {@code azure_endpoint}: a custom Azure Blob endpoint.
     *
     * @param value the value
     * @return this builder
     */
    public AzureBlobBuilder endpoint(String value) {
      return put("azure_endpoint", Checks.notBlank(value, "endpoint"));
    }

    /**
     * Sets {@code azure_auth_mode}: the authentication mode: shared, managed or environment.
     *
     * @param value the value
     * @return this builder
     */
    public AzureBlobBuilder authMode(String value) {
      return put("azure_auth_mode", Checks.notBlank(value, "authMode"));
    }

    /**
     * Sets {@code azure_client_id}: the client id of a managed identity.
     *
     * @param value the value
     * @return this builder
     */
    public AzureBlobBuilder clientId(String value) {
      return put("azure_client_id", Checks.notBlank(value, "clientId"));
    }
  }
}
