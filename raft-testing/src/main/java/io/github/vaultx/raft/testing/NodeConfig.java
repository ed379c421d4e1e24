package io.github.vaultx.raft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Writes a node's {@code server -config} file: Raft storage, the listener, its addresses. */
final class NodeConfig {
  private NodeConfig() {}

  /** The path of the audit device the harness enables when asked to keep an audit log. */
  static final String AUDIT_PATH = "vaultx-audit";

  static void write(ClusterNode node, ServerFlavour flavour) {
    write(node, flavour, null, Map.of());
  }

  /**
   * @param auditLog where the cluster's file audit device writes, if it has one; OpenBao declares
   *     it here, Vault gets it through the API once initialised
   * @param listenerSettings further settings of the listener stanza, checked by the builder
   */
  static void write(
      ClusterNode node,
      ServerFlavour flavour,
      @Nullable Path auditLog,
      Map<String, String> listenerSettings) {
    Path data = node.dir.resolve("data");
    String hcl =
        """
        storage "raft" {
          path = "%s"
          node_id = "%s"
          performance_multiplier = 1
          autopilot_reconcile_interval = "1s"
          autopilot_update_interval = "500ms"
        }
        listener "tcp" {
          address = "127.0.0.1:%d"
          cluster_address = "127.0.0.1:%d"
        %s}
        api_addr = "%s"
        cluster_addr = "https://127.0.0.1:%d"
        ui = false
        """
            .formatted(
                escape(data.toString()),
                node.nodeId,
                node.apiPort,
                node.clusterPort,
                listenerTls(node.tls()) + listenerLines(listenerSettings),
                node.advertisedAddress(),
                node.clusterPort);
    // Autopilot promotes joiners and reports health on the two loops above (defaults 10s and 2s).
    try {
      Files.createDirectories(data);
      Files.writeString(
          node.config,
          hcl + flavour.extraConfig() + auditStanza(flavour, auditLog),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + node.config, e);
    }
  }

  private static String auditStanza(ServerFlavour flavour, @Nullable Path auditLog) {
    if (auditLog == null || !flavour.declaresAuditDevicesInConfig()) {
      return "";
    }
    return "audit \"file\" \""
        + AUDIT_PATH
        + "\" {\n  options {\n    file_path = \""
        + escape(auditLog.toString())
        + "\"\n  }\n}\n";
  }

  private static String listenerLines(Map<String, String> settings) {
    StringBuilder lines = new StringBuilder();
    settings.forEach((name, value) -> lines.append("  %s = \"%s\"\n".formatted(name, value)));
    return lines.toString();
  }

  private static String listenerTls(@Nullable ClusterTls tls) {
    if (tls == null) {
      return "  tls_disable = true\n";
    }
    String lines =
        "  tls_cert_file = \""
            + escape(tls.serverCertFile().toString())
            + "\"\n  tls_key_file = \""
            + escape(tls.serverKeyFile().toString())
            + "\"\n";
    if (tls.requiresClientCertificate()) {
      lines +=
          "  tls_client_ca_file = \""
              + escape(tls.caFile().toString())
              + "\"\n  tls_require_and_verify_client_cert = true\n";
    }
    return lines;
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
