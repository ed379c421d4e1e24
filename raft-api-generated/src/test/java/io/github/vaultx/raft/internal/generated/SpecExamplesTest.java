package io.github.vaultx.raft.internal.generated;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in the spec parses into its generated model and serialises back to the same JSON,
 * so the spec and the models cannot drift apart: a property the model lacks, or of another type,
 * fails here.
 */
class SpecExamplesTest {
  private static final Spec SPEC = Spec.load();

  static Stream<Arguments> schemaExamples() {
    return SPEC.schemas().entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), Spec.map(e.getValue()).get("example")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaExamples")
  void example_roundTripsThroughItsGeneratedModel(String schemaName, Object example)
      throws Exception {
    Map<String, Object> schema = Spec.map(SPEC.schemas().get(schemaName));
    boolean openMap =
        !schema.containsKey("properties") && schema.containsKey("additionalProperties");
    // An open map (no fixed properties) is generated as Map<String, Object>, not as a model class.
    Type model =
        openMap
            ? Types.newParameterizedType(Map.class, String.class, Object.class)
            : Class.forName(getClass().getPackageName() + ".model." + schemaName + "Wire");
    JsonAdapter<?> adapter = Spec.MOSHI.adapter(model);
    String exampleJson = Spec.json(example);

    Object parsed = adapter.fromJson(exampleJson);
    String written = toJson(adapter, parsed);

    assertThat(parsed).isNotNull();
    assertThat(Spec.tree(written)).as(written).isEqualTo(Spec.tree(exampleJson));
    if (!openMap) {
      assertThat(parsed.toString()).as("toString prints no values").isEqualTo(schemaName + "Wire");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaExamples")
  void example_isNotEmpty(String schemaName, Object example) {
    assertThat(example).as(schemaName).isInstanceOf(Map.class);
    assertThat((Map<?, ?>) example).isNotEmpty();
  }

  @SuppressWarnings("unchecked")
  private static <T> String toJson(JsonAdapter<T> adapter, Object value) {
    return adapter.toJson((T) value);
  }
}
