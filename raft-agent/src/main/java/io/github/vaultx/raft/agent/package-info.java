/**
 * Automated, verified Raft snapshots on a schedule, configured in Vault Enterprise's own shape:
 * {@link io.github.vaultx.raft.agent.RaftSnapshotAgent} and {@link
 * io.github.vaultx.raft.agent.AgentConfigFile}.
 */
@NullMarked
package io.github.vaultx.raft.agent;

import org.jspecify.annotations.NullMarked;
