/** The {@code vaultx-raft} command line, mirroring {@code vault operator raft}. */
@NullMarked
package io.github.vaultx.raft.examples.cli;

import org.jspecify.annotations.NullMarked;
