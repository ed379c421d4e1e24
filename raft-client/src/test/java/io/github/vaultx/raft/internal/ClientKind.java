package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.VaultRaftAsyncClient;
import io.github.vaultx.raft.VaultRaftClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The two clients a test can run its cases through: the sync client itself, or its async view seen
 * through a blocking {@link VaultRaftClient} that calls each operation's async twin and waits for
 * the future, rethrowing the exception it completed with. A test class parametrised over this runs
 * every case against both clients without a copy of any case.
 *
 * <pre>{@code
 * @ParameterizedClass
 * @EnumSource(ClientKind.class)
 * class FooTest {
 *   @RegisterExtension final MockVault vault;
 *   FooTest(ClientKind kind) { vault = MockVault.create().clients(kind); }
 * }
 * }</pre>
 */
public enum ClientKind {
  SYNC {
    @Override
    public VaultRaftClient view(VaultRaftClient client) {
      return client;
    }
  },
  ASYNC {
    @Override
    public VaultRaftClient view(VaultRaftClient client) {
      return blockingOn(client.async());
    }
  };

  /** How long a test waits for a future before it fails rather than hang. */
  static final long WAIT_SECONDS = 60;

  /** The client this kind runs calls through, as a {@link VaultRaftClient}. */
  public abstract VaultRaftClient view(VaultRaftClient client);

  /** A blocking {@link VaultRaftClient} over {@code async}: each call joins the async twin. */
  public static VaultRaftClient blockingOn(VaultRaftAsyncClient async) {
    return (VaultRaftClient)
        Proxy.newProxyInstance(
            VaultRaftClient.class.getClassLoader(),
            new Class<?>[] {VaultRaftClient.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "async":
                  return async;
                case "toString":
                  return "blocking view of " + async;
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == args[0];
                default:
                  break;
              }
              Method twin =
                  VaultRaftAsyncClient.class.getMethod(
                      method.getName(), method.getParameterTypes());
              Object result;
              try {
                result = twin.invoke(async, args);
              } catch (InvocationTargetException e) {
                throw e.getCause(); // bad input: thrown at once, as by the sync client
              }
              if (!(result instanceof CompletableFuture<?> future)) {
                return result; // close()
              }
              try {
                return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
              } catch (ExecutionException e) {
                throw e.getCause();
              }
            });
  }
}
