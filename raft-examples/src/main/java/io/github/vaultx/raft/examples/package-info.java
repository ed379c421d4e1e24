/** Runnable examples, one per section of the vaultx Raft API, and the guided demo tour. */
@NullMarked
package io.github.vaultx.raft.examples;

import org.jspecify.annotations.NullMarked;
