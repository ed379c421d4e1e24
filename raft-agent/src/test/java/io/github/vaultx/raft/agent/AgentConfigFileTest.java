package io.github.vaultx.raft.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.VaultRaftClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigFileTest {
  /**
   * The body of the Pact consumer test's {@code POST sys/storage/raft/snapshot-auto/config/:name}
   * (raft-client's VaultRaftPactTest.writeAutoSnapshotConfig): what Vault Enterprise takes.
   */
  static final String PACT_WRITE_BODY =
      "{\"interval\":86400,\"path_prefix\":\"/opt/vault/backups\",\"storage_type\":\"local\","
          + "\"retain\":5,\"local_max_space\":100000,\"file_prefix\":\"vault-raft-auto-snapshot\"}";

  static final AutoSnapshotConfig DAILY =
      AutoSnapshotConfig.local(Duration.ofDays(1), "/opt/vault/backups", 100_000)
          .retain(5)
          .filePrefix("vault-raft-auto-snapshot")
          .build();

  @TempDir Path dir;

  @Test
  void parse_vaultEnterprisesBody_givesTheClientsRecord_andItsParametersBackUnchanged() {
    Map<String, AutoSnapshotConfig> configs =
        AgentConfigFile.parse("{\"daily\": " + PACT_WRITE_BODY + "}", "agent.json");
    assertThat(configs).containsOnlyKeys("daily");
    assertThat(configs.get("daily")).isEqualTo(DAILY);

    // What the agent would send to Vault Enterprise for the same name is the body it read.
    Map<String, Object> wanted = new LinkedHashMap<>();
    wanted.put("interval", 86400L);
    wanted.put("path_prefix", "/opt/vault/backups");
    wanted.put("storage_type", "local");
    wanted.put("retain", 5);
    wanted.put("local_max_space", 100000L);
    wanted.put("file_prefix", "vault-raft-auto-snapshot");
    assertThat(configs.get("daily").toVaultParameters()).isEqualTo(wanted);
  }

  @Test
  void read_takesTextValuesAndGoDurations_asVaultDoes_inTheFilesOrder() throws Exception {
    Path file = dir.resolve("agent.json");
    Files.writeString(
        file,
        "{\"hourly\": {\"storage_type\":\"local\",\"interval\":\"1h\",\"retain\":\"24\","
            + "\"path_prefix\":\"/b\",\"local_max_space\":\"1000\"},"
            + " \"daily\": "
            + PACT_WRITE_BODY
            + "}");
    Map<String, AutoSnapshotConfig> configs = AgentConfigFile.read(file);
    assertThat(configs.keySet()).containsExactly("hourly", "daily");
    assertThat(configs.get("hourly"))
        .isEqualTo(AutoSnapshotConfig.local(Duration.ofHours(1), "/b", 1000).retain(24).build());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not JSON             | {daily:                                     | agent.json: not valid JSON
          an array             | []                                          | agent.json: must be a JSON object of named configurations
          empty                | {}                                          | agent.json: holds no configuration
          not an object        | {"daily": 5}                                | agent.json: configuration daily must be a JSON object of parameters
          name twice           | {"a": {}, "a": {}}                          | agent.json: configuration a is given twice
          no storage type      | {"a": {"interval": 60}}                     | agent.json: configuration a: storage_type must be set
          no interval          | {"a": {"storage_type": "local"}}            | agent.json: configuration a: interval must be set
          bad interval         | {"a": {"storage_type": "local", "interval": "soon"}} | agent.json: configuration a: interval
          no max space         | {"a": {"storage_type": "local", "interval": 60, "path_prefix": "/b"}} | agent.json: configuration a: local_max_space must be set
          trailing text        | {"a": {"storage_type": "local"}} x          | agent.json
          """)
  void parse_badFile_givesOneClearError(String what, String json, String message) {
    assertThatThrownBy(() -> AgentConfigFile.parse(json, "agent.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void parse_aParameterGivenTwice_namesIt_withoutEitherValue() {
    String json =
        "{\"s3\": {\"storage_type\":\"aws-s3\",\"aws_secret_access_key\":\"first-secret\","
            + "\"aws_secret_access_key\":\"second-secret\"}}";
    assertThatThrownBy(() -> AgentConfigFile.parse(json, "agent.json"))
        .hasMessage("agent.json: configuration s3: parameter aws_secret_access_key is given twice")
        .hasMessageNotContaining("secret\"");
  }

  @Test
  void read_missingFile_namesIt() {
    assertThatThrownBy(() -> AgentConfigFile.read(dir.resolve("nope.json")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("nope.json: no such file");
  }

  @Test
  void build_refusesWhatTheAgentCannotHonour_namingEachParameter() {
    Map<String, AutoSnapshotConfig> configs =
        AgentConfigFile.parse(
            "{\"az\": {\"storage_type\":\"azure-blob\",\"interval\":60,\"path_prefix\":\"p/\","
                + "\"azure_container_name\":\"c\",\"azure_account_name\":\"a\","
                + "\"azure_auth_mode\":\"managed\",\"azure_client_id\":\"id\"},"
                + " \"s3\": {\"storage_type\":\"aws-s3\",\"interval\":60,\"path_prefix\":\"p\","
                + "\"aws_s3_bucket\":\"b\",\"aws_s3_region\":\"r\",\"autoload_enabled\":true},"
                + " \"local\": {\"storage_type\":\"local\",\"interval\":60,\"path_prefix\":\"/b\","
                + "\"local_max_space\":0,\"retain\":0,\"autoload_enabled\":true,\"colour\":\"red\"}}",
            "agent.json");
    try (VaultRaftClient client = unusedClient()) {
      assertThatThrownBy(() -> RaftSnapshotAgent.builder(client).configurations(configs).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("configuration az: azure_auth_mode managed is not supported")
          .hasMessageContaining("configuration az: azure_client_id is not supported")
          .hasMessageContaining("configuration s3: autoload_enabled is not supported")
          .hasMessageContaining(
              "configuration local: parameter autoload_enabled is not supported for storage_type"
                  + " local")
          .hasMessageContaining("configuration local: parameter colour is not supported")
          .hasMessageContaining("configuration local: retain must be at least 1, was 0")
          .hasMessageContaining("configuration local: local_max_space must be more than 0 bytes");
    }
  }

  @Test
  void build_withNoConfiguration_refuses() {
    try (VaultRaftClient client = unusedClient()) {
      assertThatThrownBy(() -> RaftSnapshotAgent.builder(client).build())
          .hasMessage("the agent needs at least one configuration");
    }
  }

  /** A real client that is never called: building an agent sends nothing. */
  static VaultRaftClient unusedClient() {
    return VaultRaftClient.builder()
        .address("http://127.0.0.1:9")
        .token("unused")
        .environment(Map.of())
        .build();
  }
}
