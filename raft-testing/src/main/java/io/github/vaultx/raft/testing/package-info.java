/**
 * A throwaway local Raft cluster of real OpenBao or Vault servers for integration tests: {@link
 * io.github.vaultx.raft.testing.LocalRaftCluster}, its JUnit 5 extension {@link
 * io.github.vaultx.raft.testing.RaftClusterExtension}, {@link io.github.vaultx.raft.testing.SysApi}
 * for set-up over the sys API, and {@link io.github.vaultx.raft.testing.FaultProxy} for real
 * network faults between a client and the nodes.
 */
@NullMarked
package io.github.vaultx.raft.testing;

import org.jspecify.annotations.NullMarked;
