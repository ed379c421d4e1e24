package io.github.vaultx.raft.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.snapshot.RaftSnapshots;
import io.github.vaultx.raft.testing.AzuriteServer;
import io.github.vaultx.raft.testing.GcsEmulator;
import io.github.vaultx.raft.testing.LocalRaftCluster;
import io.github.vaultx.raft.testing.RaftClusterExtension;
import io.github.vaultx.raft.testing.S3Gateway;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The agent storing into the cloud stand-ins from a real cluster, on both servers: Versity's S3
 * gateway standing in for Amazon S3 ({@code aws-s3}), fake-gcs-server for Google Cloud Storage
 * ({@code google-gcs}) and Azurite for Azure Blob Storage ({@code azure-blob}), each read back
 * through the vendor's own SDK. A snapshot whose upload fails (the bucket is missing) leaves no
 * object and counts one error; once the bucket exists the next interval succeeds, each interval
 * stores one verified snapshot, retention keeps {@code retain}, and S3 is left no unfinished
 * multipart upload.
 */
class RaftSnapshotAgentCloudIT {
  @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(1);

  static final String BUCKET = "snapshots";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"aws-s3", "google-gcs", "azure-blob"})
  void agent_afterAFailedUpload_storesVerifiedObjects_andKeepsRetain(String storageType)
      throws Exception {
    LocalRaftCluster cluster = CLUSTER.cluster();
    try (CloudStore store = CloudStore.start(storageType, dir.resolve("emulator"))) {
      String json =
          "{\"cloud\": {\"storage_type\": \""
              + storageType
              + "\", \"interval\": \"2s\", \"retain\": 2, \"path_prefix\": \"vault/\","
              + " \"file_prefix\": \"it\", "
              + store.parameters()
              + "}}";
      Set<String> stored = new LinkedHashSet<>();
      try (VaultRaftClient client =
              VaultRaftClient.builder()
                  .address(cluster.leaderAddress())
                  .token(cluster.rootToken())
                  .environment(Map.of())
                  .build();
          RaftSnapshotAgent agent =
              RaftSnapshotAgent.builder(client)
                  .configurations(AgentConfigFile.parse(json, "agent.json"))
                  .stagingDirectory(dir.resolve("staging"))
                  .build()) {
        agent.start();
        // The bucket does not exist yet: the first upload fails and leaves nothing.
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> agent.status("cloud").consecutiveErrors() == 1);
        AutoSnapshotStatus failed = agent.status("cloud");
        assertThat(failed.lastSnapshotError()).contains("cannot upload " + store.scheme() + "://");
        assertThat(failed.lastSnapshotUrl()).isNull();
        assertThat(dir.resolve("staging")).isEmptyDirectory();

        store.createBucket(BUCKET);
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  String url = agent.status("cloud").lastSnapshotUrl();
                  if (url != null) {
                    stored.add(url);
                  }
                  return stored.size() >= 3;
                });
        AutoSnapshotStatus status = agent.status("cloud");
        assertThat(status.consecutiveErrors()).isZero();
        assertThat(status.lastSnapshotUrl())
            .matches(store.scheme() + "://" + BUCKET + "/vault/it-\\d+\\.snap");
      }

      List<String> names = store.names(BUCKET, "vault/");
      assertThat(names).hasSize(2).allMatch(name -> name.matches("vault/it-\\d+\\.snap"));
      for (String name : names) {
        assertThat(stored).contains(store.scheme() + "://" + BUCKET + "/" + name);
        Path copy = dir.resolve(name.replace('/', '-'));
        store.download(BUCKET, name, copy);
        assertThat(RaftSnapshots.verify(copy).intact()).as(name).isTrue();
      }
      if (store instanceof S3 s3) {
        // The one store whose unfinished upload outlives a failure and can be listed.
        assertThat(s3.unfinishedUploads(BUCKET)).as("unfinished multipart uploads").isEmpty();
      }
      assertThat(dir.resolve("staging")).isEmptyDirectory();
    }
  }

  /** One emulator, and what the test needs of it through the vendor's SDK. */
  interface CloudStore extends AutoCloseable {
    static CloudStore start(String storageType, Path folder) throws Exception {
      java.nio.file.Files.createDirectories(folder);
      return switch (storageType) {
        case "aws-s3" -> new S3(S3Gateway.start(folder.resolve("s3")));
        case "google-gcs" -> new Gcs(GcsEmulator.start(folder.resolve("fake-gcs-server.log")));
        case "azure-blob" -> new Azure(AzuriteServer.start(folder));
        default -> throw new IllegalArgumentException(storageType);
      };
    }

    /** The storage type's own parameters, as JSON members, for {@link #BUCKET}. */
    String parameters();

    String scheme();

    void createBucket(String bucket);

    List<String> names(String bucket, String prefix);

    void download(String bucket, String name, Path to) throws Exception;

    @Override
    void close();
  }

  static final class S3 implements CloudStore {
    private final S3Gateway gateway;
    private final S3Client s3;

    S3(S3Gateway gateway) {
      this.gateway = gateway;
      this.s3 = client(gateway);
    }

    /** An SDK client of the gateway, as the tests read what the agent stored (path style). */
    static S3Client client(S3Gateway gateway) {
      return S3Client.builder()
          .region(Region.US_EAST_1)
          .endpointOverride(URI.create("http://" + gateway.endpoint()))
          .forcePathStyle(true)
          .credentialsProvider(
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(S3Gateway.ACCESS_KEY, S3Gateway.SECRET_KEY)))
          .httpClient(UrlConnectionHttpClient.create())
          .build();
    }

    @Override
    public String parameters() {
      return "\"aws_s3_bucket\": \""
          + BUCKET
          + "\", \"aws_s3_region\": \"us-east-1\", \"aws_access_key_id\": \""
          + S3Gateway.ACCESS_KEY
          + "\", \"aws_secret_access_key\": \""
          + S3Gateway.SECRET_KEY
          + "\", \"aws_s3_endpoint\": \""
          + gateway.endpoint()
          + "\", \"aws_s3_disable_tls\": true, \"aws_s3_force_path_style\": true";
    }

    @Override
    public String scheme() {
      return "s3";
    }

    @Override
    public void createBucket(String bucket) {
      s3.createBucket(r -> r.bucket(bucket));
    }

    @Override
    public List<String> names(String bucket, String prefix) {
      return s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
          .map(S3Object::key)
          .toList();
    }

    @Override
    public void download(String bucket, String name, Path to) {
      s3.getObject(r -> r.bucket(bucket).key(name), to);
    }

    List<String> unfinishedUploads(String bucket) {
      return s3.listMultipartUploads(r -> r.bucket(bucket)).uploads().stream()
          .map(MultipartUpload::key)
          .toList();
    }

    @Override
    public void close() {
      s3.close();
      gateway.close();
    }
  }

  static final class Gcs implements CloudStore {
    private final GcsEmulator emulator;
    private final Storage storage;

    Gcs(GcsEmulator emulator) {
      this.emulator = emulator;
      this.storage =
          StorageOptions.newBuilder()
              .setHost("http://" + emulator.endpoint())
              .setProjectId("vaultx-test")
              .setCredentials(NoCredentials.getInstance())
              .build()
              .getService();
    }

    @Override
    public String parameters() {
      return "\"google_gcs_bucket\": \""
          + BUCKET
          + "\", \"google_endpoint\": \""
          + emulator.endpoint()
          + "\", \"google_disable_tls\": true, \"google_service_account_key\": "
          + quote(emulator.serviceAccountKey());
    }

    @Override
    public String scheme() {
      return "gs";
    }

    @Override
    public void createBucket(String bucket) {
      emulator.createBucket(bucket);
    }

    @Override
    public List<String> names(String bucket, String prefix) {
      List<String> names = new ArrayList<>();
      for (Blob blob : storage.list(bucket, Storage.BlobListOption.prefix(prefix)).iterateAll()) {
        names.add(blob.getName());
      }
      return names;
    }

    @Override
    public void download(String bucket, String name, Path to) {
      storage.downloadTo(BlobId.of(bucket, name), to);
    }

    @Override
    public void close() {
      try {
        storage.close();
      } catch (Exception e) {
        // closing the test's own client
      }
      emulator.close();
    }
  }

  static final class Azure implements CloudStore {
    private final AzuriteServer azurite;
    private final BlobServiceClient service;

    Azure(AzuriteServer azurite) {
      this.azurite = azurite;
      this.service =
          new BlobServiceClientBuilder()
              .endpoint(azurite.accountUrl())
              .credential(
                  new StorageSharedKeyCredential(
                      AzuriteServer.ACCOUNT_NAME, AzuriteServer.ACCOUNT_KEY))
              .buildClient();
    }

    @Override
    public String parameters() {
      return "\"azure_container_name\": \""
          + BUCKET
          + "\", \"azure_account_name\": \""
          + AzuriteServer.ACCOUNT_NAME
          + "\", \"azure_account_key\": \""
          + AzuriteServer.ACCOUNT_KEY
          + "\", \"azure_endpoint\": \""
          + azurite.accountUrl()
          + "\"";
    }

    @Override
    public String scheme() {
      return "azure";
    }

    @Override
    public void createBucket(String bucket) {
      service.createBlobContainer(bucket);
    }

    @Override
    public List<String> names(String bucket, String prefix) {
      BlobContainerClient container = service.getBlobContainerClient(bucket);
      List<String> names = new ArrayList<>();
      for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
        names.add(item.getName());
      }
      return names;
    }

    @Override
    public void download(String bucket, String name, Path to) {
      service.getBlobContainerClient(bucket).getBlobClient(name).downloadToFile(to.toString());
    }

    @Override
    public void close() {
      azurite.close();
    }
  }

  /** A JSON string literal. */
  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
