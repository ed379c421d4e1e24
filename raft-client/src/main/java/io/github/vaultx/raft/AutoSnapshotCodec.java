package io.github.vaultx.raft;

import static io.github.vaultx.raft.AutoSnapshotParameter.*;

import io.github.vaultx.raft.internal.access.Checks;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link AutoSnapshotConfig} records into Vault's parameter map and back, and holds the rules
 * their values follow. Names, value types and secrecy come from {@link AutoSnapshotParameter}.
 */
final class AutoSnapshotCodec {
  private static final String MASK = "****";

  private AutoSnapshotCodec() {}

  /** Returns the parameters under Vault's names, in the table's order, additional ones last. */
  static Map<String, Object> toWire(AutoSnapshotConfig config) {
    Map<String, Object> wire = new LinkedHashMap<>();
    typed(config).forEach((parameter, value) -> wire.put(parameter.wireName(), value));
    wire.putAll(config.additionalParameters());
    return Collections.unmodifiableMap(wire);
  }

  /** Returns {@link #toWire} with credentials and additional parameters masked. */
  static Map<String, Object> redacted(AutoSnapshotConfig config) {
    Map<String, Object> wire = new LinkedHashMap<>();
    typed(config).forEach((p, value) -> wire.put(p.wireName(), p.secret() ? MASK : value));
    config.additionalParameters().keySet().forEach(name -> wire.put(name, MASK));
    return Collections.unmodifiableMap(wire);
  }

  /** The {@code toString()} of every configuration record. */
  static String describe(AutoSnapshotConfig config) {
    return redacted(config).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", config.getClass().getSimpleName() + "[", "]"));
  }

  private static Map<AutoSnapshotParameter, Object> typed(AutoSnapshotConfig c) {
    Map<AutoSnapshotParameter, @Nullable Object> v = new EnumMap<>(AutoSnapshotParameter.class);
    v.put(STORAGE_TYPE, c.storageType());
    v.put(INTERVAL, c.interval().getSeconds());
    v.put(PATH_PREFIX, c.pathPrefix());
    v.put(RETAIN, c.retain());
    v.put(FILE_PREFIX, c.filePrefix());
    if (c instanceof LocalAutoSnapshotConfig) {
      v.put(LOCAL_MAX_SPACE, ((LocalAutoSnapshotConfig) c).localMaxSpace());
    } else if (c instanceof AwsS3AutoSnapshotConfig) {
      AwsS3AutoSnapshotConfig s3 = (AwsS3AutoSnapshotConfig) c;
      v.put(AUTOLOAD_ENABLED, s3.autoloadEnabled());
      v.put(AWS_S3_BUCKET, s3.bucket());
      v.put(AWS_S3_REGION, s3.region());
      v.put(AWS_ACCESS_KEY_ID, s3.accessKeyId());
      v.put(AWS_SECRET_ACCESS_KEY, s3.secretAccessKey());
      v.put(AWS_SESSION_TOKEN, s3.sessionToken());
      v.put(AWS_S3_ENDPOINT, s3.endpoint());
      v.put(AWS_S3_DISABLE_TLS, s3.disableTls());
      v.put(AWS_S3_FORCE_PATH_STYLE, s3.forcePathStyle());
      v.put(AWS_S3_ENABLE_KMS, s3.enableKms());
      v.put(AWS_S3_KMS_KEY, s3.kmsKey());
      v.put(AWS_S3_SERVER_SIDE_ENCRYPTION, s3.serverSideEncryption());
    } else if (c instanceof GoogleGcsAutoSnapshotConfig) {
      GoogleGcsAutoSnapshotConfig gcs = (GoogleGcsAutoSnapshotConfig) c;
      v.put(AUTOLOAD_ENABLED, gcs.autoloadEnabled());
      v.put(GOOGLE_GCS_BUCKET, gcs.bucket());
      v.put(GOOGLE_SERVICE_ACCOUNT_KEY, gcs.serviceAccountKey());
      v.put(GOOGLE_ENDPOINT, gcs.endpoint());
      v.put(GOOGLE_DISABLE_TLS, gcs.disableTls());
    } else if (c instanceof AzureBlobAutoSnapshotConfig) {
      AzureBlobAutoSnapshotConfig azure = (AzureBlobAutoSnapshotConfig) c;
      v.put(AUTOLOAD_ENABLED, azure.autoloadEnabled());
      v.put(AZURE_CONTAINER_NAME, azure.containerName());
      v.put(AZURE_ACCOUNT_NAME, azure.accountName());
      v.put(AZURE_ACCOUNT_KEY, azure.accountKey());
      v.put(AZURE_AUTH_MODE, azure.authMode());
      v.put(AZURE_CLIENT_ID, azure.clientId());
      v.put(AZURE_BLOB_ENVIRONMENT, azure.blobEnvironment());
      v.put(AZURE_ENDPOINT, azure.endpoint());
    }
    Map<AutoSnapshotParameter, Object> set = new EnumMap<>(AutoSnapshotParameter.class);
    v.forEach(
        (parameter, value) -> {
          if (value != null) {
            set.put(parameter, value);
          }
        });
    return set;
  }

