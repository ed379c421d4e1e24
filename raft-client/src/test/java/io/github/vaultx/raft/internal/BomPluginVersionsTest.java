package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM has no parent (importing it must not pass the parent's dependency versions on to users),
 * so it repeats the versions of the plugins it builds with. Each must be the parent's.
 */
class BomPluginVersionsTest {
  private static final Pattern PLUGIN =
      Pattern.compile(
          "<plugin>\\s*<groupId>[^<]+</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*"
              + "<version>([^<]+)</version>");

  @Test
  void bomPlugins_haveTheParentsVersions() throws IOException {
    String parent = Files.readString(RetryDocsTest.ROOT.resolve("pom.xml"));
    Map<String, String> parentVersions = plugins(parent);
    Map<String, String> bom =
        plugins(Files.readString(RetryDocsTest.ROOT.resolve("vaultx-raft-bom/pom.xml")));
    assertThat(bom).containsKeys("maven-install-plugin", "spotless-maven-plugin");
    bom.forEach(
        (plugin, version) ->
            assertThat(version)
                .as("vaultx-raft-bom's " + plugin)
                .isEqualTo(resolve(parent, parentVersions.get(plugin))));
  }

  private static Map<String, String> plugins(String pom) {
    Map<String, String> versions = new HashMap<>();
    Matcher m = PLUGIN.matcher(pom);
    while (m.find()) {
      versions.putIfAbsent(m.group(1), m.group(2).trim());
    }
    return versions;
  }

  /** Replaces a {@code ${property}} by its value in the parent's properties. */
  private static String resolve(String pom, String version) {
    if (version == null || !version.startsWith("${")) {
      return version;
    }
    String name = version.substring(2, version.length() - 1);
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    return m.find() ? m.group(1).trim() : version;
  }
}
