package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.EnterpriseOnlyException;
import io.github.vaultx.raft.InvalidRequestException;
import io.github.vaultx.raft.NotFoundException;
import io.github.vaultx.raft.PermissionDeniedException;
import io.github.vaultx.raft.RateLimitedException;
import io.github.vaultx.raft.RemovedNodeException;
import io.github.vaultx.raft.StandbyNodeException;
import io.github.vaultx.raft.UnsupportedEndpointException;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultSealedException;
import io.github.vaultx.raft.VaultServerException;
import io.github.vaultx.raft.VaultUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMapperTest {
  private static final String UNSUPPORTED = "1 error occurred:\n\t* unsupported path\n\n";
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

  static Stream<Arguments> rows() {
    return Stream.of(
        // status, errors, enterprise endpoint, expected type, expected message
        Arguments.of(
            400,
            List.of("cleanup_dead_servers requires min_quorum to be set to at least 3"),
            false,
            InvalidRequestException.class,
            "400 on POST /v1/sys/x: cleanup_dead_servers requires min_quorum to be set to at"
                + " least 3"),
        Arguments.of(
            403,
            List.of("permission denied"),
            false,
            PermissionDeniedException.class,
            "403 on POST /v1/sys/x: permission denied"),
        Arguments.of(
            404,
            List.of(),
            false,
            NotFoundException.class,
            "404 on POST /v1/sys/x: no error message"),
        // A path the server does not serve at all (Vault CE's answer on OpenBao's promote).
        Arguments.of(
            404,
            List.of(UNSUPPORTED),
            false,
            UnsupportedEndpointException.class,
            "404 on POST /v1/sys/x: this server does not serve this endpoint (it answered: 1 error"
                + " occurred: * unsupported path)"),
        Arguments.of(
            404,
            List.of(UNSUPPORTED),
            true,
            EnterpriseOnlyException.class,
            "404 on POST /v1/sys/x: this endpoint needs Vault Enterprise (the server answered: 1"
                + " error occurred: * unsupported path)"),
        // Vault CE 1.21's answer on an Enterprise endpoint (OpenBao's is "unsupported path").
        Arguments.of(
            404,
            List.of("enterprise-only feature"),
            true,
            EnterpriseOnlyException.class,
            "404 on POST /v1/sys/x: this endpoint needs Vault Enterprise (the server answered:"
                + " enterprise-only feature)"),
        Arguments.of(
            404,
            List.of("enterprise-only feature"),
            false,
            NotFoundException.class,
            "404 on POST /v1/sys/x: enterprise-only feature"),
        Arguments.of(
            404,
            List.of("no such config"),
            true,
            NotFoundException.class,
            "404 on POST /v1/sys/x: no such config"),
        Arguments.of(
            429,
            List.of("rate limit quota exceeded"),
            false,
            RateLimitedException.class,
            "429 on POST /v1/sys/x: rate limit quota exceeded"),
        Arguments.of(
            503,
            List.of("Vault is sealed"),
            false,
            VaultSealedException.class,
            "503 on POST /v1/sys/x: Vault is sealed"),
        Arguments.of(
            503,
            List.of("local node not active but active cluster node not found"),
            false,
            StandbyNodeException.class,
            "503 on POST /v1/sys/x: local node not active but active cluster node not found"),
        Arguments.of(
            307,
            List.of(),
            false,
            StandbyNodeException.class,
            "307 on POST /v1/sys/x: redirected to the active node; the redirect was not followed"),
        Arguments.of(
            503,
            List.of("upstream unavailable"),
            false,
            VaultUnavailableException.class,
            "503 on POST /v1/sys/x: upstream unavailable"),
        Arguments.of(
            500,
            List.of("internal error", "second"),
            false,
            VaultUnavailableException.class,
            "500 on POST /v1/sys/x: internal error; second"),
        Arguments.of(
            502,
            List.of(),
            false,
            VaultUnavailableException.class,
            "502 on POST /v1/sys/x: no error message"),
        Arguments.of(
            504,
            List.of(),
            false,
            VaultUnavailableException.class,
            "504 on POST /v1/sys/x: no error message"),
        Arguments.of(
            412,
            List.of("required index state not present"),
            false,
            VaultServerException.class,
            "412 on POST /v1/sys/x: required index state not present"),
        Arguments.of(
            405,
            List.of("unsupported operation"),
            false,
            UnsupportedEndpointException.class,
            "405 on POST /v1/sys/x: this server does not serve this endpoint (it answered:"
                + " unsupported operation)"),
        // OpenBao's answer to Vault's RECOVER method.
        Arguments.of(
            405,
            List.of(),
            true,
            EnterpriseOnlyException.class,
            "405 on POST /v1/sys/x: this endpoint needs Vault Enterprise (the server answered: no"
                + " error message)"),
        // Vault CE 1.21 on a read or recover from a loaded snapshot.
        Arguments.of(
            400,
            List.of("unable to lock snapshot: loaded snapshots not supported"),
            true,
            EnterpriseOnlyException.class,
            "400 on POST /v1/sys/x: this endpoint needs Vault Enterprise (the server answered:"
                + " unable to lock snapshot: loaded snapshots not supported)"),
        Arguments.of(
            400,
            List.of("unable to lock snapshot: loaded snapshots not supported"),
            false,
            InvalidRequestException.class,
            "400 on POST /v1/sys/x: unable to lock snapshot: loaded snapshots not supported"),
        // OpenBao 2.7 on a snapshot uploaded to snapshot-load: it parses the gzip as JSON.
        Arguments.of(
            400,
            List.of(
                "failed to decode JSON input: invalid character '\\x1f' looking for beginning of"
                    + " value"),
            true,
            EnterpriseOnlyException.class,
            "400 on POST /v1/sys/x: this endpoint needs Vault Enterprise (the server answered:"
                + " failed to decode JSON input: invalid character '\\x1f' looking for beginning of"
                + " value)"),
        Arguments.of(
            400,
            List.of("failed to decode JSON input: unexpected EOF"),
            false,
            InvalidRequestException.class,
            "400 on POST /v1/sys/x: failed to decode JSON input: unexpected EOF"),
        // Vault 1.19+ on a node removed from its cluster: a join, an unseal, sys/health.
        Arguments.of(
            500,
            List.of(
                "failed to join raft cluster: node has been removed from the HA cluster. All vault"
                    + " data for this node must be cleaned up before it can be added back"),
            false,
            RemovedNodeException.class,
            "500 on POST /v1/sys/x: the node was removed from its Raft cluster (the server"
                + " answered: failed to join raft cluster: node has been removed from the HA"
                + " cluster. All vault data for this node must be cleaned up before it can be added"
                + " back)"),
        Arguments.of(
            500,
            List.of("node was removed from a HA cluster"),
            false,
            RemovedNodeException.class,
            "500 on POST /v1/sys/x: the node was removed from its Raft cluster (the server"
                + " answered: node was removed from a HA cluster)"),
        Arguments.of(
            530,
            List.of(),
            false,
            RemovedNodeException.class,
            "530 on POST /v1/sys/x: the node was removed from its Raft cluster (the server"
                + " answered: no error message)"));
  }

  @ParameterizedTest(name = "{0} {1} enterprise={2} -> {3}")
  @MethodSource("rows")
  void map_givesTheTypedExceptionAndMessage(
      int status,
      List<String> errors,
      boolean enterprise,
      Class<? extends VaultServerException> type,
      String message) {
    VaultServerException e =
        ErrorMapper.map(status, "POST", "/v1/sys/x", errors, null, enterprise, NOW);

    assertThat(e).isExactlyInstanceOf(type).hasMessage(message);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.method()).isEqualTo("POST");
    assertThat(e.path()).isEqualTo("/v1/sys/x");
    assertThat(e.errors()).isEqualTo(errors);
  }

  static Stream<Arguments> transportFailures() {
    java.net.ConnectException refusedAfterReset = new java.net.ConnectException("refused");
    refusedAfterReset.addSuppressed(new java.net.SocketException("Connection reset"));
    java.net.ConnectException refusedTwice = new java.net.ConnectException("refused");
    refusedTwice.addSuppressed(new java.net.ConnectException("refused"));
    return Stream.of(
        // the failure, whether the request may have reached the server
        Arguments.of(new java.net.ConnectException("Failed to connect"), false),
        Arguments.of(new java.net.NoRouteToHostException("no route"), false),
        Arguments.of(new java.net.UnknownHostException("vault.invalid"), false),
        Arguments.of(new java.net.SocketTimeoutException("Connect timed out"), false),
        Arguments.of(refusedTwice, false),
        Arguments.of(refusedAfterReset, true),
        Arguments.of(new java.net.SocketTimeoutException("timeout"), true),
        Arguments.of(new java.net.SocketTimeoutException("Read timed out"), true),
        Arguments.of(new java.net.SocketException("Connection reset"), true),
        Arguments.of(new java.io.EOFException("unexpected end of stream"), true),
        Arguments.of(new java.io.InterruptedIOException("timeout"), true));
  }

  @ParameterizedTest(name = "{0} -> may have reached the server: {1}")
  @MethodSource("transportFailures")
  void noAnswer_saysWhetherTheRequestMayHaveReachedTheServer(
      java.io.IOException failure, boolean mayHaveReached) {
    VaultClientException e =
        ErrorMapper.noAnswer("POST", "/v1/sys/x", "127.0.0.1:8200", "problem", failure);

    assertThat(e.mayHaveReachedServer()).isEqualTo(mayHaveReached);
    assertThat(e).hasCause(failure);
  }

  @Test
  void circuitOpen_neverReachedTheServer_otherClientFailuresMayHave() {
    assertThat(
            ErrorMapper.circuitOpen(
                    "POST",
                    "/v1/p",
                    "127.0.0.1:8200",
                    java.time.Duration.ofSeconds(30),
                    new java.net.SocketTimeoutException("timeout"))
                .mayHaveReachedServer())
        .as("even when the failure that opened it may have reached the server")
        .isFalse();
    assertThat(
            ErrorMapper.malformed("GET", "/v1/p", new IllegalStateException("x"))
                .mayHaveReachedServer())
        .isTrue();
    assertThat(new VaultClientException("x", null).mayHaveReachedServer()).isTrue();
  }

  @Test
  void enterpriseOnly_isNotANotFoundException() {
    VaultServerException e =
        ErrorMapper.map(404, "GET", "/v1/p", List.of(UNSUPPORTED), null, true, NOW);
    assertThat(e).isNotInstanceOf(NotFoundException.class);
  }

  @Test
  void enterpriseOnly_isAnUnsupportedEndpoint_andUnsupportedEndpointIsNoNotFound() {
    VaultServerException enterprise =
        ErrorMapper.map(404, "GET", "/v1/p", List.of(UNSUPPORTED), null, true, NOW);
    VaultServerException unsupported =
        ErrorMapper.map(404, "GET", "/v1/p", List.of(UNSUPPORTED), null, false, NOW);
    assertThat(enterprise).isInstanceOf(UnsupportedEndpointException.class);
    assertThat(unsupported).isNotInstanceOf(NotFoundException.class);
  }

  @Test
  void ignoredSnapshotParameter_turnsOpenBaosWarningIntoEnterpriseOnly() {
    String warning = "Endpoint ignored these unrecognized parameters: [read_snapshot_id]";
    EnterpriseOnlyException e =
        ErrorMapper.ignoredSnapshotParameter(
            "GET", "/v1/kv/a", List.of("other", warning), "read_snapshot_id");
    assertThat(e).isNotNull();
    assertThat(e.statusCode()).isEqualTo(200);
    assertThat(e)
        .hasMessage(
            "200 on GET /v1/kv/a: this endpoint needs Vault Enterprise (the"
                + " server answered: "
                + warning
                + ")");
    assertThat(
            ErrorMapper.ignoredSnapshotParameter(
                "GET", "/v1/kv/a", List.of("other"), "read_snapshot_id"))
        .isNull();
    assertThat(ErrorMapper.ignoredSnapshotParameter("GET", "/v1/kv/a", null, "read_snapshot_id"))
        .isNull();
  }

  @Test
  void rateLimited_readsRetryAfterSecondsAndDates() {
    RateLimitedException seconds =
        (RateLimitedException) ErrorMapper.map(429, "GET", "/v1/p", List.of(), "7", false, NOW);
    RateLimitedException date =
        (RateLimitedException)
            ErrorMapper.map(
                429, "GET", "/v1/p", List.of(), "Sat, 28 Nov 2026 10:00:30 GMT", false, NOW);
    RateLimitedException none =
        (RateLimitedException) ErrorMapper.map(429, "GET", "/v1/p", List.of(), null, false, NOW);
    RateLimitedException garbage =
        (RateLimitedException) ErrorMapper.map(429, "GET", "/v1/p", List.of(), "soon", false, NOW);

    assertThat(seconds.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(date.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(none.retryAfter()).isNull();
    assertThat(garbage.retryAfter()).isNull();
  }
}