  /**
   * Builds the record for {@code wire}'s storage type. Parameters Vault documents for another
   * storage type are dropped when empty (Vault echoes its whole structure) and kept as additional
   * parameters otherwise, like names Vault does not document.
   *
   * @throws IllegalArgumentException naming the parameter that is missing or has the wrong type
   */
  static AutoSnapshotConfig fromWire(Map<String, ?> wire) {
    Checks.notNull(wire, "parameters");
    Object type = wire.get(STORAGE_TYPE.wireName());
    if (!(type instanceof String) || ((String) type).isBlank()) {
      throw new IllegalArgumentException("storage_type must be set");
    }
    String storageType = (String) type;
    Map<AutoSnapshotParameter, Object> v = new EnumMap<>(AutoSnapshotParameter.class);
    Map<String, Object> extra = new LinkedHashMap<>();
    wire.forEach(
        (name, value) -> {
          if (value == null) {
            return;
          }
          Optional<AutoSnapshotParameter> known = AutoSnapshotParameter.byWireName(name);
          if (known.isPresent() && owned(storageType, known.get())) {
            v.put(known.get(), convert(known.get(), value));
          } else if (known.isEmpty() || !isEmpty(value)) {
            extra.put(name, value instanceof Number ? number((Number) value) : value);
          }
        });
    Duration interval = (Duration) required(v, INTERVAL);
    String pathPrefix = (String) required(v, PATH_PREFIX);
    Integer retain = (Integer) v.get(RETAIN);
    String filePrefix = (String) v.get(FILE_PREFIX);
    Boolean autoload = (Boolean) v.get(AUTOLOAD_ENABLED);
    Optional<StorageType> typed = StorageType.byWireName(storageType);
    if (typed.isEmpty()) {
      return new GenericAutoSnapshotConfig(
          storageType, interval, pathPrefix, retain, filePrefix, extra);
    }
    return switch (typed.get()) {
      case LOCAL ->
          new LocalAutoSnapshotConfig(
              interval, pathPrefix, (Long) required(v, LOCAL_MAX_SPACE), retain, filePrefix, extra);
      case AWS_S3 ->
          new AwsS3AutoSnapshotConfig(
              interval,
              pathPrefix,
              (String) required(v, AWS_S3_BUCKET),
              (String) required(v, AWS_S3_REGION),
              retain,
              filePrefix,
              autoload,
              (String) v.get(AWS_ACCESS_KEY_ID),
              (String) v.get(AWS_SECRET_ACCESS_KEY),
              (String) v.get(AWS_SESSION_TOKEN),
              (String) v.get(AWS_S3_ENDPOINT),
              (Boolean) v.get(AWS_S3_DISABLE_TLS),
              (Boolean) v.get(AWS_S3_FORCE_PATH_STYLE),
              (Boolean) v.get(AWS_S3_ENABLE_KMS),
              (String) v.get(AWS_S3_KMS_KEY),
              (Boolean) v.get(AWS_S3_SERVER_SIDE_ENCRYPTION),
              extra);
      case GOOGLE_GCS ->
          new GoogleGcsAutoSnapshotConfig(
              interval,
              pathPrefix,
              (String) required(v, GOOGLE_GCS_BUCKET),
              retain,
              filePrefix,
              autoload,
              (String) v.get(GOOGLE_SERVICE_ACCOUNT_KEY),
              (String) v.get(GOOGLE_ENDPOINT),
              (Boolean) v.get(GOOGLE_DISABLE_TLS),
              extra);
      case AZURE_BLOB ->
          new AzureBlobAutoSnapshotConfig(
              interval,
              pathPrefix,
              (String) required(v, AZURE_CONTAINER_NAME),
              retain,
              filePrefix,
              autoload,
              (String) v.get(AZURE_ACCOUNT_NAME),
              (String) v.get(AZURE_AUTH_MODE),
              (String) v.get(AZURE_ACCOUNT_KEY),
              (String) v.get(AZURE_CLIENT_ID),
              (String) v.get(AZURE_BLOB_ENVIRONMENT),
              (String) v.get(AZURE_ENDPOINT),
              extra);
    };
  }

  /** Whether {@code p} is a typed parameter of {@code storageType}'s record. */
  private static boolean owned(String storageType, AutoSnapshotParameter p) {
    return p.common() || p.appliesTo(storageType);
  }

