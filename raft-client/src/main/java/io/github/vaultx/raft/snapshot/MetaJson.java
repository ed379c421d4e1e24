package io.github.vaultx.raft.snapshot;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/** The part of a snapshot's {@code meta.json} (Raft's snapshot metadata) that we report. */
record MetaJson(
    String id,
    long index,
    long term,
    int version,
    long size,
    long configurationIndex,
    List<SnapshotServer> servers) {

  private static final String[] SUFFRAGES = {"voter", "nonvoter", "staging"};

  /**
   * Parses {@code content}.
   *
   * @return the metadata, or null after adding to {@code problems} why it is unusable
   */
  static @Nullable MetaJson parse(byte[] content, List<String> problems) {
    String id = null;
    long index = 0;
    long term = 0;
    int version = 0;
    long size = 0;
    long configurationIndex = 0;
    List<SnapshotServer> servers = List.of();
    try (JsonReader json = JsonReader.of(new Buffer().write(content))) {
      json.beginObject();
      while (json.hasNext()) {
        switch (json.nextName()) {
          case "Version" -> version = json.nextInt();
          case "ID" -> id = json.nextString();
          case "Index" -> index = json.nextLong();
          case "Term" -> term = json.nextLong();
          case "ConfigurationIndex" -> configurationIndex = json.nextLong();
          case "Size" -> size = json.nextLong();
          case "Configuration" -> servers = servers(json);
          default -> json.skipValue();
        }
      }
      json.endObject();
    } catch (JsonDataException | JsonEncodingException | EOFException e) {
      problems.add("meta.json is not the Raft snapshot metadata (" + e.getMessage() + ")");
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (id == null) {
      problems.add("meta.json has no ID");
      return null;
    }
    return new MetaJson(id, index, term, version, size, configurationIndex, servers);
  }

  private static List<SnapshotServer> servers(JsonReader json) throws IOException {
    List<SnapshotServer> servers = new ArrayList<>();
    if (json.peek() == JsonReader.Token.NULL) {
      json.nextNull();
      return servers;
    }
    json.beginObject();
    while (json.hasNext()) {
      if (!json.nextName().equals("Servers") || json.peek() == JsonReader.Token.NULL) {
        json.skipValue();
        continue;
      }
      json.beginArray();
      while (json.hasNext()) {
        String id = "";
        String address = "";
        String suffrage = "voter";
        json.beginObject();
        while (json.hasNext()) {
          switch (json.nextName()) {
            case "ID" -> id = json.nextString();
            case "Address" -> address = json.nextString();
            case "Suffrage" -> {
              int s = json.nextInt();
              suffrage = s >= 0 && s < SUFFRAGES.length ? SUFFRAGES[s] : String.valueOf(s);
            }
            default -> json.skipValue();
          }
        }
        json.endObject();
        servers.add(new SnapshotServer(id, address, suffrage));
      }
      json.endArray();
    }
    json.endObject();
    return servers;
  }
}
