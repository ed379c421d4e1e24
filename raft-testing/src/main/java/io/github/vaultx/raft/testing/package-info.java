/**
 * A throwaway local Raft cluster of real OpenBao or Vault servers for integration tests: {@link
 * io.github.vaultx.raft.testing.LocalRaftCluster}, its JUnit 5 extension {@link
 * io.github.vaultx.raft.testing.RaftClusterExtension}, and {@link
 * io.github.vaultx.raft.testing.SysApi} for set-up over the sys API.
 */
@NullMarked
package io.github.vaultx.raft.testing;

import org.jspecify.annotations.NullMarked;
