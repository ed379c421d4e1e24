/**
 * Spring Boot auto-configuration for the vaultx-raft client: {@link
 * io.github.vaultx.raft.spring.boot.VaultRaftAutoConfiguration} (the client beans from {@link
 * io.github.vaultx.raft.spring.boot.VaultRaftProperties}) and {@link
 * io.github.vaultx.raft.spring.boot.VaultRaftHealthAutoConfiguration} (the {@code raft} health
 * indicator), for Spring Boot 3.5 and 4.0.
 */
@NullMarked
package io.github.vaultx.raft.spring.boot;

import org.jspecify.annotations.NullMarked;
