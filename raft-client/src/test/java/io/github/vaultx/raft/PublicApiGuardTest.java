package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Fails the build if a public signature leaks an implementation type. */
class PublicApiGuardTest {
  private static final List<String> FORBIDDEN =
      List.of(
          "io.github.vaultx.raft.internal",
          "retrofit2",
          "okhttp3",
          "okio",
          "com.squareup.moshi",
          "io.github.resilience4j",
          "io.micrometer",
          "kotlin");

  /**
   * The exceptions, argued in docs/reliability.md: metrics and observations are opt-in, and the
   * types of our own that take a MeterRegistry or ObservationRegistry (and the observation contexts
   * and conventions) are loaded only by applications that use them, so Micrometer stays off
   * everyone else's classpath. Nothing else may name Micrometer, the builder included.
   */
  private static final Map<Class<?>, String> ALLOWED =
      Map.of(
          MicrometerMetrics.class,
          "io.micrometer",
          MicrometerObservations.class,
          "io.micrometer",
          RaftCallContext.class,
          "io.micrometer",
          RaftAttemptContext.class,
          "io.micrometer",
          RaftCallObservationConvention.class,
          "io.micrometer",
          RaftAttemptObservationConvention.class,
          "io.micrometer",
          DefaultRaftCallObservationConvention.class,
          "io.micrometer",
          DefaultRaftAttemptObservationConvention.class,
          "io.micrometer");

