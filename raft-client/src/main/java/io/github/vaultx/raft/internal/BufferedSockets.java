package io.github.vaultx.raft.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Plain sockets whose streams move {@link #BUFFER} bytes per system call. Okio reads and writes a
 * socket once per 8 KiB segment, so a 2 GiB snapshot took about 262,000 {@code write} (or {@code
 * read}) calls, where curl makes about 32,000 (docs/benchmarks.md, "Big snapshots"). The buffers
 * only batch the segments: every flush from OkHttp still reaches the socket, and under TLS the
 * JDK's socket flushes each record it writes.
 *
 * <p>OkHttp creates its sockets unconnected through {@link #createSocket()}; the other factory
 * methods connect at once, as {@link SocketFactory} says.
 */
final class BufferedSockets extends SocketFactory {
  /** The bytes per system call: as many as curl's reads and writes. */
  static final int BUFFER = 64 * 1024;

  @Override
  public Socket createSocket() {
    return new BufferedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return createSocket(InetAddress.getByName(host), port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return createSocket(InetAddress.getByName(host), port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  private static Socket connected(InetSocketAddress remote, @Nullable InetSocketAddress local)
      throws IOException {
    Socket socket = new BufferedSocket();
    try {
      if (local != null) {
        socket.bind(local);
      }
      socket.connect(remote);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** A socket that hands out one buffered stream each way, created on first use. */
  private static final class BufferedSocket extends Socket {
    private @Nullable InputStream in;
    private @Nullable OutputStream out;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        in = new BufferedInputStream(super.getInputStream(), BUFFER);
      }
      return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      if (out == null) {
        out = new BufferedOutputStream(super.getOutputStream(), BUFFER);
      }
      return out;
    }
  }
}
