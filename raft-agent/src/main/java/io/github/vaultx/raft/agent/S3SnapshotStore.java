package io.github.vaultx.raft.agent;

import io.github.vaultx.raft.AwsS3AutoSnapshotConfig;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@code storage_type=aws-s3}, or any S3-compatible server through {@code aws_s3_endpoint}: the
 * verified snapshot is sent as a multipart upload that is completed only once every part arrived
 * and aborted on any failure, so no partial or empty object ever appears under a snapshot's name.
 * The only class of the agent that names the AWS SDK; loaded only for an {@code aws-s3}
 * configuration.
 */
final class S3SnapshotStore extends CloudSnapshotStore {
  private static final long MIN_PART = 16L << 20;
  private static final int MAX_PARTS = 10_000;

  private final S3Client s3;
  private final String bucket;
  private final AwsS3AutoSnapshotConfig config;

  /**
   * Uploads whose abort failed (the server was gone when the upload broke), by upload id: each
   * later upload tries again first, so that a stopped server leaves no unfinished upload behind
   * once it is back.
   */
  private final Map<String, String> unaborted = new ConcurrentHashMap<>();

  S3SnapshotStore(AwsS3AutoSnapshotConfig config, String filePrefix, Path stagingDirectory) {
    super("s3", config.bucket(), config.pathPrefix(), filePrefix, stagingDirectory);
    this.config = config;
    this.bucket = config.bucket();
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(config.region()))
            .credentialsProvider(credentials(config))
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    String endpoint = config.endpoint();
    if (endpoint != null) {
      builder.endpointOverride(endpoint(endpoint, Boolean.TRUE.equals(config.disableTls())));
    }
    if (config.forcePathStyle() != null) {
      builder.forcePathStyle(config.forcePathStyle());
    }
    this.s3 = builder.build();
  }

  /** Vault takes {@code host:port} and chooses http with {@code aws_s3_disable_tls}. */
  static URI endpoint(String endpoint, boolean disableTls) {
    return URI.create(
        endpoint.contains("://") ? endpoint : (disableTls ? "http://" : "https://") + endpoint);
  }

  private static AwsCredentialsProvider credentials(AwsS3AutoSnapshotConfig config) {
    String id = config.accessKeyId();
    String secret = config.secretAccessKey();
    if (id == null || secret == null) {
      // As Vault does without keys: environment, profile, container or instance credentials.
      return DefaultCredentialsProvider.builder().build();
    }
    String session = config.sessionToken();
    AwsCredentials keys =
        session == null
            ? AwsBasicCredentials.create(id, secret)
            : AwsSessionCredentials.create(id, secret, session);
    return StaticCredentialsProvider.create(keys);
  }

  @Override
  void upload(Path file, String key) throws IOException {
    unaborted.forEach((id, unfinished) -> abort(unfinished, id));
    CreateMultipartUploadRequest.Builder create =
        CreateMultipartUploadRequest.builder()
            .bucket(bucket)
            .key(key)
            .contentType("application/gzip");
    if (Boolean.TRUE.equals(config.enableKms())) {
      create.serverSideEncryption(ServerSideEncryption.AWS_KMS);
      if (config.kmsKey() != null) {
        create.ssekmsKeyId(config.kmsKey());
      }
    } else if (Boolean.TRUE.equals(config.serverSideEncryption())) {
      create.serverSideEncryption(ServerSideEncryption.AES256);
    }
    String uploadId = s3.createMultipartUpload(create.build()).uploadId();
    try {
      long size = Files.size(file);
      long partSize = Math.max(MIN_PART, (size + MAX_PARTS - 1) / MAX_PARTS);
      List<CompletedPart> parts = new ArrayList<>();
      long position = 0;
      int number = 1;
      do {
        long length = Math.min(partSize, size - position);
        long from = position;
        int partNumber = number;
        String eTag =
            s3.uploadPart(
                    r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                    RequestBody.fromContentProvider(
                        () -> range(file, from, length), length, "application/octet-stream"))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        position += length;
        number++;
      } while (position < size);
      s3.completeMultipartUpload(
          r ->
              r.bucket(bucket)
                  .key(key)
                  .uploadId(uploadId)
                  .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
    } catch (IOException | RuntimeException e) {
      abort(key, uploadId);
      throw e;
    }
  }

  private void abort(String key, String uploadId) {
    try {
      s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
      unaborted.remove(uploadId);
    } catch (SdkException e) {
      // Tried again before the next upload; else the next start or the bucket's lifecycle rule.
      unaborted.put(uploadId, key);
    }
  }

  @Override
  List<String> list() {
    List<String> keys = new ArrayList<>();
    for (S3Object object :
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(keyPrefix)).contents()) {
      keys.add(object.key());
    }
    return keys;
  }

  @Override
  void delete(String key) {
    s3.deleteObject(r -> r.bucket(bucket).key(key));
  }

  /**
   * Aborts the unfinished multipart uploads of this configuration's snapshots (an agent killed in
   * the middle of an upload leaves one; it holds storage but no object) when the bucket can be
   * listed, then removes the staging files.
   */
  @Override
  public void removeLeftovers() {
    try {
      for (MultipartUpload upload :
          s3.listMultipartUploadsPaginator(r -> r.bucket(bucket).prefix(keyPrefix)).uploads()) {
        if (isSnapshot(upload.key())) {
          abort(upload.key(), upload.uploadId());
        }
      }
    } catch (SdkException e) {
      // Best effort, as for GCS and Azure: a bucket that is missing or unreadable at start is the
      // first interval's error (with its reason in the status), not a reason to refuse to start.
    }
    super.removeLeftovers();
  }

  /** {@code length} bytes of {@code file} from {@code from}: one part, re-read on a retry. */
  private static InputStream range(Path file, long from, long length) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(from);
      return new FilterInputStream(Channels.newInputStream(channel)) {
        private long left = length;

        @Override
        public int read() throws IOException {
          if (left <= 0) {
            return -1;
          }
          int b = super.read();
          if (b >= 0) {
            left--;
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
          if (left <= 0) {
            return -1;
          }
          int n = super.read(buffer, offset, (int) Math.min(count, left));
          if (n > 0) {
            left -= n;
          }
          return n;
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }
}
