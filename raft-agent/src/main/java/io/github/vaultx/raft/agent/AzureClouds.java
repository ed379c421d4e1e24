package io.github.vaultx.raft.agent;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Azure clouds {@code azure_blob_environment} names, as Vault takes them (case does not
 * matter), and their blob endpoint suffixes. Apart from AzureBlobSnapshotStore so that checking a
 * configuration does not load the Azure SDK.
 */
final class AzureClouds {
  private static final Map<String, String> SUFFIXES =
      Map.of(
          "azurepubliccloud", "core.windows.net",
          "azureusgovernmentcloud", "core.usgovcloudapi.net",
          "azurechinacloud", "core.chinacloudapi.cn",
          "azuregermancloud", "core.cloudapi.de");

  static final String NAMES =
      "AzurePublicCloud, AzureUSGovernmentCloud, AzureChinaCloud, AzureGermanCloud";

  private AzureClouds() {}

  /** The blob endpoint suffix of a cloud, or null if {@code name} is none. */
  static @Nullable String suffix(String name) {
    return SUFFIXES.get(name.toLowerCase(Locale.ROOT));
  }
}
