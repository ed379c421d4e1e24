package io.github.vaultx.raft.internal.generated;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The generated sources use Retrofit and Moshi only: no Gson, no javax annotations. */
class GeneratedSourcesTest {
  private static final Path DIR =
      Path.of(
          System.getProperty(
              "vaultx.generated.dir", "target/generated-sources/openapi/src/main/java"));

  @Test
  void generatedSources_mentionNeitherGsonNorJavax() throws IOException {
    List<Path> files = javaFiles();
    assertThat(files).hasSizeGreaterThan(10);
    for (Path file : files) {
      assertThat(Files.readString(file))
          .as(file.toString())
          .doesNotContain("com.google.gson")
          .doesNotContain("javax.");
    }
  }

  @Test
  void generatedSources_useRetrofitAnnotationsAndMoshiModels() throws IOException {
    String api =
        Files.readString(DIR.resolve("io/github/vaultx/raft/internal/generated/api/RaftApi.java"));
    assertThat(api).contains("import retrofit2.http.GET;").contains("@Streaming");
    String model =
        Files.readString(
            DIR.resolve("io/github/vaultx/raft/internal/generated/model/RaftServerWire.java"));
    assertThat(model)
        .contains("import com.squareup.moshi.Json;")
        .contains("@Json(name = \"node_id\")");
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(DIR)) {
      return walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }
}
