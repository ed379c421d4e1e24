package io.github.vaultx.raft;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every parameter of {@code sys/storage/raft/snapshot-auto/config} that Vault documents: the one
 * table the codec, validation and {@code toString()} read. {@code AutoSnapshotParameterTest} checks
 * it against the spec's {@code x-vault-parameters}.
 */
enum AutoSnapshotParameter {
  STORAGE_TYPE("storage_type", Kind.STRING, Scope.ALL),
  INTERVAL("interval", Kind.SECONDS, Scope.ALL),
  PATH_PREFIX("path_prefix", Kind.STRING, Scope.ALL),
  RETAIN("retain", Kind.INTEGER, Scope.ALL),
  FILE_PREFIX("file_prefix", Kind.STRING, Scope.ALL),
  AUTOLOAD_ENABLED("autoload_enabled", Kind.BOOLEAN, Scope.CLOUD),
  LOCAL_MAX_SPACE("local_max_space", Kind.LONG, Scope.LOCAL),
  AWS_S3_BUCKET("aws_s3_bucket", Kind.STRING, Scope.AWS_S3),
  AWS_S3_REGION("aws_s3_region", Kind.STRING, Scope.AWS_S3),
  AWS_ACCESS_KEY_ID("aws_access_key_id", Kind.STRING, Scope.AWS_S3),
  AWS_SECRET_ACCESS_KEY("aws_secret_access_key", Kind.SECRET, Scope.AWS_S3),
  AWS_SESSION_TOKEN("aws_session_token", Kind.SECRET, Scope.AWS_S3),
  AWS_S3_ENDPOINT("aws_s3_endpoint", Kind.STRING, Scope.AWS_S3),
  AWS_S3_DISABLE_TLS("aws_s3_disable_tls", Kind.BOOLEAN, Scope.AWS_S3),
  AWS_S3_FORCE_PATH_STYLE("aws_s3_force_path_style", Kind.BOOLEAN, Scope.AWS_S3),
  AWS_S3_ENABLE_KMS("aws_s3_enable_kms", Kind.BOOLEAN, Scope.AWS_S3),
  AWS_S3_KMS_KEY("aws_s3_kms_key", Kind.STRING, Scope.AWS_S3),
  AWS_S3_SERVER_SIDE_ENCRYPTION("aws_s3_server_side_encryption", Kind.BOOLEAN, Scope.AWS_S3),
  GOOGLE_GCS_BUCKET("google_gcs_bucket", Kind.STRING, Scope.GOOGLE_GCS),
  GOOGLE_SERVICE_ACCOUNT_KEY("google_service_account_key", Kind.SECRET, Scope.GOOGLE_GCS),
  GOOGLE_ENDPOINT("google_endpoint", Kind.STRING, Scope.GOOGLE_GCS),
  GOOGLE_DISABLE_TLS("google_disable_tls", Kind.BOOLEAN, Scope.GOOGLE_GCS),
  AZURE_CONTAINER_NAME("azure_container_name", Kind.STRING, Scope.AZURE_BLOB),
  AZURE_ACCOUNT_NAME("azure_account_name", Kind.STRING, Scope.AZURE_BLOB),
  AZURE_ACCOUNT_KEY("azure_account_key", Kind.SECRET, Scope.AZURE_BLOB),
  AZURE_AUTH_MODE("azure_auth_mode", Kind.STRING, Scope.AZURE_BLOB),
  AZURE_CLIENT_ID("azure_client_id", Kind.STRING, Scope.AZURE_BLOB),
  AZURE_BLOB_ENVIRONMENT("azure_blob_environment", Kind.STRING, Scope.AZURE_BLOB),
  AZURE_ENDPOINT("azure_endpoint", Kind.STRING, Scope.AZURE_BLOB);

  /** The value type on the wire. */
  public enum Kind {
    /** A string. */
    STRING,
    /** A string that is a credential: never printed. */
    SECRET,
    /** A boolean. */
    BOOLEAN,
    /** A 32-bit whole number. */
    INTEGER,
    /** A 64-bit whole number. */
    LONG,
    /** A duration: whole seconds, or a Go duration on input. */
    SECONDS
  }

  /** The storage types a parameter belongs to. */
  enum Scope {
    ALL(StorageType.values()),
    CLOUD(StorageType.AWS_S3, StorageType.GOOGLE_GCS, StorageType.AZURE_BLOB),
    LOCAL(StorageType.LOCAL),
    AWS_S3(StorageType.AWS_S3),
    GOOGLE_GCS(StorageType.GOOGLE_GCS),
    AZURE_BLOB(StorageType.AZURE_BLOB);

    private final List<StorageType> storageTypes;

    Scope(StorageType... storageTypes) {
      this.storageTypes = List.of(storageTypes);
    }
  }

  private final String wireName;
  private final Kind kind;
  private final Scope scope;

  AutoSnapshotParameter(String wireName, Kind kind, Scope scope) {
    this.wireName = wireName;
    this.kind = kind;
    this.scope = scope;
  }

  /** Returns Vault's name of the parameter. */
  public String wireName() {
    return wireName;
  }

  /** Returns the value type. */
  public Kind kind() {
    return kind;
  }

  /** Returns whether the value is a credential. */
  public boolean secret() {
    return kind == Kind.SECRET;
  }

  /** Returns whether every storage type has this parameter. */
  public boolean common() {
    return scope == Scope.ALL;
  }

  /** Returns whether the parameter belongs to {@code storageType}. */
  public boolean appliesTo(String storageType) {
    return StorageType.byWireName(storageType).filter(scope.storageTypes::contains).isPresent();
  }

  /** Returns the parameter Vault calls {@code wireName}, if Vault documents one. */
  public static Optional<AutoSnapshotParameter> byWireName(String wireName) {
    return Arrays.stream(values()).filter(p -> p.wireName.equals(wireName)).findFirst();
  }
}
