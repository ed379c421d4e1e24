/**
 * The Raft snapshot file format, read offline with no server: {@link
 * io.github.vaultx.raft.snapshot.RaftSnapshots} inspects and verifies a snapshot file.
 */
@NullMarked
package io.github.vaultx.raft.snapshot;

import org.jspecify.annotations.NullMarked;