  @Test
  void publicSignatures_mentionNoImplementationTypes() throws Exception {
    List<Class<?>> types = publicTypes();
    assertThat(types)
        .contains(
            VaultRaftClient.class,
            LocalAutoSnapshotConfig.Builder.class,
            io.github.vaultx.raft.snapshot.RaftSnapshots.class);

    List<String> leaks = new ArrayList<>();
    for (Class<?> type : types) {
      String allowed = ALLOWED.get(type);
      check(leaks, allowed, type + " extends", type.getGenericSuperclass());
      for (Type i : type.getGenericInterfaces()) {
        check(leaks, allowed, type + " implements", i);
      }
      for (Method m : type.getDeclaredMethods()) {
        if (visible(m.getModifiers()) && !m.isSynthetic()) {
          checkExecutable(leaks, allowed, m);
          check(leaks, allowed, m.toGenericString(), m.getGenericReturnType());
        }
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (visible(c.getModifiers())) {
          checkExecutable(leaks, allowed, c);
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (visible(f.getModifiers())) {
          check(leaks, allowed, f.toGenericString(), f.getGenericType());
        }
      }
      if (type.isRecord()) {
        for (RecordComponent rc : type.getRecordComponents()) {
          check(leaks, allowed, type + "." + rc.getName(), rc.getGenericType());
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void onlyTheMicrometerTypes_mentionMicrometer() throws Exception {
    Set<Class<?>> mentioning = new java.util.HashSet<>();
    for (Class<?> type : publicTypes()) {
      List<String> signatures = new ArrayList<>();
      signatures.add(String.valueOf(type.getGenericSuperclass()));
      for (Type i : type.getGenericInterfaces()) {
        signatures.add(i.getTypeName());
      }
      for (Method m : type.getDeclaredMethods()) {
        if (visible(m.getModifiers())) {
          signatures.add(m.toGenericString());
        }
      }
      if (signatures.stream().anyMatch(s -> s.contains("io.micrometer."))) {
        mentioning.add(type);
      }
    }
    assertThat(mentioning).isEqualTo(ALLOWED.keySet());
    // The builder takes our own wrappers, never a Micrometer type.
    assertThat(mentioning).doesNotContain(VaultRaftClientBuilder.class);
  }

  /**
   * The internal packages are not API, and what of them is public must not invite use: the
   * implementation has no public type (below), and the non-exported {@code internal.access} package
   * holds only the four types the public package must reach, with one way to build a client ({@code
   * ClientFactory.build}, the builder's door). Its {@code ClientSettings} has public mutable fields
   * on purpose: it is the one holder of the settings that the builder and the tests write (issue 23
   * item 3), and a user on the module path cannot see it.
   */
  @Test
  void accessPackage_holdsOnlyWhatThePublicPackageNeeds_andOneDoorToAClient() throws Exception {
    Path root =
        Path.of(VaultRaftClient.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("io/github/vaultx/raft/internal/access");
    List<String> publicTypes = new ArrayList<>();
    List<String> doors = new ArrayList<>();
    try (Stream<Path> files = Files.list(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String simple = file.getFileName().toString().replace(".class", "");
        Class<?> type = Class.forName("io.github.vaultx.raft.internal.access." + simple);
        if (Modifier.isPublic(type.getModifiers()) && !simple.equals("package-info")) {
          publicTypes.add(simple);
        }
        for (Method m : type.getDeclaredMethods()) {
          if (Modifier.isPublic(m.getModifiers())
              && VaultRaftClient.class.isAssignableFrom(m.getReturnType())) {
            doors.add(simple + "." + m.getName());
          }
        }
      }
    }
    assertThat(publicTypes)
        .containsExactlyInAnyOrder("Checks", "ClientFactory", "ClientSettings", "Sleeper");
    assertThat(doors).containsExactly("ClientFactory.build");
  }

  /**
   * The implementation package has no public type: what the public package needs of it goes through
   * the small non-exported {@code internal.access} package (checks, settings, the door).
   */
  @Test
  void internalPackage_hasNoPublicType() throws Exception {
    Path root =
        Path.of(VaultRaftClient.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("io/github/vaultx/raft/internal");
    List<String> publicTypes = new ArrayList<>();
    try (Stream<Path> files = Files.list(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String simple = file.getFileName().toString().replace(".class", "");
        if (!simple.contains("$")
            && !simple.equals("package-info")
            && Modifier.isPublic(
                Class.forName("io.github.vaultx.raft.internal." + simple).getModifiers())) {
          publicTypes.add(simple);
        }
      }
    }
    assertThat(publicTypes).isEmpty();
  }

  /** One way to say "absent" (ADR 11): a null on a nullable component, never an Optional. */
  @Test
  void publicRecords_sayAbsentWithNull_neverWithOptional() throws Exception {
    List<String> optionals = new ArrayList<>();
    for (Class<?> type : publicTypes()) {
      if (type.isRecord()) {
        for (RecordComponent rc : type.getRecordComponents()) {
          if (rc.getType() == java.util.Optional.class) {
            optionals.add(type.getSimpleName() + "." + rc.getName());
          }
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (visible(m.getModifiers()) && m.getReturnType() == java.util.Optional.class) {
          optionals.add(type.getSimpleName() + "." + m.getName() + "()");
        }
      }
    }
    assertThat(optionals).isEmpty();
  }

  /** The public exceptions document causes of the JDK or of our own, never a library's. */
  @Test
  void publicSources_documentNoTransportOrResilienceTypeAsACause() throws Exception {
    Path sources =
        Path.of(System.getProperty("vaultx.repo.root", ".."))
            .resolve("raft-client/src/main/java/io/github/vaultx/raft");
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files =
        Stream.concat(Files.list(sources), Files.list(sources.resolve("snapshot")))) {
      for (Path file : files.filter(f -> f.toString().endsWith("Exception.java")).toList()) {
        String text = Files.readString(file).toLowerCase(java.util.Locale.ROOT);
        for (String library :
            List.of("resilience4j", "okhttp", "retrofit", "moshi", "circuit breaker's own")) {
          if (text.contains(library)) {
            problems.add(file.getFileName() + " mentions " + library);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static void checkExecutable(List<String> leaks, String allowed, Executable e) {
    for (Type p : e.getGenericParameterTypes()) {
      check(leaks, allowed, e.toGenericString(), p);
    }
    for (Type x : e.getGenericExceptionTypes()) {
      check(leaks, allowed, e.toGenericString(), x);
    }
  }

  private static void check(List<String> leaks, String allowed, String where, Type type) {
    if (type == null) {
      return;
    }
    String name = type.getTypeName();
    for (String prefix : FORBIDDEN) {
      if (name.contains(prefix + ".") && !prefix.equals(allowed)) {
        leaks.add(where + " mentions " + name);
      }
    }
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  /** The exported packages (module-info): the public API. */
  private static final List<String> EXPORTED =
      List.of("io.github.vaultx.raft", "io.github.vaultx.raft.snapshot");

  /** Every public or protected class of the exported packages, nested ones included. */
  private static List<Class<?>> publicTypes() throws IOException, URISyntaxException {
    Path classes =
        Path.of(VaultRaftClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> types = new ArrayList<>();
    for (String pkg : EXPORTED) {
      try (Stream<Path> files = Files.list(classes.resolve(pkg.replace('.', '/')))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String simple = file.getFileName().toString().replace(".class", "");
          if (simple.equals("package-info")) {
            continue;
          }
          try {
            Class<?> type = Class.forName(pkg + "." + simple);
            if (visible(type.getModifiers())) {
              types.add(type);
            }
          } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return types;
  }
}
