/**
 * The vaultx-raft client for HashiCorp Vault's Raft storage API ({@code /v1/sys/storage/raft/*}):
 * start with {@link io.github.vaultx.raft.VaultRaftClient}.
 */
@NullMarked
package io.github.vaultx.raft;

import org.jspecify.annotations.NullMarked;
