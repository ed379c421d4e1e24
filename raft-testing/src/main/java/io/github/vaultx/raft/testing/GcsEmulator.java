package io.github.vaultx.raft.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A Google Cloud Storage emulator for tests: {@code fake-gcs-server} on a free loopback port, in
 * memory, over plain http, standing in for GCS for any client that can be pointed at an endpoint
 * (the Java SDK's {@code StorageOptions.setHost}, Vault's {@code google_endpoint} with {@code
 * google_disable_tls}). It accepts any credentials; {@link #serviceAccountKey()} is a throwaway
 * service account key whose token endpoint this harness serves, so a client that insists on
 * credentials (as Google's SDKs do) needs no Google account and never leaves the machine.
 *
 * <pre>{@code
 * try (GcsEmulator gcs = GcsEmulator.start(logFile)) {
 *   gcs.createBucket("snapshots");
 *   // point the code under test at gcs.endpoint() with gcs.serviceAccountKey()
 * }
 * }</pre>
 *
 * <p>The binary: the variable {@code VAULTX_FAKEGCS_BIN}, else, in a checkout of vaultx-raft,
 * {@code scripts/install-go-tool.sh fakegcs}, which builds the pinned release from its Go module
 * once into the tool cache.
 */
public final class GcsEmulator implements AutoCloseable {
  private final ToolProcess process;
  private final int port;
  private final HttpServer tokens;
  private final String serviceAccountKey;

  private GcsEmulator(ToolProcess process, int port, HttpServer tokens, String serviceAccountKey) {
    this.process = process;
    this.port = port;
    this.tokens = tokens;
    this.serviceAccountKey = serviceAccountKey;
  }

  /**
   * Builds fake-gcs-server if needed and starts it, empty.
   *
   * @param log where its output goes
   * @return the running emulator; close it
   * @throws IllegalStateException if the binary cannot be had or it does not start
   */
  public static GcsEmulator start(Path log) {
    Path binary =
        ToolProcess.binary(
            "fake-gcs-server", "VAULTX_FAKEGCS_BIN", InstallScript.GO_TOOL, List.of("fakegcs"));
    HttpServer tokens = tokenServer();
    try {
      String key = key(tokens.getAddress().getPort());
      int port = FreePorts.take(1, List.of()).get(0);
      String url = "http://127.0.0.1:" + port;
      ProcessBuilder command =
          new ProcessBuilder(
              binary.toString(),
              "-backend",
              "memory",
              "-scheme",
              "http",
              "-host",
              "127.0.0.1",
              "-port",
              String.valueOf(port),
              // Resumable uploads continue at the URL the server hands out: make it this one.
              "-external-url",
              url,
              "-public-host",
              "127.0.0.1:" + port,
              "-log-level",
              "warn");
      ToolProcess process = ToolProcess.start("fake-gcs-server", command, log);
      process.awaitListening(port, Duration.ofSeconds(30));
      return new GcsEmulator(process, port, tokens, key);
    } catch (RuntimeException e) {
      tokens.stop(0);
      throw e;
    }
  }

  /** Grants any request a short-lived access token: fake-gcs-server checks none. */
  private static HttpServer tokenServer() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/token",
          exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
              in.readAllBytes();
            }
            byte[] body =
                "{\"access_token\":\"emulator-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the token endpoint", e);
    }
  }

  /** A service account key of a fresh RSA key pair, its token endpoint on this machine. */
  private static String key(int tokenPort) {
    String pem;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
      pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
              + "\n-----END PRIVATE KEY-----\n";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks RSA", e);
    }
    return "{\"type\": \"service_account\", \"project_id\": \"vaultx-test\","
        + " \"private_key_id\": \"emulator\", \"private_key\": \""
        + pem.replace("\n", "\\n")
        + "\", \"client_email\": \"agent@vaultx-test.iam.gserviceaccount.com\","
        + " \"client_id\": \"1\", \"token_uri\": \"http://127.0.0.1:"
        + tokenPort
        + "/token\"}";
  }

  /**
   * Returns where the emulator listens.
   *
   * @return {@code 127.0.0.1:PORT}, without a scheme (it speaks plain http)
   */
  public String endpoint() {
    return "127.0.0.1:" + port;
  }

  /**
   * Returns a service account key (JSON) that Google's SDKs accept; the access tokens it gets come
   * from this harness and are good for this emulator only. Not a secret.
   *
   * @return the key's JSON text
   */
  public String serviceAccountKey() {
    return serviceAccountKey;
  }

  /**
   * Creates an empty bucket through the emulator's JSON API.
   *
   * @param name the bucket
   * @throws IllegalStateException if the emulator refuses
   */
  public void createBucket(String name) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection)
              URI.create("http://" + endpoint() + "/storage/v1/b?project=vaultx-test")
                  .toURL()
                  .openConnection();
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = connection.getOutputStream()) {
        out.write(("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8));
      }
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new IllegalStateException("fake-gcs-server answered " + status + " creating " + name);
      }
      connection.disconnect();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the bucket " + name, e);
    }
  }

  /** Stops the emulator (SIGTERM, then SIGKILL after 10 seconds) and its token endpoint. */
  @Override
  public void close() {
    tokens.stop(0);
    process.close();
  }
}
