package io.github.vaultx.raft.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.IncompleteSnapshotException;
import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.internal.MockVault;
import io.github.vaultx.raft.internal.TestSnapshots;
import io.github.vaultx.raft.testing.VaultResponses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * JSON calls have a whole-call timeout; snapshot transfers only an idle timeout, so a slow but
 * steady multi-GB download is never cut while a stalled or broken one fails and leaves no file. The
 * figures printed here are quoted in docs/reliability.md.
 */
@ParameterizedClass
@EnumSource(ClientKind.class)
class TimeoutsTest {
  static final Duration CALL_TIMEOUT = Duration.ofMillis(400);
  static final Duration IDLE_TIMEOUT = Duration.ofMillis(700);

  @TempDir Path dir;

  @RegisterExtension final MockVault vault;

  TimeoutsTest(ClientKind kind) {
    vault =
        MockVault.create()
            .clients(kind)
            .configure(
                o -> {
                  o.token = "timeouts-token";
                  o.timeout = CALL_TIMEOUT;
                  o.snapshotIdleTimeout = IDLE_TIMEOUT;
                });
  }

  List<String> files() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void jsonCall_thatOutlastsTheWholeCallTimeout_failsAtThatTime() {
    vault.enqueue(
        new MockResponse()
            .setBody("{\"data\":{\"config\":{\"index\":1,\"servers\":[]}}}")
            // One byte every 100 ms: never idle as long as the read timeout (which equals the
            // whole-call timeout), so only the whole-call timeout can end the call.
            .throttleBody(1, 100, TimeUnit.MILLISECONDS));
    long start = System.nanoTime();
    assertThatThrownBy(vault.client()::readRaftConfig)
        .isExactlyInstanceOf(VaultClientException.class)
        .hasMessageStartingWith("no answer on GET /v1/sys/storage/raft/configuration from ")
        .hasMessageContaining("timed out after 400ms");
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "FIGURE whole-call timeout %d ms: call failed after %d ms (%+d ms)%n",
        CALL_TIMEOUT.toMillis(), elapsedMs, elapsedMs - CALL_TIMEOUT.toMillis());
    // The message names the timeout that fired; how long after it the call ended depends on the
    // machine, so that figure is printed, not asserted. It cannot end before the timeout.
    assertThat(elapsedMs).isGreaterThanOrEqualTo(CALL_TIMEOUT.toMillis() - 5);
  }

  @Test
  void snapshot_slowButSteady_longerThanTheWholeCallTimeout_succeeds() throws Exception {
    byte[] bytes = TestSnapshots.ofAbout(40 * 1024);
    // 4 KiB every 100 ms: about 1 s in all, 2.5 times the whole-call timeout, never idle long.
    vault.enqueue(
        VaultResponses.snapshot(bytes).throttleBody(4 * 1024, 100, TimeUnit.MILLISECONDS));
    Path target = dir.resolve("slow.snap");

    SnapshotInfo info = vault.client().takeRaftSnapshot(target);

    System.out.printf(
        "FIGURE slow-but-steady snapshot: %d bytes in %d ms with a %d ms whole-call timeout%n",
        info.sizeBytes(), info.elapsed().toMillis(), CALL_TIMEOUT.toMillis());
    assertThat(info.elapsed()).isGreaterThan(CALL_TIMEOUT.multipliedBy(2));
    assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
    assertThat(files()).containsExactly("slow.snap");
  }

  @Test
  void snapshot_stalledMidStream_failsAfterTheIdleTimeout_andRemovesThePartialFile()
      throws Exception {
    byte[] bytes = TestSnapshots.ofAbout(16 * 1024);
    // The first 4 KiB arrive at once, then nothing for 2 s: far past the idle timeout.
    vault.enqueue(VaultResponses.snapshot(bytes).throttleBody(4 * 1024, 2, TimeUnit.SECONDS));
    Path target = dir.resolve("stalled.snap");
    long start = System.nanoTime();

    assertThatThrownBy(() -> vault.client().takeRaftSnapshot(target))
        .isInstanceOf(IncompleteSnapshotException.class)
        .isInstanceOf(VaultClientException.class)
        .hasMessageStartingWith("incomplete snapshot on GET /v1/sys/storage/raft/snapshot after ")
        .hasMessageContaining(
            "no data for 700ms (the snapshot idle timeout, set by snapshotIdleTimeout)");

    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "FIGURE stalled snapshot: failed after %d ms with a %d ms idle timeout%n",
        elapsedMs, IDLE_TIMEOUT.toMillis());
    // As above: the figure is printed; only "not before the idle timeout" is asserted.
    assertThat(elapsedMs).isGreaterThanOrEqualTo(IDLE_TIMEOUT.toMillis() - 5);
    assertThat(files()).isEmpty();
  }

  @Test
  void snapshot_connectionResetMidStream_failsClearly_andRemovesThePartialFile() throws Exception {
    byte[] bytes = TestSnapshots.ofAbout(256 * 1024);
    vault.enqueue(
        VaultResponses.snapshot(bytes)
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    Path target = dir.resolve("reset.snap");

    assertThatThrownBy(() -> vault.client().takeRaftSnapshot(target))
        .isInstanceOf(IncompleteSnapshotException.class)
        .hasMessageStartingWith("incomplete snapshot on GET /v1/sys/storage/raft/snapshot after ")
        .hasMessageContaining("the connection broke");
    assertThat(files()).isEmpty();
    assertThat(vault.server().getRequestCount())
        .as("a snapshot that started is not retried")
        .isEqualTo(1);
  }

  @Test
  void restore_slowerThanTheWholeCallTimeout_succeeds() throws Exception {
    Path source = dir.resolve("in.snap");
    Files.write(source, TestSnapshots.ofAbout(40 * 1024));
    // The server reads the upload 8 KiB per 100 ms, about 500 ms in all, then answers. The socket
    // buffers swallow the whole upload at once, so the client sees one pause of that length: it
    // must be shorter than the idle timeout and longer than the whole-call timeout.
    vault.enqueue(
        new MockResponse().setResponseCode(204).throttleBody(8 * 1024, 100, TimeUnit.MILLISECONDS));
    Duration callTimeout = Duration.ofMillis(200);

    try (VaultRaftClient patient =
        vault
            .kind()
            .view(
                VaultRaftClient.builder()
                    .environment(Map.of("HOME", dir.toString()))
                    .address(vault.address())
                    .token("t")
                    .maxRetries(0)
                    .timeout(callTimeout)
                    .snapshotIdleTimeout(Duration.ofSeconds(3))
                    .build())) {
      long start = System.nanoTime();
      patient.restoreRaftSnapshot(source);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(callTimeout);
    }
    assertThat(vault.server().takeRequest().getBodySize()).isEqualTo(Files.size(source));
  }

  @Test
  void restore_serverSilentLongerThanTheIdleTimeout_failsNamingTheIdleTimeout() throws Exception {
    Path source = dir.resolve("in.snap");
    Files.write(source, TestSnapshots.ofAbout(1024));
    vault.enqueue(new MockResponse().setResponseCode(204).setHeadersDelay(2, TimeUnit.SECONDS));

    assertThatThrownBy(() -> vault.client().restoreRaftSnapshot(source))
        .isExactlyInstanceOf(VaultClientException.class)
        .hasMessageStartingWith("no answer on POST /v1/sys/storage/raft/snapshot from ")
        .hasMessageEndingWith(
            "no data for 700ms (the snapshot idle timeout, set by snapshotIdleTimeout)");
    assertThat(vault.server().getRequestCount()).as("a restore is sent once").isEqualTo(1);
  }
}
