package io.github.vaultx.raft;

/** Where automated snapshots are written. */
public enum AutoSnapshotStorageType {
  /** A directory on each Vault node. */
  LOCAL("local"),
  /** An Amazon S3 (or S3-compatible) bucket. */
  AWS_S3("aws-s3"),
  /** A Google Cloud Storage bucket. */
  GOOGLE_GCS("google-gcs"),
  /** An Azure Blob Storage container. */
  AZURE_BLOB("azure-blob");

  private final String wireName;

  AutoSnapshotStorageType(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Returns the name Vault uses in {@code storage_type}.
   *
   * @return for example {@code aws-s3}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the type Vault calls {@code wireName}.
   *
   * @param wireName Vault's name, for example {@code local}
   * @return the type
   * @throws IllegalArgumentException if {@code wireName} is not a storage type Vault documents
   */
  public static AutoSnapshotStorageType fromWireName(String wireName) {
    for (AutoSnapshotStorageType type : values()) {
      if (type.wireName.equals(wireName)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "storageType must be one of local, aws-s3, google-gcs or azure-blob");
  }
}
