package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The async client mirrors the sync one: every operation under the same name and parameters, its
 * result in a {@link CompletableFuture}, and nothing else. Fails until a new endpoint has its
 * method on both interfaces.
 */
class AsyncMirrorTest {
  private static final Map<Class<?>, Class<?>> BOXED =
      Map.of(boolean.class, Boolean.class, void.class, Void.class, long.class, Long.class);

  @Test
  void everySyncOperation_hasAnAsyncTwin_andNoAsyncMethodIsExtra() throws Exception {
    List<String> problems = new ArrayList<>();
    for (Method sync : operations(VaultRaftClient.class)) {
      Method async;
      try {
        async = VaultRaftAsyncClient.class.getMethod(sync.getName(), sync.getParameterTypes());
      } catch (NoSuchMethodException e) {
        problems.add("no async " + sync);
        continue;
      }
      Type expected = sync.getGenericReturnType();
      if (expected instanceof Class<?> c && c.isPrimitive()) {
        expected = BOXED.get(c);
      }
      Type actual = async.getGenericReturnType();
      if (!(actual instanceof ParameterizedType future)
          || future.getRawType() != CompletableFuture.class
          || !future.getActualTypeArguments()[0].equals(expected)) {
        problems.add(async + " should return CompletableFuture<" + expected.getTypeName() + ">");
      }
      if (sync.isDefault() != async.isDefault()) {
        problems.add(async + " should be default exactly when " + sync + " is");
      }
    }
    for (Method async : operations(VaultRaftAsyncClient.class)) {
      try {
        VaultRaftClient.class.getMethod(async.getName(), async.getParameterTypes());
      } catch (NoSuchMethodException e) {
        problems.add("no sync " + async);
      }
    }
    assertThat(problems).isEmpty();
  }

  private static List<Method> operations(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .filter(m -> !m.getName().equals("close") && !m.getName().equals("async"))
        .toList();
  }
}
