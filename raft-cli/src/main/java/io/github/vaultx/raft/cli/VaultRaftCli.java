package io.github.vaultx.raft.cli;

import io.github.vaultx.raft.VaultRaftClient;
import io.github.vaultx.raft.VaultRaftClientBuilder;
import io.github.vaultx.raft.VaultRaftException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vaultx-raft}: the {@code vault operator raft} commands over {@link VaultRaftClient}.
 *
 * <p>Exit codes: 0 on success, 1 when Vault (or the way to it) fails ({@link VaultRaftException}),
 * 2 on bad usage (an unknown flag, a malformed value, or an {@link IllegalArgumentException} from
 * the client's validation).
 */
@Command(
    name = "vaultx-raft",
    description = "Manage the Raft storage of a Vault cluster, like `vault operator raft`.",
    synopsisSubcommandLabel = "COMMAND",
    footer = {
      "",
      "Configured like the vault CLI: VAULT_ADDR, VAULT_TOKEN (else ~/.vault-token),",
      "VAULT_NAMESPACE, VAULT_CACERT, VAULT_CAPATH, VAULT_CLIENT_CERT,",
      "VAULT_CLIENT_KEY, VAULT_SKIP_VERIFY, VAULT_TLS_SERVER_NAME,",
      "VAULT_CLIENT_TIMEOUT, VAULT_MAX_RETRIES, VAULT_DISABLE_REDIRECTS and",
      "VAULT_FORMAT; VAULTX_ADDRESSES adds nodes to fail over to, VAULTX_RETRY_BUDGET",
      "(default 15s) how long reads go on retrying after VAULT_MAX_RETRIES.",
      "Exit codes: 0 success, 1 Vault error, 2 bad usage."
    })
public final class VaultRaftCli implements Callable<Integer> {
  /** Exit code when Vault, or the way to it, failed. */
  static final int VAULT_ERROR = 1;

  /** Exit code for bad usage. */
  static final int USAGE = 2;

  /**
   * The commands, by the name their {@code @Command} gives them (a test checks the two agree), in
   * the order the usage lists them. Not in the annotation: picocli would build the model of every
   * command, option and nested command at start-up, for every invocation; {@link #run} adds only
   * the one the command line names (all of them for help or a wrong name).
   */
  static final Map<String, Class<?>> COMMANDS =
      orderedMap(
          "join", JoinCommand.class,
          "list-peers", ListPeersCommand.class,
          "remove-peer", RemovePeerCommand.class,
          "promote", MembershipCommands.Promote.class,
          "demote", MembershipCommands.Demote.class,
          "bootstrap", MembershipCommands.Bootstrap.class,
          "snapshot", SnapshotCommand.class,
          "autopilot", AutopilotCommand.class,
          "auto-snapshot", AutoSnapshotCommand.class);

  @CommandLine.Mixin HelpOption help = new HelpOption();

  @Spec @Nullable CommandSpec spec;

  private final Runtime runtime;

  VaultRaftCli(Runtime runtime) {
    this.runtime = runtime;
  }

  Runtime runtime() {
    return runtime;
  }

  @Override
  public Integer call() {
    throw GroupCommand.missingCommand(spec);
  }

  /** Runs the command line with the process environment and exits with its code. */
  public static void main(String[] args) {
    // picocli otherwise tries to load Groovy's Closure class for every option it models, and each
    // try throws a ClassNotFoundException: a few milliseconds of a 0.2 s command.
    System.setProperty("picocli.disable.closures", "true");
    PrintWriter out = new PrintWriter(System.out, true, charset());
    PrintWriter err = new PrintWriter(System.err, true, charset());
    Runtime runtime =
        new Runtime(System.getenv(), out, err, System.console() != null, Runtime::openClient);
    int code = run(runtime, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  private static java.nio.charset.Charset charset() {
    String encoding = System.getProperty("stdout.encoding");
    try {
      return encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /**
   * Runs one command line and returns its exit code; never exits the JVM.
   *
   * @param runtime the environment, streams and client factory
   * @param args the arguments, without the program name
   * @return 0, 1 or 2
   */
  static int run(Runtime runtime, String... args) {
    CommandLine commandLine = new CommandLine(new VaultRaftCli(runtime));
    Class<?> named = args.length == 0 ? null : COMMANDS.get(args[0]);
    if (named != null) {
      commandLine.addSubcommand(args[0], named);
    } else {
      for (Map.Entry<String, Class<?>> command : COMMANDS.entrySet()) {
        commandLine.addSubcommand(command.getKey(), command.getValue());
      }
    }
    commandLine.setOut(runtime.out());
    commandLine.setErr(runtime.err());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ExitCodes());
    try {
      return commandLine.execute(args);
    } finally {
      runtime.out().flush();
      runtime.err().flush();
    }
  }

  /**
   * Turns the exceptions of a command into exit codes. A class rather than a lambda on purpose: a
   * lambda implementing a picocli interface keeps picocli's classes out of the class-data-sharing
   * archive (see CdsTraining), so does a method reference to one of its methods.
   */
  private static final class ExitCodes implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
      if (e instanceof VaultRaftException) {
        cmd.getErr().println("Error: " + e.getMessage());
        return VAULT_ERROR;
      }
      if (e instanceof IllegalArgumentException) {
        cmd.getErr().println("Error: " + e.getMessage());
        return USAGE;
      }
      throw e;
    }
  }

  private static Map<String, Class<?>> orderedMap(Object... namesAndClasses) {
    Map<String, Class<?>> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndClasses.length; i += 2) {
      map.put((String) namesAndClasses[i], (Class<?>) namesAndClasses[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  /**
   * What a command runs against: the environment, the output streams, whether stderr is a terminal,
   * and how a client is made (tests pass a fake).
   *
   * @param environment the variables, as {@link System#getenv()}
   * @param out standard output
   * @param err standard error
   * @param interactive whether a person watches (a console is attached): enables progress lines
   * @param clients makes the client from the environment and the {@code -address} and {@code
   *     -token} flags
   */
  record Runtime(
      Map<String, String> environment,
      PrintWriter out,
      PrintWriter err,
      boolean interactive,
      ClientFactory clients) {

    Runtime {
      environment = Map.copyOf(environment);
    }

    /** Builds the real client: the environment first, then the flags override it. */
    static VaultRaftClient openClient(
        Map<String, String> environment, @Nullable String address, @Nullable String token) {
      VaultRaftClientBuilder builder = VaultRaftClient.builder().environment(environment);
      if (address != null) {
        builder.address(address);
      }
      if (token != null) {
        builder.token(token);
      }
      return builder.build();
    }
  }

  /** Makes a client; {@code address} and {@code token} are the flags, null when not given. */
  @FunctionalInterface
  interface ClientFactory {
    VaultRaftClient open(
        Map<String, String> environment, @Nullable String address, @Nullable String token);
  }
}
