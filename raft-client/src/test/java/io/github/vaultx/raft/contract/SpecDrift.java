package io.github.vaultx.raft.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what a server says it serves under {@code sys/storage/raft} with our spec: every path,
 * method and request parameter of the server must be in the spec or in the exclusion file. Both
 * sides are normalised first: trailing slashes go, path parameters are compared by position ({@code
 * {name}} and {@code {config_name}} are the same), PUT counts as POST (Vault treats them alike),
 * and a GET with a {@code list} query parameter is Vault's LIST.
 */
final class SpecDrift {
  static final String RAFT = "/sys/storage/raft";

  /** The differences nobody explained, and the exclusions that matched, with their reasons. */
  record Report(List<String> unexplained, Map<String, String> excused, Set<String> unused) {}

  private SpecDrift() {}

  /**
   * Reads the exclusion file: the map {@code exclusions} (every server) plus the map named after
   * the server ({@code openbao} or {@code vault}), each from key to a one-line reason.
   */
  static Map<String, String> exclusions(Path file, String server) {
    try {
      JsonNode root = OpenApiDocument.YAML.readTree(Files.readString(file));
      Map<String, String> exclusions = new LinkedHashMap<>();
      for (String section : List.of("exclusions", server)) {
        root.path(section)
            .fields()
            .forEachRemaining(e -> exclusions.put(normaliseKey(e.getKey()), e.getValue().asText()));
      }
      for (Map.Entry<String, String> e : exclusions.entrySet()) {
        if (e.getValue().isBlank()) {
          throw new IllegalArgumentException("exclusion without a reason: " + e.getKey());
        }
      }
      return exclusions;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * The server's operations (key {@code METHOD /path}) with their request parameters (query and
   * body, path parameters aside).
   */
  static Map<String, Set<String>> operations(OpenApiDocument document) {
    Map<String, Set<String>> operations = new TreeMap<>();
    for (OpenApiDocument.Operation op : document.operations(RAFT)) {
      String path = normalisePath(op.path());
      Set<String> parameters = new TreeSet<>(document.requestBodyProperties(op));
      boolean list = false;
      boolean listOnly = false;
      for (JsonNode p : document.parameters(op)) {
        String in = p.path("in").asText();
        String name = p.path("name").asText();
        if (in.equals("query") && name.equals("list") && op.method().equals("get")) {
          list = true;
          listOnly = p.path("required").asBoolean(false);
        } else if (in.equals("query")) {
          parameters.add(name);
        }
      }
      String method = op.method().equals("put") ? "POST" : op.method().toUpperCase(Locale.ROOT);
      if (list) {
        operations.computeIfAbsent("LIST " + path, k -> new TreeSet<>()).addAll(parameters);
      }
      if (!listOnly) {
        operations.computeIfAbsent(method + " " + path, k -> new TreeSet<>()).addAll(parameters);
      }
    }
    return operations;
  }

  /** Every way the server differs from the spec, minus the explained ones. */
  static Report compare(
      OpenApiDocument server, OpenApiDocument spec, Map<String, String> exclusions) {
    Map<String, Set<String>> served = operations(server);
    Map<String, Set<String>> specified = operations(spec);
    List<String> unexplained = new ArrayList<>();
    Map<String, String> excused = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> op : served.entrySet()) {
      String key = op.getKey();
      String path = key.substring(key.indexOf(' ') + 1);
      if (!specified.containsKey(key)) {
        String reason = firstNonNull(exclusions.get(key), exclusions.get(path));
        if (reason != null) {
          excused.put(key, reason);
        } else {
          unexplained.add("the server serves " + key + "; the spec does not have it");
        }
        continue;
      }
      for (String parameter : op.getValue()) {
        if (specified.get(key).contains(parameter)) {
          continue;
        }
        String reason = exclusions.get(key + " " + parameter);
        if (reason != null) {
          excused.put(key + " " + parameter, reason);
        } else {
          unexplained.add(
              "the server's " + key + " takes parameter " + parameter + "; the spec does not");
        }
      }
    }
    Set<String> unused = new TreeSet<>(exclusions.keySet());
    unused.removeAll(excused.keySet());
    excused.keySet().forEach(k -> unused.remove(k.substring(k.indexOf(' ') + 1)));
    return new Report(unexplained, excused, unused);
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  /** {@code /sys/x/{config_name}/} becomes {@code /sys/x/{}}. */
  static String normalisePath(String path) {
    String p = path.replaceAll("\\{[^}/]*}", "{}");
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static String normaliseKey(String key) {
    String[] parts = key.trim().split("\\s+");
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].startsWith("/")) {
        parts[i] = normalisePath(parts[i]);
      }
    }
    return String.join(" ", parts);
  }
}
