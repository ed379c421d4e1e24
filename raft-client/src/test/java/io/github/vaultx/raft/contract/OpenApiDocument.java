package io.github.vaultx.raft.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An OpenAPI 3.0 document (our spec, or the one a server serves), with what the contract tests
 * need: the operations under a path prefix with their request parameters, and a response schema
 * turned into JSON Schema (2020-12) for networknt's validator.
 */
final class OpenApiDocument {
  static final ObjectMapper JSON = new ObjectMapper();
  static final YAMLMapper YAML = new YAMLMapper();

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

  /** OpenAPI keywords that JSON Schema does not have or that only document. */
  private static final Set<String> OPENAPI_ONLY =
      Set.of("nullable", "example", "discriminator", "xml", "externalDocs", "deprecated");

  /** Keywords whose value is a map from names to schemas. */
  private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs");

  /** Keywords whose value is a list of schemas. */
  private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf");

  /** Keywords whose value is one schema. */
  private static final Set<String> SCHEMAS = Set.of("items", "additionalProperties", "not");

  private final JsonNode root;

  private OpenApiDocument(JsonNode root) {
    this.root = root;
  }

  /** Our hand-written spec, {@code spec/vault-raft.openapi.yaml} of this repository. */
  static OpenApiDocument spec() {
    return load(repoRoot().resolve("spec/vault-raft.openapi.yaml"));
  }

  static Path repoRoot() {
    // Failsafe passes the root; surefire runs in the module's directory.
    return Path.of(System.getProperty("vaultx.repo.root", "..")).toAbsolutePath().normalize();
  }

  static OpenApiDocument load(Path file) {
    try {
      return yaml(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Parses YAML or JSON (JSON is YAML). */
  static OpenApiDocument yaml(String text) {
    try {
      return new OpenApiDocument(YAML.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode root() {
    return root;
  }

  /** One operation: its normalised key ({@code GET /sys/...}) and raw OpenAPI nodes. */
  record Operation(String method, String path, JsonNode pathItem, JsonNode operation) {}

  /** Every operation whose path contains {@code pathPart}, as the document writes them. */
  List<Operation> operations(String pathPart) {
    List<Operation> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      if (!path.getKey().contains(pathPart)) {
        continue;
      }
      for (String method : METHODS) {
        JsonNode operation = path.getValue().get(method);
        if (operation != null) {
          operations.add(new Operation(method, path.getKey(), path.getValue(), operation));
        }
      }
    }
    return operations;
  }

  /** The parameters of an operation (path-level and its own), with {@code $ref}s resolved. */
  List<JsonNode> parameters(Operation operation) {
    List<JsonNode> parameters = new ArrayList<>();
    for (JsonNode list :
        List.of(
            operation.pathItem().path("parameters"), operation.operation().path("parameters"))) {
      for (JsonNode parameter : list) {
        parameters.add(resolve(parameter));
      }
    }
    return parameters;
  }

  /**
   * The property names of the JSON request body's schema, {@code $ref}s and allOf resolved; for an
   * open map, the names its {@code x-vault-parameters} lists.
   */
  Set<String> requestBodyProperties(Operation operation) {
    Set<String> names = new TreeSet<>();
    JsonNode body = resolve(operation.operation().path("requestBody"));
    for (JsonNode media : body.path("content")) {
      collectProperties(resolve(media.path("schema")), names);
    }
    return names;
  }

  private void collectProperties(JsonNode schema, Set<String> names) {
    schema.path("properties").fieldNames().forEachRemaining(names::add);
    schema.path("x-vault-parameters").forEach(p -> names.add(p.path("name").asText()));
    for (JsonNode part : schema.path("allOf")) {
      collectProperties(resolve(part), names);
    }
  }

  /** Follows a local {@code $ref} (any depth). */
  JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current.has("$ref") && hops < 20; hops++) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException("only local references are supported: " + ref);
      }
      current = root.at(ref.substring(1));
      if (current.isMissingNode()) {
        throw new IllegalArgumentException("dangling reference " + ref);
      }
    }
    return current;
  }

  /** The operation with this {@code operationId}. */
  Operation operation(String operationId) {
    return operations("").stream()
        .filter(o -> operationId.equals(o.operation().path("operationId").asText()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no operation " + operationId));
  }

  /**
   * The JSON schema of an operation's {@code application/json} response for {@code status}, as a
   * JSON Schema 2020-12 document: every {@code components/schemas} entry becomes a {@code $defs}
   * entry, {@code $ref}s follow, {@code nullable: true} adds {@code "null"} to the type, and
   * OpenAPI-only keywords go. {@code additionalProperties} stays as the spec says (open unless
   * stated), so unknown fields pass while declared ones are type-checked.
   */
  JsonSchema responseSchema(String operationId, int status) {
    JsonNode response =
        resolve(operation(operationId).operation().path("responses").path(String.valueOf(status)));
    JsonNode schema = response.path("content").path("application/json").path("schema");
    if (schema.isMissingNode()) {
      throw new IllegalArgumentException(
          operationId + " declares no application/json body for " + status);
    }
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    ObjectNode defs = document.putObject("$defs");
    root.path("components")
        .path("schemas")
        .fields()
        .forEachRemaining(e -> defs.set(e.getKey(), toJsonSchema(e.getValue())));
    toJsonSchema(schema).fields().forEachRemaining(e -> document.set(e.getKey(), e.getValue()));
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(document);
  }

  /** Validates a response body; returns the problems, none if it conforms. */
  List<String> validateResponse(String operationId, int status, String body) {
    try {
      Set<ValidationMessage> messages =
          responseSchema(operationId, status).validate(JSON.readTree(body));
      return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    } catch (IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
  }

  /** Turns one OpenAPI 3.0 schema object into a JSON Schema 2020-12 one. */
  static JsonNode toJsonSchema(JsonNode schema) {
    if (!schema.isObject()) {
      return schema;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (OPENAPI_ONLY.contains(key) || key.startsWith("x-")) {
        continue;
      }
      if (key.equals("$ref")) {
        out.put("$ref", value.asText().replace("#/components/schemas/", "#/$defs/"));
      } else if (SCHEMA_MAPS.contains(key)) {
        ObjectNode map = out.putObject(key);
        value.fields().forEachRemaining(p -> map.set(p.getKey(), toJsonSchema(p.getValue())));
      } else if (SCHEMA_LISTS.contains(key)) {
        ArrayNode list = out.putArray(key);
        value.forEach(s -> list.add(toJsonSchema(s)));
      } else if (SCHEMAS.contains(key)) {
        out.set(key, toJsonSchema(value));
      } else {
        out.set(key, value);
      }
    }
    if (schema.path("nullable").asBoolean(false)) {
      return nullable(out);
    }
    return out;
  }

  private static JsonNode nullable(ObjectNode schema) {
    JsonNode type = schema.get("type");
    if (type != null && type.isTextual()) {
      schema.putArray("type").add(type.asText()).add("null");
      if (schema.has("enum")) {
        ((ArrayNode) schema.get("enum")).addNull();
      }
      return schema;
    }
    ObjectNode either = JsonNodeFactory.instance.objectNode();
    either.putArray("anyOf").add(schema).addObject().put("type", "null");
    return either;
  }
}
