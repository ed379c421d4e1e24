package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Moshi;
import io.github.vaultx.raft.internal.access.ClientSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sockets that batch Okio's 8 KiB segments: what OkHttp flushes still arrives, what it has not
 * flushed waits, and bodies pass through whole both ways.
 */
class BufferedSocketsTest {
  @TempDir Path dir;

  private final BufferedSockets factory = new BufferedSockets();

  @Test
  void writesWaitForAFlushOrAFullBuffer() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client =
            factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      OutputStream out = client.getOutputStream();
      assertThat(client.getOutputStream()).isSameAs(out);
      InputStream in = accepted.getInputStream();
      accepted.setSoTimeout(200);

      out.write(new byte[8 * 1024]);
      assertThatThrownBy(in::read)
          .as("one segment stays in the buffer")
          .isInstanceOf(SocketTimeoutException.class);

      out.flush();
      assertThat(in.readNBytes(8 * 1024)).hasSize(8 * 1024);

      out.write(new byte[BufferedSockets.BUFFER + 1]);
      assertThat(in.readNBytes(BufferedSockets.BUFFER + 1))
          .as("a write larger than the buffer goes out without a flush")
          .hasSize(BufferedSockets.BUFFER + 1);
    }
  }

  @Test
  void readsAreBufferedAndLoseNothing() throws IOException {
    byte[] sent = random(3 * BufferedSockets.BUFFER + 17);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client =
            factory.createSocket(
                InetAddress.getLoopbackAddress().getHostAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      accepted.getOutputStream().write(sent);
      accepted.shutdownOutput();
      InputStream in = client.getInputStream();
      assertThat(client.getInputStream()).isSameAs(in);
      assertThat(in.readAllBytes()).isEqualTo(sent);
    }
  }

  @Test
  void everyFactoryMethodConnects() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket(0, 4, loopback)) {
      int port = server.getLocalPort();
      List<Socket> sockets = new ArrayList<>();
      try {
        sockets.add(factory.createSocket(loopback, port));
        sockets.add(factory.createSocket(loopback.getHostAddress(), port));
        sockets.add(factory.createSocket(loopback, port, loopback, 0));
        sockets.add(factory.createSocket(loopback.getHostAddress(), port, loopback, 0));
        assertThat(sockets).allSatisfy(socket -> assertThat(socket.isConnected()).isTrue());
        assertThat(factory.createSocket().isConnected()).isFalse();
      } finally {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
    }
  }

  @Test
  void aRefusedConnectionThrows() throws IOException {
    int closedPort;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = server.getLocalPort();
    }
    assertThatThrownBy(() -> factory.createSocket(InetAddress.getLoopbackAddress(), closedPort))
        .isInstanceOf(IOException.class);
  }

  @Test
  void okHttpSendsAndReceivesWholeBodiesThroughThem() throws Exception {
    byte[] upload = random(5 * BufferedSockets.BUFFER + 123);
    byte[] download = random(7 * BufferedSockets.BUFFER + 45);
    Path file = Files.write(dir.resolve("upload"), upload);
    OkHttpClient client = new OkHttpClient.Builder().socketFactory(factory).build();
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(204));
      server.enqueue(new MockResponse().setBody(new Buffer().write(download)));
      List<Long> progress = new ArrayList<>();
      Request post =
          new Request.Builder()
              .url(server.url("/upload"))
              .post(SnapshotUpload.of(file, progress::add))
              .build();
      try (Response response = client.newCall(post).execute()) {
        assertThat(response.code()).isEqualTo(204);
      }
      RecordedRequest recorded = server.takeRequest();
      assertThat(recorded.getBody().readByteArray()).isEqualTo(upload);
      assertThat(progress).last().isEqualTo((long) upload.length);
      for (int i = 1; i < progress.size(); i++) {
        assertThat(progress.get(i) - progress.get(i - 1))
            .as("the file is read a block at a time")
            .isPositive()
            .isLessThanOrEqualTo(SnapshotUpload.BLOCK);
      }

      try (Response response =
          client.newCall(new Request.Builder().url(server.url("/download")).build()).execute()) {
        assertThat(response.body().bytes()).isEqualTo(download);
      }
    } finally {
      client.connectionPool().evictAll();
    }
  }

  @Test
  void theClientsConnectionsUseThem() {
    for (String address : List.of("http://127.0.0.1:8200", "https://vault.example:8200")) {
      ClientSettings options = new ClientSettings();
      options.addresses = List.of(address);
      options.environment = Map.of("HOME", dir.toString());
      ExecutorService threads = Executors.newSingleThreadExecutor();
      try (NodeClients clients =
          new NodeClients(
              ResolvedSettings.resolve(options), new Moshi.Builder().build(), threads)) {
        assertThat(clients.plain().socketFactory()).as(address).isInstanceOf(BufferedSockets.class);
      } finally {
        threads.shutdown();
      }
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
