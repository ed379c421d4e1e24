/**
 * The vaultx-raft snapshot agent: Vault Enterprise's automated snapshots for every server, built on
 * the public API of {@code io.github.vaultx.raft}. See {@link
 * io.github.vaultx.raft.agent.RaftSnapshotAgent}.
 */
module io.github.vaultx.raft.agent {
  requires transitive io.github.vaultx.raft;
  requires transitive org.jspecify;
  requires com.squareup.moshi;
  requires okio;
  requires org.slf4j;
  requires jdk.httpserver;
  requires java.net.http;

  // Metrics are optional (as the client's are, ADR 9): only AgentMetrics names Micrometer.
  requires static micrometer.core;
  requires static micrometer.registry.prometheus;

  // storage_type aws-s3 is optional too: only S3SnapshotStore names the AWS SDK.
  requires static software.amazon.awssdk.services.s3;
  requires static software.amazon.awssdk.core;
  requires static software.amazon.awssdk.awscore;
  requires static software.amazon.awssdk.regions;
  requires static software.amazon.awssdk.auth;
  requires static software.amazon.awssdk.identity.spi;
  requires static software.amazon.awssdk.http;
  requires static software.amazon.awssdk.http.urlconnection;
  requires static software.amazon.awssdk.utils;

  // So are google-gcs and azure-blob: only GcsSnapshotStore and AzureBlobSnapshotStore name them.
  requires static google.cloud.storage;
  requires static google.cloud.core;
  requires static gax;
  requires static com.google.auth.oauth2;
  requires static com.google.auth;
  requires static com.azure.storage.blob;
  requires static com.azure.storage.common;
  requires static com.azure.core;

  exports io.github.vaultx.raft.agent;
}
