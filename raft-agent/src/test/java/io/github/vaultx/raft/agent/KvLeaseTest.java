package io.github.vaultx.raft.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease's settings: checked before any request, the token never shown. */
class KvLeaseTest {
  @TempDir Path home;

  @Test
  void builder_ofMountSlashPath_splitsAtTheFirstSlash() {
    KvLease lease =
        KvLease.builder("leases/raft/prod")
            .addresses(List.of("http://127.0.0.1:8200"))
            .token("s.secret")
            .holder("agent-1")
            .build();
    assertThat(lease.toString())
        .isEqualTo("KvLease[leases/raft/prod, holder=agent-1]")
        .doesNotContain("s.secret");
    assertThat(lease.document("hourly").describe()).isEqualTo("leases/raft/prod/hourly");
  }

  @Test
  void builder_withoutAMountAndAPath_isRefused() {
    for (String bad : new String[] {"leases", "/leases", "leases/", ""}) {
      assertThatThrownBy(() -> KvLease.builder(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("MOUNT/PATH");
    }
  }

  @Test
  void build_withoutTokenOrAddress_isRefused() {
    assertThatThrownBy(() -> KvLease.builder("a/b").token("t").build())
        .hasMessage("the lease needs at least one address");
    assertThatThrownBy(() -> KvLease.builder("a/b").addresses(List.of("http://h:1")).build())
        .hasMessage("the lease needs a token");
    assertThatThrownBy(() -> KvLease.builder("a/b").addresses(List.of("ftp://h:1")))
        .hasMessageContaining("must be an http or https URL");
  }

  @Test
  void environment_readsTheClientsVariables_andTheTokenFile() throws Exception {
    Files.writeString(home.resolve(".vault-token"), "s.from-file\n");
    KvLease lease =
        KvLease.builder("a/b")
            .environment(
                Map.of(
                    "VAULT_ADDR", "http://vault-1:8200",
                    "VAULTX_ADDRESSES", "http://vault-2:8200, http://vault-1:8200",
                    "HOME", home.toString()))
            .holder("h")
            .build();
    assertThat(lease).isNotNull();
    assertThatThrownBy(
            () ->
                KvLease.builder("a/b")
                    .environment(
                        Map.of(
                            "VAULT_ADDR", "https://vault-1:8200",
                            "VAULT_TOKEN", "s.t",
                            "VAULT_SKIP_VERIFY", "true")))
        .hasMessage("VAULT_SKIP_VERIFY is not supported by the snapshot lease's KV calls");
    assertThatThrownBy(
            () ->
                KvLease.builder("a/b")
                    .environment(
                        Map.of(
                            "VAULT_ADDR",
                            "https://vault-1:8200",
                            "VAULT_CACERT",
                            home.resolve("none.pem").toString())))
        .hasMessageContaining("VAULT_CACERT must name PEM certificates");
  }
}