  private static Object required(
      Map<AutoSnapshotParameter, Object> values, AutoSnapshotParameter p) {
    Object value = values.get(p);
    if (value == null) {
      throw new IllegalArgumentException(p.wireName() + " must be set");
    }
    return value;
  }

  private static boolean isEmpty(Object value) {
    return value.equals("")
        || value.equals(Boolean.FALSE)
        || (value instanceof Number && ((Number) value).doubleValue() == 0);
  }

  private static Object convert(AutoSnapshotParameter p, Object value) {
    String name = p.wireName();
    switch (p.kind()) {
      case BOOLEAN:
        if (value instanceof Boolean) {
          return value;
        }
        if (value.equals("true") || value.equals("false")) {
          return Boolean.valueOf((String) value);
        }
        throw new IllegalArgumentException(name + " must be true or false");
      case INTEGER:
        long whole = whole(value, name);
        if (whole != (int) whole) {
          throw new IllegalArgumentException(name + " is out of range");
        }
        return (int) whole;
      case LONG:
        return whole(value, name);
      case SECONDS:
        return value instanceof String
            ? VaultDurations.parse((String) value, name)
            : Duration.ofSeconds(whole(value, name));
      default:
        if (!(value instanceof String)) {
          throw new IllegalArgumentException(name + " must be a string");
        }
        return value;
    }
  }

  private static long whole(Object value, String name) {
    try {
      if (value instanceof Number) {
        return new BigDecimal(value.toString()).longValueExact();
      }
      if (value instanceof String) {
        return Long.parseLong(((String) value).trim());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // reported below, without the value
    }
    throw new IllegalArgumentException(name + " must be a whole number");
  }

  /** JSON numbers arrive as doubles: keep whole ones whole, so they are sent back as written. */
  private static Number number(Number value) {
    try {
      return new BigDecimal(value.toString()).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return value;
    }
  }

  // The rules the records and builders share, one place each.

  /** Checks the parameters every storage type has. */
  static void checkCommon(
      @Nullable Duration interval,
      @Nullable String pathPrefix,
      @Nullable Integer retain,
      @Nullable String filePrefix) {
    interval(interval);
    text(pathPrefix, "pathPrefix");
    if (retain != null) {
      retain(retain);
    }
    optionalText(filePrefix, "filePrefix");
  }

  /** Checks {@code interval}: whole seconds, at least one second. */
  static Duration interval(@Nullable Duration value) {
    Duration interval = Checks.notNull(value, "interval");
    if (interval.getSeconds() < 1 || interval.getNano() != 0) {
      throw new IllegalArgumentException(
          "interval must be a whole number of seconds, at least one second");
    }
    return interval;
  }

  /** Checks a required text parameter. */
  static String text(@Nullable String value, String name) {
    return Checks.noControlCharacters(value, name);
  }

  /** Checks an optional text parameter. */
  static @Nullable String optionalText(@Nullable String value, String name) {
    return value == null ? null : text(value, name);
  }

  /** Checks {@code retain}. */
  static int retain(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("retain must not be negative");
    }
    return count;
  }

  /** Checks a count that must not be negative. */
  static long notNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
    return value;
  }

  /** Checks the storage type of a generic configuration: one this client has no record for. */
  static String unknownStorageType(@Nullable String value) {
    String storageType = text(value, "storageType");
    if (StorageType.byWireName(storageType).isPresent()) {
      throw new IllegalArgumentException(
          "storageType " + storageType + " has a typed configuration: use its factory");
    }
    return storageType;
  }

  /** Checks and copies the additional parameters of a {@code storageType} configuration. */
  static Map<String, Object> additional(
      String storageType, @Nullable Map<String, Object> parameters) {
    Map<String, Object> p = Checks.notNull(parameters, "additionalParameters");
    Map<String, Object> copy = new LinkedHashMap<>();
    p.forEach(
        (name, value) -> {
          checkAdditional(storageType, name, value);
          copy.put(name, value);
        });
    return Collections.unmodifiableMap(copy);
  }

  /** Checks one additional parameter of a {@code storageType} configuration. */
  static void checkAdditional(
      String storageType, @Nullable String parameterName, @Nullable Object value) {
    String name = Checks.noControlCharacters(parameterName, "name");
    Optional<AutoSnapshotParameter> known = AutoSnapshotParameter.byWireName(name);
    if (known.isPresent() && owned(storageType, known.get())) {
      throw new IllegalArgumentException(
          "name " + name + " is a parameter of storage type " + storageType + ": use its method");
    }
    Checks.notNull(value, "value");
    if (!(value instanceof String
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof List
        || value instanceof Map)) {
      throw new IllegalArgumentException("value must be a string, number, boolean, list or map");
    }
  }
}
