package io.github.vaultx.raft.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups others ({@code snapshot}, {@code autopilot}): alone it is misuse. */
abstract class GroupCommand implements Callable<Integer> {
  @Mixin HelpOption help = new HelpOption();

  @Spec @Nullable CommandSpec spec;

  @Override
  public Integer call() {
    throw missingCommand(spec);
  }

  static ParameterException missingCommand(@Nullable CommandSpec spec) {
    CommandSpec command = Objects.requireNonNull(spec, "spec");
    return new ParameterException(
        command.commandLine(),
        "Missing command; one of: " + String.join(", ", command.subcommands().keySet()));
  }
}
