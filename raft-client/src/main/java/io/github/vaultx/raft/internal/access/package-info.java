/**
 * What the public package and the implementation share, public only because Java has no friend
 * packages: the input checks ({@link Checks}), the one holder of the client's settings and their
 * defaults ({@link ClientSettings}), the retry clock ({@link Sleeper}) and the door to the
 * implementation ({@link ClientFactory}). Not exported, not an API; {@code
 * io.github.vaultx.raft.internal} itself has no public type (PublicApiGuardTest).
 */
@NullMarked
package io.github.vaultx.raft.internal.access;

import org.jspecify.annotations.NullMarked;
