package io.github.vaultx.raft;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The storage types Vault documents for automated snapshots: the one place their {@code
 * storage_type} values are written. The records, their builders, the codec and the parameter table
 * name them through this enum; {@code StorageTypeDocsTest} checks the spec and the documents that
 * list them.
 */
enum StorageType {
  LOCAL("local"),
  AWS_S3("aws-s3"),
  GOOGLE_GCS("google-gcs"),
  AZURE_BLOB("azure-blob");

  private final String wireName;

  StorageType(String wireName) {
    this.wireName = wireName;
  }

  /** Returns Vault's {@code storage_type} value. */
  String wireName() {
    return wireName;
  }

  /** Returns every {@code storage_type} value, in Vault's documentation order. */
  static List<String> wireNames() {
    return Arrays.stream(values()).map(StorageType::wireName).toList();
  }

  /** Returns the storage type Vault calls {@code wireName}, if Vault documents one. */
  static Optional<StorageType> byWireName(String wireName) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
  }
}
