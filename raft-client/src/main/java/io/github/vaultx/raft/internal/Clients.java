package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.VaultRaftClient;

/** The one door from the public builder into the implementation. Internal: not API. */
public final class Clients {
  private Clients() {}

  /**
   * Creates a client from the builder's values and the environment.
   *
   * @param options the values set on the builder (read-only)
   * @return the client
   */
  public static VaultRaftClient create(ClientSettings options) {
    return new DefaultVaultRaftClient(new ClientCore(ClientConfig.resolve(options)));
  }
}
