package io.github.vaultx.raft.internal.access;

import io.github.vaultx.raft.VaultRaftClient;

/**
 * The door from the public builder to the implementation, {@code
 * io.github.vaultx.raft.internal.Clients}. That class is package-private, so that the internal
 * package has no public type; it is found by name once, the one reflective step in the client.
 */
public abstract class ClientFactory {
  private static final String IMPLEMENTATION = "io.github.vaultx.raft.internal.Clients";

  /** Only the implementation extends this. */
  protected ClientFactory() {}

  /**
   * Creates a client.
   *
   * @param settings the settings, owned by the client from now on
   * @return the client
   * @throws IllegalArgumentException if a setting or variable is malformed (the message names it)
   */
  protected abstract VaultRaftClient create(ClientSettings settings);

  /**
   * Creates a client from a copy of {@code settings} and the environment.
   *
   * @param settings the settings
   * @return the client
   * @throws IllegalArgumentException if a setting or variable is malformed (the message names it)
   */
  public static VaultRaftClient build(ClientSettings settings) {
    return Implementation.FACTORY.create(settings.copy());
  }

  /** Loads the implementation when the first client is built. */
  private static final class Implementation {
    static final ClientFactory FACTORY = load();

    private static ClientFactory load() {
      try {
        var constructor =
            Class.forName(IMPLEMENTATION).asSubclass(ClientFactory.class).getDeclaredConstructor();
        // Same module, so no opens is needed.
        constructor.setAccessible(true);
        return constructor.newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("the vaultx-raft client is incomplete: " + e, e);
      }
    }
  }
}
