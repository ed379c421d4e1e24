package io.github.vaultx.raft.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.vaultx.raft.ClusterClients;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.RaftServer;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.testing.ClusterTls;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The client's TLS settings against a real cluster serving mutual TLS with certificates made here:
 * VAULT_CACERT, VAULT_TLS_SERVER_NAME, VAULT_CLIENT_CERT/KEY, skip-verify, clear failures, and a
 * join that passes leaderCaCert to a TLS leader. The harness starts two nodes (its joins pass the
 * CA and client certificate too) and a third joins in the test.
 */
class TlsClusterIT {
  static LocalRaftCluster cluster;
  static ClusterTls tls;
  static int port;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    HeldCertificate ca =
        new HeldCertificate.Builder().certificateAuthority(0).commonName("vaultx test CA").build();
    HeldCertificate server =
        new HeldCertificate.Builder()
            .signedBy(ca)
            .commonName("vault.test")
            .addSubjectAlternativeName("vault.test")
            .addSubjectAlternativeName("127.0.0.1")
            .build();
    HeldCertificate client =
        new HeldCertificate.Builder().signedBy(ca).commonName("operator").build();
    tls = ClusterTls.of(ca, server, client);
    cluster = LocalRaftCluster.builder().nodes(2).tls(tls).start();
    port = Integer.parseInt(cluster.address(1).substring(cluster.address(1).lastIndexOf(':') + 1));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  Map<String, String> env(String address, String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", dir.toString());
    env.put("VAULT_ADDR", address);
    env.put("VAULT_TOKEN", cluster.rootToken());
    env.put("VAULT_MAX_RETRIES", "0");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  String[] mutual() {
    return new String[] {
      "VAULT_CACERT", tls.caFile().toString(),
      "VAULT_CLIENT_CERT", tls.clientCertFile().toString(),
      "VAULT_CLIENT_KEY", tls.clientKeyFile().toString()
    };
  }

  RaftConfiguration read(Map<String, String> env) {
    try (VaultRaftClient client = VaultRaftClient.builder().environment(env).build()) {
      return client.readRaftConfig();
    }
  }

  @Test
  void caCertAndClientCertificate_fromTheEnvironment_work() {
    assertThat(read(env("https://127.0.0.1:" + port, mutual())).servers()).isNotEmpty();
  }

  @Test
  void hostname_isChecked_andTlsServerNameNamesTheCertificate() {
    String byName = "https://localhost:" + port;
    assertThatThrownBy(() -> read(env(byName, mutual())))
        .isExactlyInstanceOf(VaultClientException.class)
        .hasMessageContaining("TLS: the server's certificate does not name the host")
        .hasMessageNotContaining("\n")
        .satisfies(e -> System.out.println("FIGURE TLS wrong host: " + e.getMessage()));

    Map<String, String> named = env(byName, mutual());
    named.put("VAULT_TLS_SERVER_NAME", "vault.test");
    assertThat(read(named).servers()).isNotEmpty();
  }

  @Test
  void wrongCa_failsWithAClearMessage() throws Exception {
    HeldCertificate otherCa =
        new HeldCertificate.Builder().certificateAuthority(0).commonName("another CA").build();
    Path other = dir.resolve("other-ca.pem");
    Files.writeString(other, otherCa.certificatePem());
    Map<String, String> env = env("https://127.0.0.1:" + port, mutual());
    env.put("VAULT_CACERT", other.toString());

    assertThatThrownBy(() -> read(env))
        .isExactlyInstanceOf(VaultClientException.class)
        .hasMessageEndingWith(
            "TLS: the server's certificate is not signed by a trusted CA (set VAULT_CACERT or"
                + " VAULT_CAPATH / caCert to its CA)")
        .satisfies(e -> System.out.println("FIGURE TLS wrong CA: " + e.getMessage()));
  }

  @Test
  void withoutClientCertificate_theServerRefuses_andTheMessageSaysWhatToSet() {
    Map<String, String> env =
        env("https://127.0.0.1:" + port, "VAULT_CACERT", tls.caFile().toString());
    assertThatThrownBy(() -> read(env))
        .isInstanceOf(VaultClientException.class)
        .hasMessageContaining("VAULT_CLIENT_CERT")
        .satisfies(e -> System.out.println("FIGURE TLS no client cert: " + e.getMessage()));
  }

  @Test
  void skipVerify_onlyWhenAsked_worksAndLogsAWarning() {
    Logger logger = (Logger) LoggerFactory.getLogger("io.github.vaultx.raft");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      Map<String, String> env =
          env(
              "https://localhost:" + port,
              "VAULT_SKIP_VERIFY",
              "true",
              "VAULT_CLIENT_CERT",
              tls.clientCertFile().toString(),
              "VAULT_CLIENT_KEY",
              tls.clientKeyFile().toString());
      assertThat(read(env).servers()).isNotEmpty();
    } finally {
      logger.detachAppender(logs);
    }
    assertThat(logs.list)
        .anySatisfy(
            e -> {
              assertThat(e.getLevel().toString()).isEqualTo("WARN");
              assertThat(e.getFormattedMessage()).contains("verification is disabled");
            });
  }

  @Test
  void join_passesLeaderCaCertToATlsLeader() {
    int joiner = cluster.addNode();
    try (VaultRaftClient client =
        ClusterClients.trust(VaultRaftClient.builder(), tls)
            .environment(Map.of("HOME", dir.toString()))
            .address(cluster.address(joiner))
            .build()) {
      assertThat(client.joinRaftCluster(ClusterClients.joinRequest(tls, cluster.address(1))))
          .isTrue();
    }
    cluster.unseal(joiner);
    try (VaultRaftClient client = ClusterClients.client(cluster)) {
      assertThat(client.readRaftConfig().servers())
          .extracting(RaftServer::nodeId)
          .contains(cluster.nodeId(1), cluster.nodeId(joiner));
    }
  }
}
