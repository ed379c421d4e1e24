/** Builds and runs applications that depend on the published vaultx-raft artifacts. */
@NullMarked
package io.github.vaultx.raft.consumer;

import org.jspecify.annotations.NullMarked;
