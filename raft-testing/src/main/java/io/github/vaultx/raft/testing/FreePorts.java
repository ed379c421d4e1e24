package io.github.vaultx.raft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Free TCP ports on 127.0.0.1 for the nodes' API and cluster listeners. */
final class FreePorts {
  private FreePorts() {}

  /**
   * {@code count} distinct ports that were free a moment ago and are not in {@code reserved}.
   *
   * <p>A node's cluster port is only bound once the node is unsealed, so a port handed to a node
   * that is running can still look free: the cluster's own ports must be passed as {@code
   * reserved}, or two nodes can get the same cluster address (Raft then refuses the join with
   * "would require removal of too many servers").
   */
  static List<Integer> take(int count, Collection<Integer> reserved) {
    // Hold all sockets until every port is chosen, so no two are the same.
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      List<Integer> ports = new ArrayList<>();
      while (ports.size() < count) {
        ServerSocket socket = new ServerSocket(0, 1, loopback);
        sockets.add(socket);
        if (!reserved.contains(socket.getLocalPort())) {
          ports.add(socket.getLocalPort());
        }
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free ports", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // the port stays free either way
        }
      }
    }
  }
}
