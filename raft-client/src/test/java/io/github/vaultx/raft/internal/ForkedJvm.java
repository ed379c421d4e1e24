package io.github.vaultx.raft.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a probe's {@code main} in a JVM of its own (with this test's class path) and returns its
 * output. The output goes to a file rather than a pipe, so waiting is bounded by {@code limit}: a
 * probe that hangs is killed and the test fails with what it printed, instead of blocking a read of
 * the pipe forever.
 */
final class ForkedJvm {
  private ForkedJvm() {}

  /** What the JVM printed (stdout and stderr) and its exit code. */
  record Result(int exitCode, String output) {}

  static Result run(List<String> jvmOptions, Class<?> main, List<String> args, Duration limit)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    Path log = Files.createTempFile("forked-jvm-", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            main.getSimpleName()
                + " did not finish within "
                + limit.toSeconds()
                + " s and was killed; it printed: "
                + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
