/** Implementation of the vaultx-raft client; not an API, may change in any release. */
@NullMarked
package io.github.vaultx.raft.internal;

import org.jspecify.annotations.NullMarked;
