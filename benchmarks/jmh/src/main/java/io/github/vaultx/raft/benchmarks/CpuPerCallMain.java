package io.github.vaultx.raft.benchmarks;

import io.github.vaultx.raft.VaultRaftClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * CPU time and bytes allocated per call on the calling thread, facade against bare OkHttp, against
 * the same {@link TinyHttpServer} as {@link FacadeOverheadBenchmark}. CPU time, unlike wall time,
 * does not grow when other processes take the cores, so the comparison survives a busy machine.
 * Blocks of calls alternate between the two (which goes first alternates too); prints the mean per
 * call and the 99.9% confidence half-width over the blocks ({@code facade_cpu_us=...
 * facade_cpu_err=... bare_cpu_us=...}), and the same for the facade's extra CPU time per call
 * measured pair by pair ({@code extra_cpu_us}, {@code extra_cpu_err}): a pair of adjacent blocks
 * shares the machine's state of the moment, so their difference is steadier than either.
 *
 * <p>{@code CpuPerCallMain [blocks] [callsPerBlock]}.
 */
public final class CpuPerCallMain {
  private CpuPerCallMain() {}

  public static void main(String[] args) throws Exception {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    try (TinyHttpServer server = new TinyHttpServer(FacadeOverheadBenchmark.CONFIG);
        VaultRaftClient facade =
            VaultRaftClient.builder()
                .environment(Map.of())
                .address("http://127.0.0.1:" + server.port())
                .token("root")
                .build()) {
      OkHttpClient bare = new OkHttpClient();
      String url = "http://127.0.0.1:" + server.port() + "/v1/sys/storage/raft/configuration";
      Runnable facadeCall = facade::readRaftConfig;
      Runnable bareCall = () -> bareCall(bare, url);
      for (int i = 0; i < 20_000; i++) {
        facadeCall.run();
        bareCall.run();
      }
      double[][] cpu = new double[2][blocks];
      double[][] bytes = new double[2][blocks];
      Runnable[] kinds = {facadeCall, bareCall};
      for (int b = 0; b < blocks; b++) {
        for (int j = 0; j < 2; j++) {
          int k = (b + j) % 2;
          long c0 = threads.getCurrentThreadCpuTime();
          long a0 = threads.getThreadAllocatedBytes(self);
          for (int i = 0; i < calls; i++) {
            kinds[k].run();
          }
          cpu[k][b] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / calls;
          bytes[k][b] = (double) (threads.getThreadAllocatedBytes(self) - a0) / calls;
        }
      }
      double[] extra = new double[blocks];
      for (int b = 0; b < blocks; b++) {
        extra[b] = cpu[0][b] - cpu[1][b];
      }
      bare.dispatcher().executorService().shutdown();
      bare.connectionPool().evictAll();
      System.out.printf(
          Locale.ROOT,
          "facade_cpu_us=%.2f facade_cpu_err=%.2f bare_cpu_us=%.2f bare_cpu_err=%.2f"
              + " extra_cpu_us=%.2f extra_cpu_err=%.2f facade_bytes=%.0f bare_bytes=%.0f%n",
          mean(cpu[0]),
          err(cpu[0]),
          mean(cpu[1]),
          err(cpu[1]),
          mean(extra),
          err(extra),
          mean(bytes[0]),
          mean(bytes[1]));
    }
  }

  private static void bareCall(OkHttpClient client, String url) {
    Request request = new Request.Builder().url(url).header("X-Vault-Token", "root").build();
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (body != null) {
        body.bytes();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static double mean(double[] xs) {
    double sum = 0;
    for (double x : xs) {
      sum += x;
    }
    return sum / xs.length;
  }

  /** Half-width of the 99.9% confidence interval of the mean (normal approximation). */
  private static double err(double[] xs) {
    double m = mean(xs);
    double sq = 0;
    for (double x : xs) {
      sq += (x - m) * (x - m);
    }
    double sd = Math.sqrt(sq / (xs.length - 1));
    return 3.29 * sd / Math.sqrt(xs.length);
  }
}
