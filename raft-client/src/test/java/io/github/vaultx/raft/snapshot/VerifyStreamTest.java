package io.github.vaultx.raft.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.internal.TestSnapshots;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VerifyStreamTest {

  @Test
  void verifyStream_completeSnapshot_readsEveryByte() throws Exception {
    byte[] snapshot = TestSnapshots.complete();
    ByteArrayInputStream in = new ByteArrayInputStream(snapshot);

    assertThatCode(() -> RaftSnapshots.verifyStream(in, "backup")).doesNotThrowAnyException();
    assertThat(in.available()).isZero();
  }

  @Test
  void verifyStream_withoutSealedSums_namesTheMissingEntry() {
    assertThatThrownBy(
            () ->
                RaftSnapshots.verifyStream(
                    new ByteArrayInputStream(TestSnapshots.withoutSealedSums()), "backup"))
        .isInstanceOf(DamagedSnapshotException.class)
        .hasMessage("snapshot backup is damaged: its tar holds no non-empty SHA256SUMS.sealed");
  }

  @Test
  void verifyStream_emptySealedSums_isDamaged() {
    assertThatThrownBy(
            () ->
                RaftSnapshots.verifyStream(
                    new ByteArrayInputStream(TestSnapshots.withEmptySealedSums()), "backup"))
        .isInstanceOf(DamagedSnapshotException.class)
        .satisfies(
            e ->
                assertThat(((DamagedSnapshotException) e).problems())
                    .containsExactly("its tar holds no non-empty SHA256SUMS.sealed"));
  }

  @Test
  void verifyStream_cutShort_isNotACompleteGzippedTar() {
    byte[] snapshot = TestSnapshots.complete();
    byte[] cut = Arrays.copyOf(snapshot, snapshot.length / 2);

    assertThatThrownBy(() -> RaftSnapshots.verifyStream(new ByteArrayInputStream(cut), "cut"))
        .isInstanceOf(DamagedSnapshotException.class)
        .hasMessageContaining("it is not a complete gzipped tar (EOFException)");
  }

  @Test
  void verifyStream_notGzip_isDamaged() {
    InputStream json = new ByteArrayInputStream("{\"errors\":[]}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> RaftSnapshots.verifyStream(json, "body"))
        .isInstanceOf(DamagedSnapshotException.class)
        .hasMessageContaining("not a complete gzipped tar");
  }

  @Test
  void verifyStream_nullArguments_areRefusedByName() {
    assertThatThrownBy(() -> RaftSnapshots.verifyStream(null, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("snapshot must not be null");
    assertThatThrownBy(
            () -> RaftSnapshots.verifyStream(new ByteArrayInputStream(new byte[0]), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be null");
  }
}
