package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.snapshot.DamagedSnapshotException;
import io.github.vaultx.raft.snapshot.RaftSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A real snapshot cut at any point is refused with a message saying where it ends. */
class SnapshotTruncationProperties {
  private static final byte[] SNAPSHOT = read();

  @Property(tries = 300)
  void aSnapshotCutShortAnywhere_isDamaged_andTheMessageSaysWhere(
      @ForAll @IntRange(min = 1, max = 1_000_000) int cutFraction) throws Exception {
    // Every cut from 1 byte to all but the last byte, spread evenly over the file by jqwik.
    int cut = 1 + (int) ((long) (SNAPSHOT.length - 2) * cutFraction / 1_000_000);
    Path file = Files.createTempFile("cut-" + cut + "-", ".snap");
    try {
      Files.write(file, Arrays.copyOf(SNAPSHOT, cut));
      assertThatThrownBy(() -> RaftSnapshots.inspect(file))
          .isInstanceOf(DamagedSnapshotException.class)
          .hasMessageMatching(
              "snapshot .* is damaged: the file ends early, inside (the gzip header|a tar"
                  + " header|meta\\.json|state\\.bin|SHA256SUMS|SHA256SUMS\\.sealed|the gzip"
                  + " trailer) \\(it is "
                  + cut
                  + " bytes\\)");
    } finally {
      Files.delete(file);
    }
  }

  private static byte[] read() {
    try {
      return Files.readAllBytes(RaftSnapshotsTest.fixture(RaftSnapshotsTest.OPENBAO));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
