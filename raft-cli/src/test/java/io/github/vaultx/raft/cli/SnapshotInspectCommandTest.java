package io.github.vaultx.raft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snapshot inspect} on a real OpenBao snapshot (raft-client's fixture): no client is opened,
 * the output has the vault CLI's shape, a damaged file exits 1 after what could be read.
 */
class SnapshotInspectCommandTest {
  @TempDir Path dir;
  final FakeVaultRaftClient client = new FakeVaultRaftClient();

  Path snapshot() throws IOException {
    Path file = dir.resolve("openbao.snap");
    try (InputStream in = getClass().getResourceAsStream("/snapshots/openbao-2.7.2.snap")) {
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  @Test
  void inspect_printsMetadataHashesAndServers_withoutAClient() throws Exception {
    CliRun run = CliRun.run(client, "snapshot", "inspect", snapshot().toString());

    assertThat(run.err).isEmpty();
    assertThat(run.exitCode).isZero();
    assertThat(run.out)
        .startsWith("Key                    Value\n---                    -----\n")
        .contains("ID                     bolt-snapshot\n")
        .contains("Version                1\n")
        .containsPattern("meta.json SHA-256      [0-9a-f]{64} \\(matches SHA256SUMS\\)\n")
        .containsPattern("state.bin SHA-256      [0-9a-f]{64} \\(matches SHA256SUMS\\)\n")
        .contains("SHA256SUMS.sealed      present\n")
        .contains("Keys                   41\n")
        .contains("Intact                 true\n")
        .containsPattern("\nNode     Address            Suffrage\n----     -------  +--------\n")
        .containsPattern("node1    127\\.0\\.0\\.1:\\d+    voter\n")
        .doesNotContain("Key Prefix");
    assertThat(client.calls).isEmpty();
    assertThat(run.address).isNull();
  }

  @Test
  void inspect_withDepthFilterAndJson_listsThePrefixes() throws Exception {
    CliRun table =
        CliRun.run(
            client,
            "snapshot",
            "inspect",
            "-depth",
            "3",
            "-filter",
            "logical/",
            snapshot().toString());
    assertThat(table.exitCode).isZero();
    assertThat(table.out)
        .containsPattern("Key Prefix  +Count  +Size\n----------  +-----  +----\n")
        .containsPattern("logical/[0-9a-f-]{36}/a/ +5 +\\d+\n")
        .containsPattern("logical/[0-9a-f-]{36}/b/ +3 +\\d+\n");

    CliRun json =
        CliRun.run(
            client, "snapshot", "inspect", "-details", "-format=json", snapshot().toString());
    assertThat(json.exitCode).isZero();
    assertThat(json.out)
        .startsWith("{\n  \"file\": ")
        .contains("\"id\": \"bolt-snapshot\"")
        .contains("\"sealed_sums_present\": true")
        .contains("\"keys\": 41")
        .contains("\"prefix\": \"sys/token/\"")
        .contains("\"intact\": true")
        .contains("\"problems\": []");
  }

  @Test
  void inspect_damagedFile_printsWhatItReadThenErrorAndExits1() throws Exception {
    byte[] bytes = Files.readAllBytes(snapshot());
    Path cut = Files.write(dir.resolve("cut.snap"), Arrays.copyOf(bytes, bytes.length / 2));
    CliRun truncated = CliRun.run(client, "snapshot", "inspect", cut.toString());
    assertThat(truncated.exitCode).isEqualTo(1);
    assertThat(truncated.out).isEmpty();
    assertThat(truncated.err)
        .startsWith("Error: snapshot " + cut + " is damaged: the file ends early, inside ");

    bytes[bytes.length - 5] ^= 1; // the gzip trailer's length
    Path flipped = Files.write(dir.resolve("flipped.snap"), bytes);
    CliRun bad = CliRun.run(client, "snapshot", "inspect", flipped.toString());
    assertThat(bad.exitCode).isEqualTo(1);
    assertThat(bad.out).contains("Intact                 false\n");
    assertThat(bad.err)
        .isEqualTo(
            "Error: snapshot "
                + flipped
                + " is damaged: the gzip trailer's CRC-32 or length does not match the content\n");
  }

  @Test
  void inspect_badUsage_exits2() {
    CliRun missing = CliRun.run(client, "snapshot", "inspect", dir.resolve("nope.snap").toString());
    assertThat(missing.exitCode).isEqualTo(2);
    assertThat(missing.err).startsWith("Error: file must be an existing regular file");

    CliRun depth =
        CliRun.run(client, Map.of(), false, "snapshot", "inspect", "-depth", "0", dir.toString());
    assertThat(depth.exitCode).isEqualTo(2);
  }
}
