package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.VaultRaftClient;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a JVM with a small heap by {@link SnapshotMemoryTest}: serves a generated snapshot larger
 * than the heap from a bare socket (MockWebServer would hold the body in memory) and downloads it
 * with {@code takeRaftSnapshot(Path)}.
 */
public final class SnapshotMemoryProbe {
  private SnapshotMemoryProbe() {}

  public static void main(String[] args) throws Exception {
    long stateBytes = Long.parseLong(args[0]);
    Path dir = Path.of(args[1]);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread serving =
          new Thread(
              () -> {
                try (Socket socket = server.accept()) {
                  InputStream in = socket.getInputStream();
                  // Read the request head up to the blank line.
                  int matched = 0;
                  while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                      return;
                    }
                    matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : 0;
                  }
                  OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
                  out.write(
                      ("HTTP/1.1 200 OK\r\nContent-Type: application/gzip\r\n"
                              + "Connection: close\r\n\r\n")
                          .getBytes(StandardCharsets.US_ASCII));
                  TestSnapshots.streamLarge(out, stateBytes);
                  out.flush();
                } catch (Exception e) {
                  e.printStackTrace();
                }
              });
      serving.start();
      try (VaultRaftClient client =
          VaultRaftClient.builder()
              .environment(Map.of("HOME", dir.toString()))
              .address("http://127.0.0.1:" + server.getLocalPort())
              .token("memory-test")
              .maxRetries(0)
              .build()) {
        Path target = dir.resolve("big.snap");
        SnapshotInfo info = client.takeRaftSnapshot(target);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == java.lang.management.MemoryType.HEAP) {
            peak += pool.getPeakUsage().getUsed();
          }
        }
        System.out.println(
            "size="
                + info.sizeBytes()
                + " file="
                + Files.size(target)
                + " maxHeap="
                + Runtime.getRuntime().maxMemory()
                + " peakHeap="
                + peak
                + " elapsedMs="
                + info.elapsed().toMillis());
        Files.delete(target);
      }
      serving.join();
    }
  }
}
