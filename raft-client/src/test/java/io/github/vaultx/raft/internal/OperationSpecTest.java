package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.internal.generated.api.RaftApi;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The spec is the source of every per-operation fact: each generated API method has exactly one
 * {@link Operation}, each {@link Operation} one spec operation and one public method, and every
 * trait and retry class matches what the spec says.
 */
class OperationSpecTest {
  private static final Map<String, JsonNode> SPEC = specOperations();

  static Map<String, JsonNode> specOperations() {
    Path root = Path.of(System.getProperty("vaultx.repo.root", "..")).toAbsolutePath().normalize();
    try {
      JsonNode spec =
          new YAMLMapper().readTree(root.resolve("spec/vault-raft.openapi.yaml").toFile());
      Map<String, JsonNode> byId = new LinkedHashMap<>();
      for (Iterator<JsonNode> paths = spec.path("paths").elements(); paths.hasNext(); ) {
        JsonNode pathItem = paths.next();
        for (String method : List.of("get", "put", "post", "delete", "patch")) {
          JsonNode operation = pathItem.get(method);
          if (operation != null) {
            byId.put(operation.path("operationId").asText(), operation);
          }
        }
      }
      return byId;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyGeneratedApiMethod_hasExactlyOneOperation_andTheOtherWayRound() {
    List<String> apiMethods =
        Arrays.stream(RaftApi.class.getMethods())
            .filter(m -> !Modifier.isStatic(m.getModifiers()))
            .map(Method::getName)
            .sorted()
            .toList();
    List<String> operationIds =
        Stream.of(Operation.values()).map(Operation::operationId).sorted().toList();
    assertThat(operationIds).doesNotHaveDuplicates().isEqualTo(apiMethods);
    assertThat(SPEC.keySet()).containsExactlyInAnyOrderElementsOf(operationIds);
  }

  @Test
  void everyGeneratedApiMethod_takesItsCallTagLast() {
    for (Method method : RaftApi.class.getMethods()) {
      Class<?>[] types = method.getParameterTypes();
      assertThat(types[types.length - 1]).as(method.getName()).isEqualTo(RaftApi.CallTag.class);
    }
  }

  @Test
  void everyOperation_isAPublicMethod_andEveryPublicMethodAnOperation() {
    Set<String> publicMethods =
        Arrays.stream(VaultRaftClient.class.getDeclaredMethods())
            .filter(m -> !Modifier.isStatic(m.getModifiers()))
            .map(Method::getName)
            .filter(name -> !name.equals("close") && !name.equals("async"))
            .collect(Collectors.toSet());
    // Two operations share a name where one method has an overload with a POST of its own
    // (readRaftConfig with a DR operation token).
    assertThat(Stream.of(Operation.values()).map(o -> o.publicName).distinct())
        .containsExactlyInAnyOrderElementsOf(publicMethods);
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void traitsAndRetryClass_matchTheSpec(Operation operation) {
    JsonNode spec = SPEC.get(operation.operationId());
    assertThat(spec).as("spec operation " + operation.operationId()).isNotNull();

    assertThat(operation.retryClass.name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .as("x-vault-retry")
        .isEqualTo(spec.path("x-vault-retry").asText());

    Set<Operation.Trait> expected = EnumSet.noneOf(Operation.Trait.class);
    if (spec.path("x-vault-enterprise").asBoolean()) {
      expected.add(Operation.Trait.ENTERPRISE);
    }
    if (spec.path("x-vault-sudo").asBoolean()) {
      expected.add(Operation.Trait.SUDO);
    }
    if (spec.path("x-vault-standby-redirect").asBoolean()) {
      expected.add(Operation.Trait.STANDBY_REDIRECT);
    }
    if (spec.path("x-vault-node-local").asBoolean()) {
      expected.add(Operation.Trait.NODE_LOCAL);
    }
    // An operation without a security scheme that takes the token as a parameter (the autopilot
    // reads: the caller's token or a DR operation token) still carries the client's token.
    if (spec.has("security") && spec.get("security").isEmpty() && !takesTokenParameter(spec)) {
      expected.add(Operation.Trait.NO_TOKEN);
    }
    if (binary(spec.path("requestBody"))) {
      expected.add(Operation.Trait.UPLOADS_SNAPSHOT);
    }
    for (Iterator<JsonNode> responses = spec.path("responses").elements(); responses.hasNext(); ) {
      if (binary(responses.next())) {
        expected.add(Operation.Trait.DOWNLOADS_SNAPSHOT);
      }
    }
    for (JsonNode parameter : spec.path("parameters")) {
      if (parameter.path("in").asText().equals("query")
          && parameter.path("name").asText().equals("list")) {
        expected.add(Operation.Trait.LIST);
      }
    }
    assertThat(operation.traits()).as(operation.operationId()).isEqualTo(expected);
  }

  private static boolean takesTokenParameter(JsonNode operation) {
    for (JsonNode parameter : operation.path("parameters")) {
      if (parameter.path("$ref").asText().equals("#/components/parameters/DrOperationToken")
          || (parameter.path("in").asText().equals("header")
              && parameter.path("name").asText().equals("X-Vault-Token"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean binary(JsonNode withContent) {
    for (JsonNode media : withContent.path("content")) {
      if (media.path("schema").path("format").asText().equals("binary")) {
        return true;
      }
    }
    return false;
  }
}
