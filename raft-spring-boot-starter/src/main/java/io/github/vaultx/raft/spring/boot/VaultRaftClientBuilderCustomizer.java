package io.github.vaultx.raft.spring.boot;

import io.github.vaultx.raft.VaultRaftClientBuilder;

/**
 * Adjusts the builder of the auto-configured {@link io.github.vaultx.raft.VaultRaftClient} after
 * the {@code vaultx.raft.*} properties were applied and before it is built. Declare one or more as
 * beans; they run in {@link org.springframework.core.annotation.Order} order. The starter itself
 * uses one to hand the application's meter registry to the client.
 */
@FunctionalInterface
public interface VaultRaftClientBuilderCustomizer {
  /**
   * Adjusts the builder.
   *
   * @param builder the builder, with the properties applied
   */
  void customize(VaultRaftClientBuilder builder);
}
