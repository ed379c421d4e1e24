package io.github.vaultx.raft.agent;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.github.vaultx.raft.GoogleGcsAutoSnapshotConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * {@code storage_type=google-gcs}, or a GCS-compatible server through {@code google_endpoint}: the
 * verified snapshot is sent as one resumable upload that is finalised only by its last request,
 * once every byte was sent, and with the file's CRC32C, so Google refuses to finalise an object
 * whose bytes differ. On any failure the upload is never finalised: no object, partial or empty,
 * appears under the snapshot's name (Google drops the unfinished upload after a week). The only
 * class of the agent that names the Google Cloud SDK; loaded only for a {@code google-gcs}
 * configuration.
 */
final class GcsSnapshotStore extends CloudSnapshotStore {
  /** What the upload sends per request; also what it holds in memory. */
  private static final int CHUNK = 8 << 20;

  private final Storage storage;
  private final String bucket;

  GcsSnapshotStore(GoogleGcsAutoSnapshotConfig config, String filePrefix, Path stagingDirectory) {
    super("gs", config.bucket(), config.pathPrefix(), filePrefix, stagingDirectory);
    this.bucket = config.bucket();
    StorageOptions.Builder options = StorageOptions.newBuilder();
    String key = config.serviceAccountKey();
    if (key != null) {
      // Without a key, as Vault does: the SDK's application default credentials.
      options.setCredentials(credentials(key));
    }
    String endpoint = config.endpoint();
    if (endpoint != null) {
      options.setHost(host(endpoint, Boolean.TRUE.equals(config.disableTls())));
    }
    this.storage = options.build().getService();
  }

  private static GoogleCredentials credentials(String keyJson) {
    try {
      return GoogleCredentials.fromStream(
          new ByteArrayInputStream(keyJson.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      // The SDK's message names the fault (a missing field), not the key's content.
      throw new IllegalArgumentException(
          "google_service_account_key is not a usable service account key: " + e.getMessage(), e);
    }
  }

  /**
   * {@code google_endpoint} as the SDK's host: Vault takes {@code host:port} or a URL (the Go SDK's
   * form ends in {@code /storage/v1/}), and chooses http with {@code google_disable_tls}.
   */
  static String host(String endpoint, boolean disableTls) {
    String host =
        endpoint.contains("://") ? endpoint : (disableTls ? "http://" : "https://") + endpoint;
    if (host.endsWith("/")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.endsWith("/storage/v1")) {
      host = host.substring(0, host.length() - "/storage/v1".length());
    }
    return host;
  }

  @Override
  void upload(Path file, String key) throws IOException {
    BlobInfo info =
        BlobInfo.newBuilder(BlobId.of(bucket, key))
            .setContentType("application/gzip")
            .setCrc32c(crc32c(file))
            .build();
    // Never overwrites: the name holds a timestamp, so an existing object is someone else's.
    WriteChannel upload =
        storage.writer(
            info, Storage.BlobWriteOption.doesNotExist(), Storage.BlobWriteOption.crc32cMatch());
    upload.setChunkSize(CHUNK);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
      while (in.read(buffer) >= 0 || buffer.position() > 0) {
        buffer.flip();
        upload.write(buffer);
        buffer.compact();
      }
    }
    // Only now, with every byte sent: close() sends the last request, which finalises the object.
    // On a failure above, close() is never called, so the upload stays unfinished and invisible.
    upload.close();
  }

  /** The CRC32C GCS keeps for an object: big-endian, base64. */
  static String crc32c(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      while (in.read(buffer) >= 0) {
        buffer.flip();
        crc.update(buffer);
        buffer.clear();
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    long value = crc.getValue();
    byte[] bytes = {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  List<String> list() {
    List<String> names = new ArrayList<>();
    for (Blob blob : storage.list(bucket, Storage.BlobListOption.prefix(keyPrefix)).iterateAll()) {
      names.add(blob.getName());
    }
    return names;
  }

  @Override
  void delete(String key) {
    storage.delete(BlobId.of(bucket, key));
  }

  @Override
  public void close() {
    try {
      storage.close();
    } catch (Exception e) {
      // Nothing is pending: every upload was finished or abandoned before.
    }
  }
}
