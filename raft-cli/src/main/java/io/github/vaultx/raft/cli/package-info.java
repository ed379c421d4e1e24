/** The {@code vaultx-raft} command line, mirroring {@code vault operator raft}. */
@NullMarked
package io.github.vaultx.raft.cli;

import org.jspecify.annotations.NullMarked;
