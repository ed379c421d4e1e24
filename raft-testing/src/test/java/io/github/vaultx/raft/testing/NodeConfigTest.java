package io.github.vaultx.raft.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server config the harness writes per node and flavour. */
class NodeConfigTest {
  @TempDir Path dir;

  @Test
  void write_plainOpenBao_disablesTlsAndStandbyReads() throws IOException {
    ClusterNode node = new ClusterNode(2, 40001, 40002, 0, dir.resolve("node-2"), null);

    NodeConfig.write(node, ServerFlavour.OPENBAO);

    String hcl = Files.readString(node.config);
    assertThat(hcl)
        .contains("node_id = \"node-2\"")
        .contains("path = \"" + dir.resolve("node-2/data") + "\"")
        .contains("address = \"127.0.0.1:40001\"")
        .contains("cluster_address = \"127.0.0.1:40002\"")
        .contains("  tls_disable = true\n}")
        .contains("api_addr = \"http://127.0.0.1:40001\"")
        .contains("cluster_addr = \"https://127.0.0.1:40002\"")
        .endsWith("disable_standby_reads = true\n")
        .doesNotContain("disable_mlock");
    assertThat(dir.resolve("node-2/data")).isDirectory();
  }

  @Test
  void write_listenerSettings_goInsideTheListenerStanza() throws IOException {
    ClusterNode node = new ClusterNode(1, 40001, 40002, 0, dir.resolve("node-1"), null);

    NodeConfig.write(
        node,
        ServerFlavour.VAULT,
        null,
        new LinkedHashMap<>(Map.of("http_read_timeout", "2s", "max_request_duration", "3s")));

    String hcl = Files.readString(node.config);
    String listener = hcl.substring(hcl.indexOf("listener \"tcp\""), hcl.indexOf("api_addr"));
    assertThat(listener)
        .contains("  http_read_timeout = \"2s\"\n")
        .contains("  max_request_duration = \"3s\"\n")
        .endsWith("}\n");
  }

  @Test
  void listenerSetting_refusesWhatWouldBreakTheConfig() {
    LocalRaftClusterBuilder builder = LocalRaftCluster.builder();

    assertThatThrownBy(() -> builder.listenerSetting("http_read_timeout", "2s\"\nui = true"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without quotes");
    assertThatThrownBy(() -> builder.listenerSetting("Bad-Name", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Bad-Name");
    assertThatThrownBy(() -> builder.listenerSetting("http_read_timeout", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(builder.listenerSetting("http_read_timeout", "2s").listenerSettings())
        .containsEntry("http_read_timeout", "2s");
  }

  @Test
  void write_behindAFaultProxy_advertisesTheProxyAsApiAddr() throws IOException {
    ClusterNode node = new ClusterNode(3, 40001, 40002, 40003, dir.resolve("node-3"), null);

    NodeConfig.write(node, ServerFlavour.VAULT);

    String hcl = Files.readString(node.config);
    assertThat(hcl)
        .contains("address = \"127.0.0.1:40001\"")
        .contains("api_addr = \"http://127.0.0.1:40003\"");
  }

  @Test
  void write_mutualTlsVault_pointsAtTheFilesAndRequiresClientCertificates() throws IOException {
    ClusterTls tls = ClusterTls.generate(true);
    tls.writeFiles(dir.resolve("tls"));
    ClusterNode node = new ClusterNode(1, 40001, 40002, 0, dir.resolve("node-1"), tls);

    NodeConfig.write(node, ServerFlavour.VAULT);

    String hcl = Files.readString(node.config);
    assertThat(hcl)
        .contains("tls_cert_file = \"" + dir.resolve("tls/server.pem") + "\"")
        .contains("tls_key_file = \"" + dir.resolve("tls/server-key.pem") + "\"")
        .contains("tls_client_ca_file = \"" + dir.resolve("tls/ca.pem") + "\"")
        .contains("tls_require_and_verify_client_cert = true")
        .contains("api_addr = \"https://127.0.0.1:40001\"")
        .doesNotContain("tls_disable")
        .endsWith("disable_mlock = true\n");
  }
}
