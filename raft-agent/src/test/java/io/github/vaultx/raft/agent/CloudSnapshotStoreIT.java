package io.github.vaultx.raft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AwsS3AutoSnapshotConfig;
import io.github.vaultx.raft.AzureBlobAutoSnapshotConfig;
import io.github.vaultx.raft.GoogleGcsAutoSnapshotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The S3, GCS and Azure stores against their stand-ins with no Vault server: a file larger than one
 * upload request (two S3 parts, three GCS chunks, three Azure blocks) arrives byte for byte, and
 * retention deletes only this configuration's oldest snapshots, never other objects under the
 * prefix.
 */
class CloudSnapshotStoreIT {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"aws-s3", "google-gcs", "azure-blob"})
  void store_sendsEveryChunk_andPruneKeepsOtherObjects(String storageType) throws Exception {
    try (RaftSnapshotAgentCloudIT.CloudStore cloud =
        RaftSnapshotAgentCloudIT.CloudStore.start(storageType, dir.resolve("emulator"))) {
      cloud.createBucket(RaftSnapshotAgentCloudIT.BUCKET);
      AutoSnapshotConfig config =
          AgentConfigFile.parse(
                  "{\"c\": {\"storage_type\": \""
                      + storageType
                      + "\", \"interval\": 60, \"path_prefix\": \"/vault\", "
                      + cloud.parameters()
                      + "}}",
                  "agent.json")
              .get("c");
      Path staging = dir.resolve("staging");
      try (CloudSnapshotStore store = store(config, staging)) {
        store.prepare();
        byte[] big = new byte[(20 << 20) + 123];
        new Random(24).nextBytes(big);
        Path first = store.staging("it-100.snap");
        Files.write(first, big);
        assertThat(store.store(first, "it-100.snap"))
            .isEqualTo(cloud.scheme() + "://snapshots/vault/it-100.snap");
        assertThat(first).doesNotExist();

        Path copy = dir.resolve("copy");
        cloud.download(RaftSnapshotAgentCloudIT.BUCKET, "vault/it-100.snap", copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(big);

        for (String name : List.of("it-200.snap", "it-300.snap", "other-50.snap")) {
          Path file = store.staging(name);
          Files.writeString(file, name);
          store.store(file, name);
        }
        assertThat(store.prune(2)).containsExactly("vault/it-100.snap");
        assertThat(cloud.names(RaftSnapshotAgentCloudIT.BUCKET, "vault/"))
            .containsExactlyInAnyOrder(
                "vault/it-200.snap", "vault/it-300.snap", "vault/other-50.snap");
        assertThat(staging).isEmptyDirectory();
      }
    }
  }

  private static CloudSnapshotStore store(AutoSnapshotConfig config, Path staging) {
    if (config instanceof AwsS3AutoSnapshotConfig s3) {
      return new S3SnapshotStore(s3, "it", staging);
    }
    if (config instanceof GoogleGcsAutoSnapshotConfig gcs) {
      return new GcsSnapshotStore(gcs, "it", staging);
    }
    return new AzureBlobSnapshotStore((AzureBlobAutoSnapshotConfig) config, "it", staging);
  }
}
