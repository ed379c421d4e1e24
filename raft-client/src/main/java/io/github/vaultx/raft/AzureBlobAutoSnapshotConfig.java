package io.github.vaultx.raft;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An automated snapshot configuration that writes snapshots to Azure Blob Storage ({@code
 * storage_type=azure-blob}). Start one with {@link AutoSnapshotConfig#azureBlob(Duration, String,
 * String)}.
 *
 * @param interval the time between snapshots ({@code interval}), whole seconds, at least one
 * @param pathPrefix the prefix of the blob names ({@code path_prefix}), ending in {@code /}
 * @param containerName the container ({@code azure_container_name})
 * @param retain how many snapshots to keep ({@code retain}), or null for Vault's default (1)
 * @param filePrefix the start of the blob names ({@code file_prefix}), or null for Vault's default
 *     ({@code vault-snapshot})
 * @param autoloadEnabled whether Vault loads each new snapshot for recovery ({@code
 *     autoload_enabled}, Vault 1.21+), or null for Vault's default (false)
 * @param accountName the storage account ({@code azure_account_name}), or null
 * @param authMode how Vault authenticates ({@code azure_auth_mode}): {@code shared} (account key),
 *     {@code managed} (managed identity) or {@code environment} ({@code AZURE_*} variables), or
 *     null
 * @param accountKey the account key for {@code shared} ({@code azure_account_key}), a credential,
 *     or null
 * @param clientId the managed identity's client id for {@code managed} ({@code azure_client_id}),
 *     or null
 * @param blobEnvironment the Azure cloud ({@code azure_blob_environment}), or null
 * @param endpoint a custom endpoint ({@code azure_endpoint}), for example Azurite's, or null
 * @param additionalParameters parameters this client does not know, under Vault's names
 */
public record AzureBlobAutoSnapshotConfig(
    Duration interval,
    String pathPrefix,
    String containerName,
    @Nullable Integer retain,
    @Nullable String filePrefix,
    @Nullable Boolean autoloadEnabled,
    @Nullable String accountName,
    @Nullable String authMode,
    @Nullable String accountKey,
    @Nullable String clientId,
    @Nullable String blobEnvironment,
    @Nullable String endpoint,
    Map<String, Object> additionalParameters)
    implements AutoSnapshotConfig {

  /**
   * Checks every value and copies the map.
   *
   * @throws IllegalArgumentException naming the parameter that breaks its rule
   */
  public AzureBlobAutoSnapshotConfig {
    AutoSnapshotCodec.checkCommon(interval, pathPrefix, retain, filePrefix);
    containerName = AutoSnapshotCodec.text(containerName, "containerName");
    accountName = AutoSnapshotCodec.optionalText(accountName, "accountName");
    authMode = AutoSnapshotCodec.optionalText(authMode, "authMode");
    accountKey = AutoSnapshotCodec.optionalText(accountKey, "accountKey");
    clientId = AutoSnapshotCodec.optionalText(clientId, "clientId");
    blobEnvironment = AutoSnapshotCodec.optionalText(blobEnvironment, "blobEnvironment");
    endpoint = AutoSnapshotCodec.optionalText(endpoint, "endpoint");
    additionalParameters =
        AutoSnapshotCodec.additional(StorageType.AZURE_BLOB.wireName(), additionalParameters);
  }

  @Override
  public String storageType() {
    return StorageType.AZURE_BLOB.wireName();
  }

  /** Describes the configuration; the key and additional parameters print as {@code ****}. */
  @Override
  public String toString() {
    return AutoSnapshotCodec.describe(this);
  }

  /** Builds an {@link AzureBlobAutoSnapshotConfig}. */
  public static final class Builder
      extends AutoSnapshotConfig.CloudBuilder<Builder, AzureBlobAutoSnapshotConfig> {
    private final String containerName;
    private @Nullable String accountName;
    private @Nullable String authMode;
    private @Nullable String accountKey;
    private @Nullable String clientId;
    private @Nullable String blobEnvironment;
    private @Nullable String endpoint;

    Builder(Duration interval, String pathPrefix, String containerName) {
      super(StorageType.AZURE_BLOB.wireName(), interval, pathPrefix);
      this.containerName = AutoSnapshotCodec.text(containerName, "containerName");
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Authenticates with the account key: {@code azure_auth_mode=shared}, {@code
     * azure_account_name} and {@code azure_account_key} (never printed).
     *
     * @param accountName the storage account
     * @param accountKey the account key
     * @return this builder
     * @throws IllegalArgumentException if either is blank
     */
    public Builder sharedKey(String accountName, String accountKey) {
      this.authMode = "shared";
      this.accountName = AutoSnapshotCodec.text(accountName, "accountName");
      this.accountKey = AutoSnapshotCodec.text(accountKey, "accountKey");
      return this;
    }

    /**
     * Authenticates with a managed identity: {@code azure_auth_mode=managed}, {@code
     * azure_account_name} and {@code azure_client_id}.
     *
     * @param accountName the storage account
     * @param clientId the managed identity's client id
     * @return this builder
     * @throws IllegalArgumentException if either is blank
     */
    public Builder managedIdentity(String accountName, String clientId) {
      this.authMode = "managed";
      this.accountName = AutoSnapshotCodec.text(accountName, "accountName");
      this.clientId = AutoSnapshotCodec.text(clientId, "clientId");
      return this;
    }

    /**
     * Authenticates from the node's {@code AZURE_*} variables: {@code azure_auth_mode=environment}.
     *
     * @param accountName the storage account
     * @return this builder
     * @throws IllegalArgumentException if {@code accountName} is blank
     */
    public Builder environmentCredentials(String accountName) {
      this.authMode = "environment";
      this.accountName = AutoSnapshotCodec.text(accountName, "accountName");
      return this;
    }

    /**
     * Sets {@code azure_blob_environment}, the Azure cloud.
     *
     * @param value for example {@code AzurePublicCloud}
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public Builder blobEnvironment(String value) {
      this.blobEnvironment = AutoSnapshotCodec.text(value, "blobEnvironment");
      return this;
    }

    /**
     * Sets {@code azure_endpoint}, for example Azurite's.
     *
     * @param value the endpoint
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public Builder endpoint(String value) {
      this.endpoint = AutoSnapshotCodec.text(value, "endpoint");
      return this;
    }

    @Override
    public AzureBlobAutoSnapshotConfig build() {
      return new AzureBlobAutoSnapshotConfig(
          interval,
          pathPrefix,
          containerName,
          retain,
          filePrefix,
          autoloadEnabled,
          accountName,
          authMode,
          accountKey,
          clientId,
          blobEnvironment,
          endpoint,
          additionalParameters);
    }
  }
}
