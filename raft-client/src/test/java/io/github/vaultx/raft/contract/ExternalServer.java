package io.github.vaultx.raft.contract;

import io.github.vaultx.raft.testing.ServerFlavour;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * A server someone else runs ({@code VAULTX_PACT_VAULT_ADDR}): the verification reads, writes
 * configuration and restores a snapshot it just took, but never seals, joins or removes nodes.
 */
final class ExternalServer implements ServerUnderTest {
  private static final Set<String> NEEDS_LOCAL_CLUSTER =
      Set.of(VaultRaftPactTest.SEALED, VaultRaftPactTest.SPARE, VaultRaftPactTest.FOLLOWER);

  private final URI address;
  private final String token;
  private final boolean enterprise;

  ExternalServer(URI address, String token, boolean enterprise) {
    this.address = address;
    this.token = token;
    this.enterprise = enterprise;
  }

  @Override
  public String description() {
    return "the server at " + address + (enterprise ? " (Vault Enterprise)" : "");
  }

  @Override
  public ServerFlavour flavour() {
    return ServerFlavour.VAULT;
  }

  @Override
  public boolean enterprise() {
    return enterprise;
  }

  @Override
  public URI active() {
    return address;
  }

  @Override
  public String token() {
    return token;
  }

  @Override
  public Optional<String> cannotProvide(String state) {
    return NEEDS_LOCAL_CLUSTER.contains(state)
        ? Optional.of(
            "provider state '"
                + state
                + "' seals, joins or removes nodes: only done on a local cluster, not on "
                + ServerUnderTest.ADDR)
        : Optional.empty();
  }

  @Override
  public URI standby() {
    return address;
  }

  @Override
  public URI sealable() {
    throw unsupported();
  }

  @Override
  public void seal() {
    throw unsupported();
  }

  @Override
  public void unseal() {
    throw unsupported();
  }

  @Override
  public URI spare() {
    throw unsupported();
  }

  @Override
  public void resetSpare() {
    throw unsupported();
  }

  @Override
  public String removableFollower() {
    throw unsupported();
  }

  @Override
  public void restoreFollower(String nodeId) {
    throw unsupported();
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("not on an external server");
  }

  @Override
  public void close() {}
}
