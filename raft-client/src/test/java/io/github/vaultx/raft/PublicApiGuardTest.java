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
          "kotlin");

  @Test
  void publicSignatures_mentionNoImplementationTypes() throws Exception {
    List<Class<?>> types = publicTypes();
    assertThat(types).contains(VaultRaftClient.class, AutoSnapshotConfig.LocalBuilder.class);

    List<String> leaks = new ArrayList<>();
    for (Class<?> type : types) {
      check(leaks, type + " extends", type.getGenericSuperclass());
      for (Type i : type.getGenericInterfaces()) {
        check(leaks, type + " implements", i);
      }
      for (Method m : type.getDeclaredMethods()) {
        if (visible(m.getModifiers()) && !m.isSynthetic()) {
          checkExecutable(leaks, m);
          check(leaks, m.toGenericString(), m.getGenericReturnType());
        }
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (visible(c.getModifiers())) {
          checkExecutable(leaks, c);
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (visible(f.getModifiers())) {
          check(leaks, f.toGenericString(), f.getGenericType());
        }
      }
      if (type.isRecord()) {
        for (RecordComponent rc : type.getRecordComponents()) {
          check(leaks, type + "." + rc.getName(), rc.getGenericType());
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  private static void checkExecutable(List<String> leaks, Executable e) {
    for (Type p : e.getGenericParameterTypes()) {
      check(leaks, e.toGenericString(), p);
    }
    for (Type x : e.getGenericExceptionTypes()) {
      check(leaks, e.toGenericString(), x);
    }
  }

  private static void check(List<String> leaks, String where, Type type) {
    if (type == null) {
      return;
    }
    String name = type.getTypeName();
    for (String prefix : FORBIDDEN) {
      if (name.contains(prefix + ".")) {
        leaks.add(where + " mentions " + name);
      }
    }
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  /** Every public or protected class of the package, nested ones included. */
  private static List<Class<?>> publicTypes() throws IOException, URISyntaxException {
    Path root =
        Path.of(VaultRaftClient.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("io/github/vaultx/raft");
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String simple = file.getFileName().toString().replace(".class", "");
        if (simple.equals("package-info")) {
          continue;
        }
        try {
          Class<?> type = Class.forName("io.github.vaultx.raft." + simple);
          if (visible(type.getModifiers())) {
            types.add(type);
          }
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return types;
  }
}
