package io.github.vaultx.raft.testing;

import java.util.List;

/**
 * One TCP link through a {@link FaultProxy}: clients connect to {@link #address()}, the proxy
 * connects on to the upstream, and the faults set here apply to that traffic only.
 *
 * <pre>{@code
 * FaultLink link = cluster.faults(1);
 * link.add(Toxic.bandwidth(2_000));        // 2 MB/s from node 1 to its clients
 * link.down();                             // refuses new connections, cuts open ones
 * link.up();
 * link.clear();                            // no toxics, enabled
 * }</pre>
 */
public final class FaultLink {
  private final ToxiproxyApi api;
  private final String name;
  private final String listen;
  private final String upstream;

  FaultLink(ToxiproxyApi api, String name, String listen, String upstream) {
    this.api = api;
    this.name = name;
    this.listen = listen;
    this.upstream = upstream;
  }

  /**
   * The link's name on its proxy.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Where clients connect: {@code 127.0.0.1:<port>}.
   *
   * @return host and port
   */
  public String address() {
    return listen;
  }

  /**
   * Where the proxy connects to: {@code host:port}.
   *
   * @return host and port
   */
  public String upstream() {
    return upstream;
  }

  /**
   * Adds a fault to new and open connections.
   *
   * @param toxic the fault; its name must not be on the link yet
   * @return {@code toxic}, to {@linkplain #remove(Toxic) remove} it later
   * @throws IllegalStateException with Toxiproxy's reason if it refuses
   */
  public Toxic add(Toxic toxic) {
    api.addToxic(name, toxic);
    return toxic;
  }

  /**
   * Removes a fault.
   *
   * @param toxic a fault added before
   * @throws IllegalStateException if it is not on the link
   */
  public void remove(Toxic toxic) {
    api.removeToxic(name, toxic.name());
  }

  /**
   * The faults on the link, as the proxy reports them.
   *
   * @return the toxics
   */
  public List<Toxic> toxics() {
    return api.toxics(name);
  }

  /**
   * Takes the link down: open connections are closed and new ones refused, as when a node's host
   * goes away. Toxiproxy's {@code enabled = false}.
   */
  public void down() {
    api.setEnabled(name, false);
  }

  /** Brings the link back up on the same address. */
  public void up() {
    api.setEnabled(name, true);
  }

  /**
   * Whether the link is up.
   *
   * @return false after {@link #down()}
   */
  public boolean isUp() {
    return api.enabled(name);
  }

  /** Removes every fault and brings the link up. */
  public void clear() {
    for (Toxic toxic : toxics()) {
      remove(toxic);
    }
    if (!isUp()) {
      up();
    }
  }

  @Override
  public String toString() {
    return "FaultLink[" + name + " " + listen + " -> " + upstream + "]";
  }
}
