package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The typed auto-snapshot configurations: builders, validation and the wire map both ways. */
class AutoSnapshotConfigTest {

  @Test
  void seedsAutoSnapshotCall_isOneReadableStatement() {
    AutoSnapshotConfig config =
        AutoSnapshotConfig.local(Duration.ofDays(1), "/opt/vault/backups", 100_000)
            .retain(5)
            .filePrefix("vault-raft-auto-snapshot")
            .build();

    assertThat(config).isInstanceOf(LocalAutoSnapshotConfig.class);
    assertThat(((LocalAutoSnapshotConfig) config).localMaxSpace()).isEqualTo(100_000L);
    assertThat(config.storageType()).isEqualTo("local");
    assertThat(config.interval()).isEqualTo(Duration.ofDays(1));
    assertThat(config.retain()).isEqualTo(5);
    assertThat(config.filePrefix()).isEqualTo("vault-raft-auto-snapshot");
    assertThat(config.toVaultParameters())
        .containsExactly(
            Map.entry("storage_type", "local"),
            Map.entry("interval", 86_400L),
            Map.entry("path_prefix", "/opt/vault/backups"),
            Map.entry("retain", 5),
            Map.entry("file_prefix", "vault-raft-auto-snapshot"),
            Map.entry("local_max_space", 100_000L));
  }

  static Stream<AutoSnapshotConfig> everyStorageType() {
    return Stream.of(
        AutoSnapshotConfig.local(Duration.ofDays(1), "/b", 10).parameter("future", 1L).build(),
        AutoSnapshotConfig.awsS3(Duration.ofHours(6), "raft", "backups", "eu-west-1")
            .credentials("AKIA", "secret")
            .sessionToken("token")
            .endpoint("https://minio:9000")
            .disableTls(false)
            .forcePathStyle(true)
            .enableKms(true)
            .kmsKey("alias/vault")
            .autoloadEnabled(true)
            .retain(3)
            .filePrefix("raft")
            .parameter("aws_s3_future_option", true)
            .build(),
        AutoSnapshotConfig.googleGcs(Duration.ofHours(1), "raft/", "bucket")
            .serviceAccountKey("{\"type\":\"service_account\"}")
            .endpoint("http://fake-gcs:4443")
            .disableTls(true)
            .build(),
        AutoSnapshotConfig.azureBlob(Duration.ofHours(12), "raft/", "snapshots")
            .managedIdentity("acct", "cid")
            .blobEnvironment("AzurePublicCloud")
            .endpoint("http://azurite:10000")
            .parameter("azure_new_option", "x")
            .build(),
        AutoSnapshotConfig.generic("oci-object-storage", Duration.ofMinutes(5), "raft/")
            .retain(2)
            .parameter("oci_bucket", "b")
            .parameter("autoload_enabled", true)
            .build());
  }

  @ParameterizedTest
  @MethodSource("everyStorageType")
  void everyConfig_roundTripsThroughVaultParameters(AutoSnapshotConfig config) {
    assertThat(AutoSnapshotConfig.fromVaultParameters(config.toVaultParameters()))
        .isEqualTo(config)
        .hasSameClassAs(config);
  }

