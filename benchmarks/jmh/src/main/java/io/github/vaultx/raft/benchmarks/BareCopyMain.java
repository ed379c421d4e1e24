package io.github.vaultx.raft.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code BareCopyMain FILE N}: the floor of any OkHttp client's snapshot save. Downloads the
 * snapshot N times with a plain {@link OkHttpClient} and copies the body to FILE through a 256 KiB
 * buffer: no verification, no hash, no atomic move. Prints {@code first_seconds} and {@code
 * warm_seconds} (the fastest later copy), to set beside {@code SnapshotMain save FILE N}.
 */
public final class BareCopyMain {
  private BareCopyMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: BareCopyMain FILE N");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int repeat = Integer.parseInt(args[1]);
    String address = Objects.requireNonNull(System.getenv("VAULT_ADDR"), "VAULT_ADDR");
    String token = Objects.requireNonNull(System.getenv("VAULT_TOKEN"), "VAULT_TOKEN");
    OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
    Request request =
        new Request.Builder()
            .url(address + "/v1/sys/storage/raft/snapshot")
            .header("X-Vault-Token", token)
            .build();
    double first = 0;
    double warm = Double.NaN;
    byte[] buffer = new byte[256 * 1024];
    for (int i = 0; i < repeat; i++) {
      long start = System.nanoTime();
      try (Response response = client.newCall(request).execute();
          InputStream in = Objects.requireNonNull(response.body(), "body").byteStream();
          OutputStream out = Files.newOutputStream(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          out.write(buffer, 0, n);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (i == 0) {
        first = seconds;
      } else {
        warm = Double.isNaN(warm) ? seconds : Math.min(warm, seconds);
      }
    }
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    System.out.printf(Locale.ROOT, "first_seconds=%.3f warm_seconds=%.3f%n", first, warm);
  }
}
