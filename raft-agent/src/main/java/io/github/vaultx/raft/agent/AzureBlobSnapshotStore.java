package io.github.vaultx.raft.agent;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.github.vaultx.raft.AzureBlobAutoSnapshotConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code storage_type=azure-blob}, or an Azure-compatible server such as Azurite through {@code
 * azure_endpoint}: the verified snapshot is staged as uncommitted blocks, each with its MD5 so
 * Azure refuses a block that arrived altered, and becomes a blob only when the block list is
 * committed, after the last block was staged. On any failure the list is never committed: no blob,
 * partial or empty, appears under the snapshot's name (Azure discards uncommitted blocks after
 * seven days). The only class of the agent that names the Azure SDK; loaded only for an {@code
 * azure-blob} configuration.
 */
final class AzureBlobSnapshotStore extends CloudSnapshotStore {
  private static final long MIN_BLOCK = 8L << 20;
  private static final int MAX_BLOCKS = 50_000;

  private final BlobContainerClient container;

  AzureBlobSnapshotStore(
      AzureBlobAutoSnapshotConfig config, String filePrefix, Path stagingDirectory) {
    super("azure", config.containerName(), config.pathPrefix(), filePrefix, stagingDirectory);
    // RaftSnapshotAgent.Builder refused a configuration without the account's name and key.
    String account = require(config.accountName(), "azure_account_name");
    String key = require(config.accountKey(), "azure_account_key");
    this.container =
        new BlobContainerClientBuilder()
            .endpoint(accountUrl(account, config.blobEnvironment(), config.endpoint()))
            .containerName(config.containerName())
            .credential(new StorageSharedKeyCredential(account, key))
            .buildClient();
  }

  private static String require(@Nullable String value, String parameter) {
    if (value == null) {
      throw new IllegalArgumentException(parameter + " is required");
    }
    return value;
  }

  /**
   * The storage account's blob service: {@code azure_endpoint} as given (Azurite's is {@code
   * http://127.0.0.1:10000/devstoreaccount1}; https when it has no scheme), else {@code
   * https://<account>.blob.<the cloud's suffix>}.
   *
   * @throws IllegalArgumentException if {@code azure_blob_environment} names no known cloud
   */
  static String accountUrl(
      String account, @Nullable String blobEnvironment, @Nullable String endpoint) {
    if (endpoint != null) {
      String url = endpoint.contains("://") ? endpoint : "https://" + endpoint;
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
    String suffix =
        AzureClouds.suffix(blobEnvironment == null ? "AzurePublicCloud" : blobEnvironment);
    if (suffix == null) {
      throw new IllegalArgumentException(
          "azure_blob_environment "
              + blobEnvironment
              + " is not a known Azure cloud ("
              + AzureClouds.NAMES
              + ")");
    }
    return "https://" + account + ".blob." + suffix;
  }

  @Override
  void upload(Path file, String key) throws IOException {
    try {
      stageAndCommit(file, key);
    } catch (BlobStorageException e) {
      // The SDK's own message holds the whole XML answer; its status and code say it in a line.
      throw new IOException(e.getStatusCode() + " " + e.getErrorCode(), e);
    }
  }

  private void stageAndCommit(Path file, String key) throws IOException {
    BlockBlobClient blob = container.getBlobClient(key).getBlockBlobClient();
    long size = Files.size(file);
    long blockSize = Math.max(MIN_BLOCK, (size + MAX_BLOCKS - 1) / MAX_BLOCKS);
    MessageDigest whole = md5();
    List<String> ids = new ArrayList<>();
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(blockSize, size));
      int number = 0;
      while (true) {
        buffer.clear();
        while (buffer.hasRemaining()) {
          if (in.read(buffer) < 0) {
            break;
          }
        }
        if (buffer.position() == 0) {
          break;
        }
        byte[] block = new byte[buffer.position()];
        buffer.flip().get(block);
        whole.update(block);
        String id = blockId(number++);
        blob.stageBlockWithResponse(
            new BlockBlobStageBlockOptions(id, BinaryData.fromBytes(block))
                .setContentMd5(md5().digest(block)),
            null,
            Context.NONE);
        ids.add(id);
      }
    }
    // Only now, with every block staged, is the blob created, all at once. IfNoneMatch("*") never
    // replaces an existing blob: the name holds a timestamp, so one that exists is someone else's.
    blob.commitBlockListWithResponse(
        new BlockBlobCommitBlockListOptions(ids)
            .setHeaders(
                new BlobHttpHeaders()
                    .setContentType("application/gzip")
                    .setContentMd5(whole.digest()))
            .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")),
        null,
        Context.NONE);
  }

  /** Block ids must be base64 and all of one length within a blob. */
  static String blockId(int number) {
    return Base64.getEncoder()
        .encodeToString(
            String.format(Locale.ROOT, "block-%08d", number).getBytes(StandardCharsets.US_ASCII));
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks MD5", e);
    }
  }

  @Override
  List<String> list() {
    List<String> names = new ArrayList<>();
    for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(keyPrefix), null)) {
      names.add(item.getName());
    }
    return names;
  }

  @Override
  void delete(String key) {
    container.getBlobClient(key).delete();
  }
}
