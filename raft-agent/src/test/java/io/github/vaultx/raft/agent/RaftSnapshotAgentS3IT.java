package io.github.vaultx.raft.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.snapshot.RaftSnapshots;
import io.github.vaultx.raft.testing.FaultLink;
import io.github.vaultx.raft.testing.FaultProxy;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import io.github.vaultx.raft.testing.S3Gateway;
import io.github.vaultx.raft.testing.Toxic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The agent when its S3-compatible server (Versity's gateway) stops in the middle of an upload,
 * from a real cluster, on both servers. What every store does when all goes well, S3 included, is
 * {@link RaftSnapshotAgentCloudIT}.
 */
class RaftSnapshotAgentS3IT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(1);

  @TempDir Path dir;

  /**
   * The S3 server stops while a snapshot is being uploaded (the upload slowed by a bandwidth toxic
   * between agent and server, the server stopped once the multipart upload exists): the status
   * counts one error naming the upload, no object appears, and once the server is back the next
   * interval stores a verified snapshot.
   */
  @Test
  void agent_whenTheServerStopsMidUpload_countsOneError_storesNoObject_andRecovers()
      throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    Path folder = dir.resolve("s3");
    S3Gateway gateway = S3Gateway.start(folder);
    try (FaultProxy proxy = FaultProxy.start()) {
      try (S3Client direct = RaftSnapshotAgentCloudIT.S3.client(gateway)) {
        direct.createBucket(r -> r.bucket("snapshots"));
      }
      FaultLink link = proxy.link("s3", gateway.endpoint());
      int port = Integer.parseInt(link.address().substring(link.address().lastIndexOf(':') + 1));
      link.add(Toxic.bandwidth(1).upstream());
      Map<String, AutoSnapshotConfig> configs =
          AgentConfigFile.parse(
              "{\"s3\": {\"storage_type\": \"aws-s3\", \"interval\": \"5s\", \"retain\": 2,"
                  + " \"path_prefix\": \"vault\", \"file_prefix\": \"it\","
                  + " \"aws_s3_bucket\": \"snapshots\", \"aws_s3_region\": \"us-east-1\","
                  + " \"aws_access_key_id\": \""
                  + S3Gateway.ACCESS_KEY
                  + "\", \"aws_secret_access_key\": \""
                  + S3Gateway.SECRET_KEY
                  + "\", \"aws_s3_endpoint\": \""
                  + link.address()
                  + "\", \"aws_s3_disable_tls\": true, \"aws_s3_force_path_style\": true}}",
              "agent.json");
      try (VaultRaftClient client =
              VaultRaftClient.builder()
                  .address(cluster.leaderAddress())
                  .token(cluster.rootToken())
                  .environment(Map.of())
                  .build();
          RaftSnapshotAgent agent =
              RaftSnapshotAgent.builder(client)
                  .configurations(configs)
                  .stagingDirectory(dir.resolve("staging"))
                  .build()) {
        agent.start();
        S3Gateway running = gateway;
        try (S3Client direct = RaftSnapshotAgentCloudIT.S3.client(running)) {
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(50))
              .until(
                  () ->
                      !direct.listMultipartUploads(r -> r.bucket("snapshots")).uploads().isEmpty());
        }
        gateway.close(); // mid-upload: at 1 KB/s the snapshot's bytes are still on their way
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> agent.status("s3").consecutiveErrors() >= 1);
        AutoSnapshotStatus failed = agent.status("s3");
        assertThat(failed.consecutiveErrors()).isEqualTo(1);
        assertThat(failed.lastSnapshotError()).contains("s3://snapshots/vault/it-");
        assertThat(failed.lastSnapshotUrl()).isNull();

        gateway = S3Gateway.start(folder);
        proxy.delete(link);
        proxy.link("s3", port, gateway.endpoint());
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> agent.status("s3").lastSnapshotUrl() != null);
        assertThat(agent.status("s3").consecutiveErrors()).isZero();
      }
      try (S3Client direct = RaftSnapshotAgentCloudIT.S3.client(gateway)) {
        List<String> keys =
            direct.listObjectsV2(r -> r.bucket("snapshots").prefix("vault/")).contents().stream()
                .map(S3Object::key)
                .toList();
        assertThat(keys).hasSize(1);
        Path copy = dir.resolve("stored.snap");
        direct.getObject(r -> r.bucket("snapshots").key(keys.get(0)), copy);
        assertThat(RaftSnapshots.verify(copy).intact()).isTrue();
        // The broken upload's abort failed while the server was down; the next upload retried it.
        assertThat(direct.listMultipartUploads(r -> r.bucket("snapshots")).uploads())
            .as("no unfinished upload")
            .isEmpty();
      }
      assertThat(dir.resolve("staging")).isEmptyDirectory();
    } finally {
      gateway.close();
    }
  }
}
