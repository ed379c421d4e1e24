package io.github.vaultx.raft.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.VaultRaftClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the GCS and Azure stores decide without a server: refusals, addresses, names, checksums. */
class CloudSnapshotStoresTest {
  @TempDir Path dir;

  private static AutoSnapshotConfig config(String json) {
    return AgentConfigFile.parse("{\"c\": " + json + "}", "agent.json").get("c");
  }

  private static final String GCS =
      "{\"storage_type\":\"google-gcs\",\"interval\":60,\"path_prefix\":\"v/\","
          + "\"google_gcs_bucket\":\"b\"";
  private static final String AZURE =
      "{\"storage_type\":\"azure-blob\",\"interval\":60,\"path_prefix\":\"v/\","
          + "\"azure_container_name\":\"c\"";

  @Test
  void unsupported_withEverySdkPresent_acceptsGcsAndAzureConfigurations() {
    assertThat(
            RaftSnapshotAgent.Builder.unsupported(
                "c",
                config(GCS + ",\"google_endpoint\":\"h:1\",\"google_disable_tls\":true}"),
                name -> true))
        .isEmpty();
    assertThat(
            RaftSnapshotAgent.Builder.unsupported(
                "c",
                config(
                    AZURE
                        + ",\"azure_account_name\":\"a\",\"azure_account_key\":\"k\","
                        + "\"azure_auth_mode\":\"shared\",\"azure_blob_environment\":"
                        + "\"AzureChinaCloud\"}"),
                name -> true))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"storage_type":"google-gcs","interval":60,"path_prefix":"v/","google_gcs_bucket":"b"} | storage_type google-gcs needs com.google.cloud:google-cloud-storage on the class path
          {"storage_type":"azure-blob","interval":60,"path_prefix":"v/","azure_container_name":"c","azure_account_name":"a","azure_account_key":"k"} | storage_type azure-blob needs com.azure:azure-storage-blob
          {"storage_type":"aws-s3","interval":60,"path_prefix":"v/","aws_s3_bucket":"b","aws_s3_region":"r"} | storage_type aws-s3 needs software.amazon.awssdk:s3 and software.amazon.awssdk:url-connection-client
          """)
  void unsupported_withoutTheSdk_namesTheMissingArtifact(String json, String message) {
    assertThat(RaftSnapshotAgent.Builder.unsupported("c", config(json), name -> false))
        .singleElement()
        .satisfies(problem -> assertThat(problem).startsWith("configuration c: " + message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ,"azure_account_name":"a","azure_auth_mode":"environment"} | azure_auth_mode environment is not supported
          ,"azure_account_name":"a","azure_auth_mode":"managed","azure_client_id":"i"} | azure_client_id is not supported
          ,"azure_account_key":"k"} | azure_account_name must be set
          ,"azure_account_name":"a"} | azure_account_key must be set
          ,"azure_account_name":"a","azure_account_key":"k","azure_blob_environment":"Mars"} | azure_blob_environment Mars is not a known Azure cloud
          ,"azure_account_name":"a","azure_account_key":"k","azure_blob_environment":"AzurePublicCloud","azure_endpoint":"h:1"} | azure_blob_environment and azure_endpoint exclude each other
          ,"azure_account_name":"a","azure_account_key":"k","autoload_enabled":true} | autoload_enabled is not supported
          """)
  void unsupported_azureParametersTheAgentCannotHonour_areNamed(String rest, String message) {
    assertThat(RaftSnapshotAgent.Builder.unsupported("c", config(AZURE + rest), name -> true))
        .anySatisfy(problem -> assertThat(problem).startsWith("configuration c: " + message));
  }

  @Test
  void unsupported_gcsParametersTheAgentCannotHonour_areNamed() {
    assertThat(
            RaftSnapshotAgent.Builder.unsupported(
                "c",
                config(GCS + ",\"google_disable_tls\":true,\"autoload_enabled\":true}"),
                name -> true))
        .containsExactly(
            "configuration c: autoload_enabled is not supported: it loads each snapshot into"
                + " Vault Enterprise for recovery",
            "configuration c: google_disable_tls needs google_endpoint (Google's own is TLS only)");
  }

  @Test
  void build_withAServiceAccountKeyThatIsNone_refusesNamingTheParameterNotTheValue() {
    AutoSnapshotConfig config =
        config(GCS + ",\"google_service_account_key\":\"{\\\"private\\\": \\\"s3cret\\\"}\"}");
    try (VaultRaftClient client = AgentConfigFileTest.unusedClient()) {
      assertThatThrownBy(
              () ->
                  RaftSnapshotAgent.builder(client)
                      .configuration("c", config)
                      .stagingDirectory(dir)
                      .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "configuration c: google_service_account_key is not a usable service account key")
          .hasMessageNotContaining("s3cret");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1:4443, true, http://127.0.0.1:4443",
    "127.0.0.1:4443, false, https://127.0.0.1:4443",
    "http://127.0.0.1:4443/storage/v1/, false, http://127.0.0.1:4443",
    "https://storage.example.com/, true, https://storage.example.com"
  })
  void gcsHost_takesVaultsEndpointForms(String endpoint, boolean disableTls, String host) {
    assertThat(GcsSnapshotStore.host(endpoint, disableTls)).isEqualTo(host);
  }

  @Test
  void azureAccountUrl_fromTheCloudOrTheEndpoint() {
    assertThat(AzureBlobSnapshotStore.accountUrl("acct", null, null))
        .isEqualTo("https://acct.blob.core.windows.net");
    assertThat(AzureBlobSnapshotStore.accountUrl("acct", "azurechinacloud", null))
        .isEqualTo("https://acct.blob.core.chinacloudapi.cn");
    assertThat(AzureBlobSnapshotStore.accountUrl("acct", null, "http://127.0.0.1:1/acct/"))
        .isEqualTo("http://127.0.0.1:1/acct");
    assertThat(AzureBlobSnapshotStore.accountUrl("acct", null, "blob.example.com/acct"))
        .isEqualTo("https://blob.example.com/acct");
  }

  @Test
  void azureBlockIds_areBase64OfOneLength() {
    List<String> ids =
        List.of(
            AzureBlobSnapshotStore.blockId(0),
            AzureBlobSnapshotStore.blockId(7),
            AzureBlobSnapshotStore.blockId(49_999));
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(ids.stream().map(String::length).distinct()).hasSize(1);
    assertThat(new String(Base64.getDecoder().decode(ids.get(2)), StandardCharsets.US_ASCII))
        .isEqualTo("block-00049999");
  }

  @Test
  void gcsCrc32c_isGooglesEncodingOfTheChecksum() throws Exception {
    Path file = dir.resolve("check");
    Files.writeString(file, "123456789", StandardCharsets.US_ASCII);
    // CRC32C("123456789") = 0xE3069283, the algorithm's check value; GCS sends it big-endian
    // base64.
    assertThat(GcsSnapshotStore.crc32c(file)).isEqualTo("4waSgw==");
  }

  @ParameterizedTest
  @CsvSource({"vault, vault/", "/vault/, vault/", "'', ''", "a/b, a/b/"})
  void keyPrefix_isPathPrefixAsTheStartOfAnObjectName(String pathPrefix, String keyPrefix) {
    assertThat(CloudSnapshotStore.keyPrefix(pathPrefix)).isEqualTo(keyPrefix);
  }
}
