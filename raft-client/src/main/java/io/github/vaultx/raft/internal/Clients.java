package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.internal.access.ClientFactory;
import io.github.vaultx.raft.internal.access.ClientSettings;

/** The implementation behind {@link ClientFactory}, which finds it by name. */
final class Clients extends ClientFactory {
  Clients() {}

  @Override
  protected VaultRaftClient create(ClientSettings settings) {
    return new DefaultVaultRaftClient(new ClientCore(ResolvedSettings.resolve(settings)));
  }
}
