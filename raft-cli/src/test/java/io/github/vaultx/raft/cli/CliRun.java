package io.github.vaultx.raft.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One run of the command line against a fake client, with what it printed. */
final class CliRun {
  final int exitCode;
  final String out;
  final String err;
  final Map<String, String> environment;
  final @Nullable String address;
  final @Nullable String token;

  private CliRun(
      int exitCode,
      String out,
      String err,
      Map<String, String> environment,
      @Nullable String address,
      @Nullable String token) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
    this.environment = environment;
    this.address = address;
    this.token = token;
  }

  static CliRun run(FakeVaultRaftClient client, String... args) {
    return run(client, Map.of(), false, args);
  }

  static CliRun run(
      FakeVaultRaftClient client, Map<String, String> env, boolean interactive, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    client.stderr = err;
    Object[] seen = new Object[3];
    VaultRaftCli.Runtime runtime =
        new VaultRaftCli.Runtime(
            env,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            interactive,
            (environment, address, token) -> {
              seen[0] = environment;
              seen[1] = address;
              seen[2] = token;
              return client;
            });
    int code = VaultRaftCli.run(runtime, args);
    @SuppressWarnings("unchecked")
    Map<String, String> environment = seen[0] == null ? Map.of() : (Map<String, String>) seen[0];
    return new CliRun(
        code, out.toString(), err.toString(), environment, (String) seen[1], (String) seen[2]);
  }
}
