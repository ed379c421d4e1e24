/** A throwaway local Raft cluster of real OpenBao or Vault servers for integration tests. */
@NullMarked
package io.github.vaultx.raft.testing;

import org.jspecify.annotations.NullMarked;
