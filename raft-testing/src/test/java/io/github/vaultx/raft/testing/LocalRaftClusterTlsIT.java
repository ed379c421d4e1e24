package io.github.vaultx.raft.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cluster serving mutual TLS with generated certificates, started by the extension's builder. */
class LocalRaftClusterTlsIT {
  @RegisterExtension
  static final RaftClusterExtension CLUSTER =
      RaftClusterExtension.of(LocalRaftCluster.builder().nodes(2).tls(ClusterTls.generate(true)));

  @Test
  void start_withGeneratedMutualTls_formsTheClusterOverHttps() {
    LocalRaftCluster cluster = CLUSTER.cluster();

    assertThat(cluster.addresses()).allSatisfy(a -> assertThat(a).startsWith("https://127.0.0.1:"));
    assertThat(cluster.healthByNode().values()).containsExactlyInAnyOrder(200, 429);
    assertThat(cluster.tls()).hasValueSatisfying(t -> assertThat(t.caFile()).isRegularFile());
  }

  @Test
  void plainSysApi_withoutTheClientCertificate_getsNoAnswer() {
    LocalRaftCluster cluster = CLUSTER.cluster();

    // The nodes require a client certificate: a helper that presents none gets no HTTP answer.
    assertThat(SysApi.create().health(URI.create(cluster.address(1)))).isEqualTo(-1);
    assertThat(cluster.sys().health(URI.create(cluster.address(1)))).isIn(200, 429);
  }
}
