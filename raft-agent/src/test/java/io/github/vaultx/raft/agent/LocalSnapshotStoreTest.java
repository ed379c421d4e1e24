package io.github.vaultx.raft.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.SnapshotProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSnapshotStoreTest {
  @TempDir Path dir;

  LocalSnapshotStore store(long maxSpace) {
    LocalSnapshotStore store = new LocalSnapshotStore(dir, "vault-raft", maxSpace);
    store.prepare();
    return store;
  }

  Path stage(LocalSnapshotStore store, String name, int bytes) throws IOException {
    return Files.write(store.staging(name), new byte[bytes]);
  }

  @Test
  void staging_isHidden_andDoesNotLookLikeAStoredSnapshot() throws IOException {
    LocalSnapshotStore store = store(1000);
    stage(store, "vault-raft-100.snap", 10);
    assertThat(store.staging("vault-raft-100.snap").getFileName().toString())
        .isEqualTo(".vault-raft-100.snap.partial");
    assertThat(store.snapshots()).isEmpty();
  }

  @Test
  void store_movesTheStagingFileIntoPlace_andRemovesIt() throws IOException {
    LocalSnapshotStore store = store(1000);
    Path staging = stage(store, "vault-raft-100.snap", 10);
    String url = store.store(staging, "vault-raft-100.snap");
    assertThat(url).isEqualTo(dir.resolve("vault-raft-100.snap").toString());
    assertThat(staging).doesNotExist();
    assertThat(dir.resolve("vault-raft-100.snap")).hasSize(10);
  }

  @Test
  void store_neverReplacesAStoredSnapshot() throws IOException {
    LocalSnapshotStore store = store(1000);
    Files.write(dir.resolve("vault-raft-100.snap"), new byte[3]);
    Path staging = stage(store, "vault-raft-100.snap", 10);
    assertThatThrownBy(() -> store.store(staging, "vault-raft-100.snap"))
        .isInstanceOf(SnapshotStoreException.class)
        .hasMessageContaining("exists already");
    assertThat(dir.resolve("vault-raft-100.snap")).hasSize(3);
    assertThat(staging).doesNotExist();
  }

  @Test
  void prune_deletesTheOldestByTheirTime_keepingOtherPrefixesAndFiles() throws IOException {
    LocalSnapshotStore store = store(1000);
    for (String name :
        new String[] {
          "vault-raft-900.snap",
          "vault-raft-1000.snap",
          "vault-raft-99.snap",
          "other-1.snap",
          "vault-raft-1.snap.txt",
          "vault-raft-x.snap"
        }) {
      Files.write(dir.resolve(name), new byte[1]);
    }
    assertThat(store.prune(2)).containsExactly("vault-raft-99.snap");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "vault-raft-900.snap",
              "vault-raft-1000.snap",
              "other-1.snap",
              "vault-raft-1.snap.txt",
              "vault-raft-x.snap");
    }
  }

  @Test
  void reserve_withNoRoomLeft_failsBeforeAnyDownload_namingTheSetting() throws IOException {
    LocalSnapshotStore store = store(20);
    Files.write(dir.resolve("vault-raft-1.snap"), new byte[20]);
    assertThatThrownBy(store::reserve)
        .isInstanceOf(SnapshotStoreException.class)
        .hasMessageContaining("local_max_space of 20 bytes")
        .hasMessageContaining("take 20");
  }

  @Test
  void reserve_endsADownloadThatOutgrowsTheRoomLeft() throws IOException {
    LocalSnapshotStore store = store(100);
    Files.write(dir.resolve("vault-raft-1.snap"), new byte[60]);
    SnapshotProgressListener room = store.reserve();
    room.bytesTransferred(40);
    assertThatThrownBy(() -> room.bytesTransferred(41))
        .isInstanceOf(SnapshotStoreException.class)
        .hasMessageContaining("outgrew 40 bytes");
  }

  @Test
  void removeLeftovers_removesOnlyThisPrefixesStagingFiles() throws IOException {
    LocalSnapshotStore store = store(100);
    Files.write(dir.resolve(".vault-raft-5.snap.partial"), new byte[1]);
    Files.write(dir.resolve(".other-5.snap.partial"), new byte[1]);
    Files.write(dir.resolve("vault-raft-6.snap"), new byte[1]);
    store.removeLeftovers();
    assertThat(dir.resolve(".vault-raft-5.snap.partial")).doesNotExist();
    assertThat(dir.resolve(".other-5.snap.partial")).exists();
    assertThat(dir.resolve("vault-raft-6.snap")).exists();
  }
}
