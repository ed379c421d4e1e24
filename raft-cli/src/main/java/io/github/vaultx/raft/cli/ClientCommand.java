package io.github.vaultx.raft.cli;

import io.github.vaultx.raft.VaultRaftClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that talks to Vault: takes the vault CLI's {@code -address}, {@code -token} and {@code
 * -format} flags, opens a client, runs, and closes it.
 */
abstract class ClientCommand implements Callable<Integer> {
  @Mixin HelpOption help = new HelpOption();

  @Mixin FormatOption format = new FormatOption();

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-address", "--address"},
      paramLabel = "URL",
      description = "Address of the Vault server; overrides VAULT_ADDR and VAULTX_ADDRESSES.")
  @Nullable String address;

  @Option(
      names = {"-token", "--token"},
      paramLabel = "TOKEN",
      description = "Vault token; overrides VAULT_TOKEN and the token file.")
  @Nullable String token;

  @Override
  public final Integer call() {
    VaultRaftCli.Runtime runtime = runtime();
    format(); // a bad VAULT_FORMAT is misuse: fail before any request
    try (VaultRaftClient client = runtime.clients().open(runtime.environment(), address, token)) {
      run(client);
    }
    return 0;
  }

  /** Runs the command; exceptions become exit codes in {@link VaultRaftCli#run}. */
  abstract void run(VaultRaftClient client);

  final VaultRaftCli.Runtime runtime() {
    return ((VaultRaftCli) Objects.requireNonNull(spec, "spec").root().userObject()).runtime();
  }

  final FormatOption.Format format() {
    return format.resolve(runtime().environment());
  }

  final boolean json() {
    return format() == FormatOption.Format.JSON;
  }

  final PrintWriter out() {
    return runtime().out();
  }

  final PrintWriter err() {
    return runtime().err();
  }

  /** Prints {@code value} as JSON on stdout. */
  final void printJson(@Nullable Object value) {
    out().println(Json.write(value));
  }

  /**
   * Prints the outcome of a call that changes something: {@code {"key": value}} as JSON, else the
   * sentence the vault CLI prints.
   */
  final void printOutcome(String key, Object value, String sentence) {
    if (json()) {
      printJson(Map.of(key, value));
    } else {
      out().println(sentence);
    }
  }
}
