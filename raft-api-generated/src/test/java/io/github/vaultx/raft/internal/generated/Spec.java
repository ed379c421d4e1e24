package io.github.vaultx.raft.internal.generated;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The hand-written spec, loaded once, with the few look-ups the tests need. */
final class Spec {
  static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");
  static final Moshi MOSHI = new Moshi.Builder().build();

  private final Map<String, Object> root;

  private Spec(Map<String, Object> root) {
    this.root = root;
  }

  static Spec load() {
    Path file = Path.of(System.getProperty("vaultx.spec.file", "../spec/vault-raft.openapi.yaml"));
    try (InputStream in = Files.newInputStream(file)) {
      return new Spec(map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the spec at " + file, e);
    }
  }

  /** The top-level object of the spec, for rules about servers and security. */
  Map<String, Object> root() {
    return root;
  }

  Map<String, Object> schemas() {
    return map(map(root.get("components")).get("schemas"));
  }

  Map<String, Object> schema(String ref) {
    return map(schemas().get(ref.substring(ref.lastIndexOf('/') + 1)));
  }

  List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, Object> path : map(root.get("paths")).entrySet()) {
      Map<String, Object> item = map(path.getValue());
      for (String method : METHODS) {
        if (item.containsKey(method)) {
          List<Map<String, Object>> parameters = new ArrayList<>();
          parameters.addAll(resolveParameters(item.get("parameters")));
          Map<String, Object> operation = map(item.get(method));
          parameters.addAll(resolveParameters(operation.get("parameters")));
          operations.add(new Operation(path.getKey(), method, operation, parameters));
        }
      }
    }
    return operations;
  }

  private List<Map<String, Object>> resolveParameters(Object list) {
    List<Map<String, Object>> resolved = new ArrayList<>();
    if (list == null) {
      return resolved;
    }
    for (Object parameter : (List<?>) list) {
      Map<String, Object> p = map(parameter);
      if (p.containsKey("$ref")) {
        String ref = (String) p.get("$ref");
        p =
            map(
                map(map(root.get("components")).get("parameters"))
                    .get(ref.substring(ref.lastIndexOf('/') + 1)));
      }
      resolved.add(p);
    }
    return resolved;
  }

  /** Turns a YAML value into JSON text. */
  static String json(Object yamlValue) {
    return MOSHI.adapter(Object.class).serializeNulls().toJson(yamlValue);
  }

  /** Parses JSON into plain maps, lists, strings, doubles and booleans, dropping null members. */
  static Object tree(String json) throws IOException {
    return withoutNulls(MOSHI.adapter(Object.class).fromJson(json));
  }

  private static Object withoutNulls(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach(
          (k, v) -> {
            if (v != null) {
              copy.put((String) k, withoutNulls(v));
            }
          });
      return copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(v -> copy.add(withoutNulls(v)));
      return copy;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  /** One operation of the spec. */
  record Operation(
      String path, String method, Map<String, Object> body, List<Map<String, Object>> parameters) {
    String operationId() {
      return (String) body.get("operationId");
    }

    Map<String, Object> responses() {
      return map(body.get("responses"));
    }

    @Override
    public String toString() {
      return method.toUpperCase(java.util.Locale.ROOT) + " " + path + " (" + operationId() + ")";
    }
  }
}
