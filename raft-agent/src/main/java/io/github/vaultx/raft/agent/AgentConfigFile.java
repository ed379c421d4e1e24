package io.github.vaultx.raft.agent;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import io.github.vaultx.raft.AutoSnapshotConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import okio.Buffer;

/**
 * The agent's configuration file: a JSON object whose members are named configurations, each in the
 * JSON shape of Vault Enterprise's {@code POST sys/storage/raft/snapshot-auto/config/:name} body,
 * so a configuration moves between Vault Enterprise and the agent unchanged:
 *
 * <pre>{@code
 * {
 *   "hourly": {
 *     "storage_type": "local",
 *     "interval": "1h",
 *     "retain": 24,
 *     "path_prefix": "/var/backups/vault",
 *     "file_prefix": "vault-raft",
 *     "local_max_space": 10737418240
 *   }
 * }
 * }</pre>
 *
 * <p>Values may be typed or text, as Vault takes them ({@code "retain": "24"}); {@code interval} is
 * whole seconds or a Go duration. Whether the agent can honour a configuration is checked by {@link
 * RaftSnapshotAgent.Builder#build()}.
 */
public final class AgentConfigFile {
  private AgentConfigFile() {}

  /**
   * Reads and parses a configuration file.
   *
   * @param file the file
   * @return the configurations by name, in the file's order
   * @throws IllegalArgumentException naming the file, the configuration and the parameter if the
   *     file is not a JSON object of configurations or one of them is not valid
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Map<String, AutoSnapshotConfig> read(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return parse(json, file.toString());
  }

  /**
   * Parses a configuration file's text.
   *
   * @param json the text
   * @param source what to call it in error messages, for example its path
   * @return the configurations by name, in the text's order
   * @throws IllegalArgumentException naming the source, the configuration and the parameter if the
   *     text is not a JSON object of configurations or one of them is not valid
   */
  public static Map<String, AutoSnapshotConfig> parse(String json, String source) {
    if (json == null || source == null) {
      throw new IllegalArgumentException("json and source must not be null");
    }
    Map<String, Map<String, Object>> named;
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      named = configurations(reader, source);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new IllegalArgumentException(source + ": text after the JSON object");
      }
    } catch (JsonEncodingException | JsonDataException e) {
      // Moshi's reader names the place (a JSON path), never a value: no credential leaks.
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (named.isEmpty()) {
      throw new IllegalArgumentException(source + ": holds no configuration");
    }
    Map<String, AutoSnapshotConfig> configs = new LinkedHashMap<>();
    named.forEach(
        (name, parameters) -> {
          try {
            configs.put(name, AutoSnapshotConfig.fromVaultParameters(parameters));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                source + ": configuration " + name + ": " + e.getMessage(), e);
          }
        });
    return Collections.unmodifiableMap(configs);
  }

  /**
   * Reads the top-level object by hand rather than into a map, so that a name given twice is
   * reported by name alone: Moshi's own message would quote both values, and one may be a secret.
   */
  private static Map<String, Map<String, Object>> configurations(JsonReader reader, String source)
      throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new IllegalArgumentException(
          source + ": must be a JSON object of named configurations");
    }
    Map<String, Map<String, Object>> named = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (named.containsKey(name)) {
        throw new IllegalArgumentException(source + ": configuration " + name + " is given twice");
      }
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw new IllegalArgumentException(
            source + ": configuration " + name + " must be a JSON object of parameters");
      }
      Map<String, Object> parameters = new LinkedHashMap<>();
      reader.beginObject();
      while (reader.hasNext()) {
        String parameter = reader.nextName();
        Object value = reader.readJsonValue();
        if (parameters.containsKey(parameter)) {
          throw new IllegalArgumentException(
              source + ": configuration " + name + ": parameter " + parameter + " is given twice");
        }
        parameters.put(parameter, value);
      }
      reader.endObject();
      named.put(name, parameters);
    }
    reader.endObject();
    return named;
  }
}
