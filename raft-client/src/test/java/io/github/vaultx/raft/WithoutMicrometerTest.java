package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.internal.MockVault;
import io.github.vaultx.raft.internal.TestSnapshots;
import io.github.vaultx.raft.testing.VaultResponses;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Micrometer is optional: the client loads, reflects and calls Vault (a JSON call and a snapshot
 * download, each observed when observations are configured) on a classpath with no Micrometer jar
 * at all, neither {@code micrometer-core} nor {@code micrometer-observation}, as it would in an
 * application that never asks for metrics or observations.
 *
 * <p>{@link MockVault} plays the server and gives the client its {@code HOME}; the client itself is
 * built by reflection in a class loader without Micrometer, so not with {@link MockVault#client()},
 * which would load it here, where Micrometer is present.
 */
class WithoutMicrometerTest {
  @RegisterExtension final MockVault vault = MockVault.create();

  @Test
  void client_worksWithoutMicrometerOnTheClasspath() throws Exception {
    String classPath = System.getProperty("surefire.test.class.path");
    if (classPath == null) {
      classPath = System.getProperty("java.class.path");
    }
    List<URL> urls = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.contains("micrometer") || entry.contains("HdrHistogram")) {
        dropped.add(entry);
      } else if (!entry.isBlank()) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    assertThat(dropped).as("the Micrometer jars taken away").isNotEmpty();

    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      vault.enqueue(VaultResponses.json(200, "{\"data\":{\"config\":{\"index\":5}}}"));
      assertThatThrownBy(() -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"))
          .isInstanceOf(ClassNotFoundException.class);
      assertThatThrownBy(() -> loader.loadClass("io.micrometer.observation.ObservationRegistry"))
          .isInstanceOf(ClassNotFoundException.class);
      vault.enqueue(VaultResponses.snapshot(TestSnapshots.complete()));

      Class<?> api = loader.loadClass("io.github.vaultx.raft.VaultRaftClient");
      Object builder = api.getMethod("builder").invoke(null);
      Class<?> builderType = builder.getClass();
      // Reflection over the builder (as frameworks do) must not need Micrometer either.
      assertThat(builderType.getMethods())
          .extracting(Method::getName)
          .contains("metrics", "observations");
      builderType
          .getMethod("environment", Map.class)
          .invoke(builder, Map.of("HOME", vault.home().toString()));
      builderType.getMethod("address", String.class).invoke(builder, vault.address());
      builderType.getMethod("token", String.class).invoke(builder, MockVault.TOKEN);
      Object client = builderType.getMethod("build").invoke(builder);
      try {
        Object config = api.getMethod("readRaftConfig").invoke(client);
        assertThat(config.getClass().getMethod("index").invoke(config)).isEqualTo(5L);
        assertThat(vault.server().takeRequest().getHeader("X-Vault-Token"))
            .isEqualTo(MockVault.TOKEN);
        Object info =
            api.getMethod("takeRaftSnapshot", OutputStream.class)
                .invoke(client, new ByteArrayOutputStream());
        assertThat(info.getClass().getMethod("sizeBytes").invoke(info))
            .isEqualTo((long) TestSnapshots.complete().length);
      } finally {
        api.getMethod("close").invoke(client);
      }
    }
  }
}
