package io.github.vaultx.raft.internal.generated;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.internal.generated.api.RaftApi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;
import retrofit2.http.Body;
import retrofit2.http.Header;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * Driven by the spec: every operation of the generated interface sends the method, path, query and
 * body the spec describes (with the spec's own examples) and parses the spec's example answer.
 */
class RaftApiRequestTest {
  private static final Spec SPEC = Spec.load();
  private static final byte[] SNAPSHOT_BYTES =
      "not really a snapshot".getBytes(StandardCharsets.UTF_8);

  private MockWebServer server;
  private RaftApi api;

  static Stream<Spec.Operation> operations() {
    return SPEC.operations().stream();
  }

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    api =
        new Retrofit.Builder()
            .baseUrl(server.url("/v1/"))
            .addConverterFactory(MoshiConverterFactory.create(Spec.MOSHI))
            .build()
            .create(RaftApi.class);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void operation_sendsTheSpecifiedRequest_andParsesTheExampleAnswer(Spec.Operation operation)
      throws Exception {
    Method method =
        Arrays.stream(RaftApi.class.getMethods())
            .filter(m -> m.getName().equals(operation.operationId()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no generated method for " + operation));
    String status = successStatus(operation);
    Object exampleAnswer = exampleAnswer(operation, status);
    server.enqueue(answer(status, exampleAnswer));

    String expectedPath = operation.path();
    StringBuilder expectedQuery = new StringBuilder();
    Object[] args = new Object[method.getParameterCount()];
    Object requestExample = null;
    Map<String, String> expectedHeaders = new java.util.LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      Parameter parameter = method.getParameters()[i];
      Path path = parameter.getAnnotation(Path.class);
      Query query = parameter.getAnnotation(Query.class);
      Header header = parameter.getAnnotation(Header.class);
      if (header != null) {
        String value = (String) parameterExample(operation, header.value());
        args[i] = value;
        expectedHeaders.put(header.value(), value);
      } else if (path != null) {
        String value = (String) parameterExample(operation, path.value());
        args[i] = value;
        expectedPath = expectedPath.replace("{" + path.value() + "}", value);
      } else if (query != null) {
        Object value = parameterExample(operation, query.value());
        args[i] = value;
        if (expectedQuery.length() > 0) {
          expectedQuery.append('&');
        }
        expectedQuery.append(query.value()).append('=').append(value);
      } else if (parameter.getType() == RaftApi.CallTag.class) {
        args[i] = (RaftApi.CallTag) operation::operationId;
      } else if (has(parameter.getAnnotations(), Body.class)) {
        if (parameter.getType() == RequestBody.class) {
          args[i] = RequestBody.create(SNAPSHOT_BYTES, MediaType.get("application/octet-stream"));
        } else {
          requestExample = requestExample(operation);
          args[i] =
              Spec.MOSHI
                  .adapter(parameter.getParameterizedType())
                  .fromJson(Spec.json(requestExample));
        }
      }
    }

    Call<?> call = (Call<?>) method.invoke(api, args);
    assertThat(call.request().tag(RaftApi.CallTag.class).operationId())
        .as("the call carries its tag")
        .isEqualTo(operation.operationId());
    Response<?> response = call.execute();
    RecordedRequest recorded = server.takeRequest();

    Object vaultMethod = operation.body().get("x-vault-method");
    assertThat(recorded.getMethod())
        .isEqualTo(vaultMethod != null ? vaultMethod : operation.method().toUpperCase(Locale.ROOT));
    expectedHeaders.forEach(
        (name, value) -> assertThat(recorded.getHeader(name)).as(name).isEqualTo(value));
    assertThat(recorded.getRequestUrl().encodedPath()).isEqualTo("/v1" + expectedPath);
    assertThat(recorded.getRequestUrl().query())
        .isEqualTo(expectedQuery.length() == 0 ? null : expectedQuery.toString());
    if (requestExample != null) {
      assertThat(recorded.getHeader("Content-Type")).startsWith("application/json");
      assertThat(Spec.tree(recorded.getBody().readUtf8()))
          .isEqualTo(Spec.tree(Spec.json(requestExample)));
    } else if (operation.body().containsKey("requestBody")) {
      assertThat(recorded.getHeader("Content-Type")).startsWith("application/octet-stream");
      assertThat(recorded.getBody().readByteArray()).isEqualTo(SNAPSHOT_BYTES);
    } else {
      assertThat(recorded.getBodySize()).isZero();
    }

    assertThat(response.code()).isEqualTo(Integer.parseInt(status));
    if (response.body() instanceof ResponseBody binary) {
      assertThat(binary.bytes()).isEqualTo(SNAPSHOT_BYTES);
    } else if (exampleAnswer != null) {
      String written = toJson(response.body());
      assertThat(Spec.tree(written)).isEqualTo(Spec.tree(Spec.json(exampleAnswer)));
    } else {
      assertThat(response.body()).isNull();
    }
  }

  private static String successStatus(Spec.Operation operation) {
    return operation.responses().keySet().stream()
        .filter(s -> s.startsWith("2"))
        .findFirst()
        .orElseThrow();
  }

  /** The example answer for a JSON success, or null for 204 and binary answers. */
  private static Object exampleAnswer(Spec.Operation operation, String status) {
    Map<String, Object> content =
        Spec.map(Spec.map(operation.responses().get(status)).get("content"));
    if (content == null || !content.containsKey("application/json")) {
      return null;
    }
    Map<String, Object> schema = Spec.map(Spec.map(content.get("application/json")).get("schema"));
    return SPEC.schema((String) schema.get("$ref")).get("example");
  }

  private static MockResponse answer(String status, Object exampleAnswer) {
    MockResponse response = new MockResponse().setResponseCode(Integer.parseInt(status));
    if (status.equals("204")) {
      return response;
    }
    if (exampleAnswer == null) {
      return response
          .setHeader("Content-Type", "application/gzip")
          .setBody(new okio.Buffer().write(SNAPSHOT_BYTES));
    }
    return response.setHeader("Content-Type", "application/json").setBody(Spec.json(exampleAnswer));
  }

  private static Object requestExample(Spec.Operation operation) {
    Map<String, Object> content =
        Spec.map(Spec.map(operation.body().get("requestBody")).get("content"));
    Map<String, Object> schema = Spec.map(Spec.map(content.get("application/json")).get("schema"));
    return SPEC.schema((String) schema.get("$ref")).get("example");
  }

  private static Object parameterExample(Spec.Operation operation, String name) {
    return operation.parameters().stream()
        .filter(p -> name.equals(p.get("name")))
        .map(p -> p.get("example"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(operation + " has no example for " + name));
  }

  private static boolean has(Annotation[] annotations, Class<? extends Annotation> type) {
    return Arrays.stream(annotations).anyMatch(type::isInstance);
  }

  @SuppressWarnings("unchecked")
  private static <T> String toJson(T value) {
    return Spec.MOSHI.adapter((Class<T>) value.getClass()).toJson(value);
  }
}