  @Test
  void fromVaultParameters_readsVaultsAnswer_keepingUnknownAndDroppingEmptyForeignParameters() {
    // As JSON arrives through Moshi: numbers are doubles; Vault echoes other types' fields empty.
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("storage_type", "aws-s3");
    answer.put("interval", 21_600.0);
    answer.put("path_prefix", "raft");
    answer.put("retain", 3.0);
    answer.put("aws_s3_bucket", "backups");
    answer.put("aws_s3_region", "eu-west-1");
    answer.put("aws_s3_enable_kms", false);
    answer.put("local_max_space", 0.0);
    answer.put("google_gcs_bucket", "");
    answer.put("azure_container_name", "left-over");
    answer.put("aws_s3_future_limit", 7.0);
    answer.put("aws_s3_future_tags", List.of("a", "b"));

    AwsS3AutoSnapshotConfig config =
        (AwsS3AutoSnapshotConfig) AutoSnapshotConfig.fromVaultParameters(answer);

    assertThat(config.interval()).isEqualTo(Duration.ofHours(6));
    assertThat(config.retain()).isEqualTo(3);
    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.enableKms()).isFalse();
    assertThat(config.accessKeyId()).isNull();
    assertThat(config.additionalParameters())
        .containsExactly(
            Map.entry("azure_container_name", "left-over"),
            Map.entry("aws_s3_future_limit", 7L),
            Map.entry("aws_s3_future_tags", List.of("a", "b")));
  }

  @Test
  void fromVaultParameters_takesTextAsVaultWriteDoes() {
    Map<String, Object> pairs = new LinkedHashMap<>();
    pairs.put("storage_type", "google-gcs");
    pairs.put("interval", "1d");
    pairs.put("path_prefix", "raft/");
    pairs.put("retain", "7");
    pairs.put("google_gcs_bucket", "b");
    pairs.put("google_disable_tls", "true");

    GoogleGcsAutoSnapshotConfig config =
        (GoogleGcsAutoSnapshotConfig) AutoSnapshotConfig.fromVaultParameters(pairs);

    assertThat(config.interval()).isEqualTo(Duration.ofDays(1));
    assertThat(config.retain()).isEqualTo(7);
    assertThat(config.disableTls()).isTrue();
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        bad(
            () -> AutoSnapshotConfig.local(Duration.ofMillis(1500), "/b", 0),
            "interval must be a whole number of seconds, at least one second"),
        bad(
            () -> AutoSnapshotConfig.local(Duration.ZERO, "/b", 0),
            "interval must be a whole number of seconds, at least one second"),
        bad(() -> AutoSnapshotConfig.local(null, "/b", 0), "interval must not be null"),
        bad(
            () -> AutoSnapshotConfig.local(Duration.ofDays(1), " ", 0),
            "pathPrefix must not be blank"),
        bad(
            () -> AutoSnapshotConfig.local(Duration.ofDays(1), "/b", -1),
            "localMaxSpace must not be negative"),
        bad(
            () -> AutoSnapshotConfig.local(Duration.ofDays(1), "/b", 0).retain(-1),
            "retain must not be negative"),
        bad(
            () -> AutoSnapshotConfig.local(Duration.ofDays(1), "/b", 0).filePrefix(""),
            "filePrefix must not be blank"),
        bad(
            () -> AutoSnapshotConfig.awsS3(Duration.ofDays(1), "p", "", "eu-west-1"),
            "bucket must not be blank"),
        bad(
            () -> AutoSnapshotConfig.awsS3(Duration.ofDays(1), "p", "b", " "),
            "region must not be blank"),
        bad(
            () ->
                AutoSnapshotConfig.awsS3(Duration.ofDays(1), "p", "b", "r")
                    .enableKms(true)
                    .serverSideEncryption(true)
                    .build(),
            "serverSideEncryption cannot be combined with enableKms: choose one encryption"),
        bad(
            () -> AutoSnapshotConfig.googleGcs(Duration.ofDays(1), "p/", "b").serviceAccountKey(""),
            "serviceAccountKey must not be blank"),
        bad(
            () -> AutoSnapshotConfig.azureBlob(Duration.ofDays(1), "p/", "c").sharedKey("a", " "),
            "accountKey must not be blank"),
        bad(
            () -> AutoSnapshotConfig.local(Duration.ofDays(1), "/b", 0).parameter("retain", 3),
            "name retain is a parameter of storage type local: use its method"),
        bad(
            () ->
                AutoSnapshotConfig.awsS3(Duration.ofDays(1), "p", "b", "r")
                    .parameter("aws_secret_access_key", "x"),
            "name aws_secret_access_key is a parameter of storage type aws-s3: use its method"),
        bad(
            () ->
                AutoSnapshotConfig.local(Duration.ofDays(1), "/b", 0).parameter("x", new Object()),
            "value must be a string, number, boolean, list or map"),
        bad(
            () -> AutoSnapshotConfig.generic("local", Duration.ofDays(1), "/b"),
            "storageType local has a typed configuration: use its factory"),
        bad(
            () -> AutoSnapshotConfig.fromVaultParameters(Map.of("storage_type", "local")),
            "interval must be set"),
        bad(
            () ->
                AutoSnapshotConfig.fromVaultParameters(
                    Map.of("storage_type", "local", "interval", "24h", "path_prefix", "/b")),
            "local_max_space must be set"),
        bad(
            () ->
                AutoSnapshotConfig.fromVaultParameters(
                    Map.of("storage_type", "local", "interval", "a day", "path_prefix", "/b")),
            "interval must be a duration such as 30s, 1m30s or 24h, whole seconds, or whole days"
                + " (1d)"),
        bad(
            () ->
                AutoSnapshotConfig.fromVaultParameters(
                    Map.of(
                        "storage_type", "x", "interval", 60, "path_prefix", "/b", "retain", 1.5)),
            "retain must be a whole number"),
        bad(
            () ->
                AutoSnapshotConfig.fromVaultParameters(
                    Map.of(
                        "storage_type", "google-gcs",
                        "interval", 60,
                        "path_prefix", "/b",
                        "google_gcs_bucket", "b",
                        "google_disable_tls", "yes")),
            "google_disable_tls must be true or false"),
        bad(() -> AutoSnapshotConfig.fromVaultParameters(Map.of()), "storage_type must be set"));
  }

  private static Arguments bad(ThrowingCallable call, String message) {
    return Arguments.of(call, message);
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInput_failsNamingTheParameter(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void additionalParameters_areCopiedAndUnmodifiable() {
    Map<String, Object> extra = new LinkedHashMap<>(Map.of("future", "x"));
    LocalAutoSnapshotConfig config =
        new LocalAutoSnapshotConfig(Duration.ofHours(1), "/b", 0, null, null, extra);
    extra.put("later", "y");

    assertThat(config.additionalParameters()).containsOnlyKeys("future");
    assertThatThrownBy(() -> config.additionalParameters().put("z", "z"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toString_namesTheTypeAndMasksCredentialsAndUnknownValues() {
    AutoSnapshotConfig config =
        AutoSnapshotConfig.awsS3(Duration.ofHours(1), "raft", "bucket", "eu-west-1")
            .credentials("AKIA-visible", "very-secret")
            .parameter("aws_future_credential", "also-secret")
            .build();

    assertThat(config.toString())
        .isEqualTo(
            "AwsS3AutoSnapshotConfig[storage_type=aws-s3, interval=3600, path_prefix=raft,"
                + " aws_s3_bucket=bucket, aws_s3_region=eu-west-1,"
                + " aws_access_key_id=AKIA-visible, aws_secret_access_key=****,"
                + " aws_future_credential=****]");
  }
}
