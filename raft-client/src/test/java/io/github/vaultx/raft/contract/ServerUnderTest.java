package io.github.vaultx.raft.contract;

import io.github.vaultx.raft.testing.ServerFlavour;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The server the provider verification and the drift check talk to: a fresh local cluster, or the
 * server named by {@code VAULTX_PACT_VAULT_ADDR} and {@code VAULTX_PACT_VAULT_TOKEN}.
 */
interface ServerUnderTest extends AutoCloseable {
  String ADDR = "VAULTX_PACT_VAULT_ADDR";
  String TOKEN = "VAULTX_PACT_VAULT_TOKEN";
  String ENTERPRISE = "VAULTX_PACT_ENTERPRISE";

  /** The external server if both variables are set, else a freshly started local cluster. */
  static ServerUnderTest start(Map<String, String> env) {
    String addr = env.get(ADDR);
    String token = env.get(TOKEN);
    if (addr != null && !addr.isBlank() && token != null && !token.isBlank()) {
      return new ExternalServer(
          URI.create(addr), token, "true".equalsIgnoreCase(env.get(ENTERPRISE)));
    }
    return LocalClusterServer.start(env);
  }

  /** Says what this is, for the log; never the token. */
  String description();

  /** Which server it is; a server someone else runs counts as HashiCorp Vault. */
  ServerFlavour flavour();

  /** Whether it is Vault Enterprise (serves the automated snapshot endpoints). */
  boolean enterprise();

  /** The active node. */
  URI active();

  /** A token allowed to do everything, sudo included. */
  String token();

  /** Why this server cannot set up {@code state}, or empty if it can. */
  Optional<String> cannotProvide(String state);

  /** A standby node's address. */
  URI standby();

  /** The node that a sealed-node interaction targets (sealed by {@link #seal()}). */
  URI sealable();

  void seal();

  void unseal();

  /** An uninitialised node that may join the cluster. */
  URI spare();

  /** Brings the spare node back to "uninitialised" after it joined (or tried to). */
  void resetSpare();

  /** Makes sure a follower exists that may be removed; returns its node id. */
  String removableFollower();

  /** Brings the cluster back to full strength after {@code nodeId} was removed. */
  void restoreFollower(String nodeId);

  @Override
  void close();
}
