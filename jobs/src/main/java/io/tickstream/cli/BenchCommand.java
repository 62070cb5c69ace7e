package io.tickstream.cli;

import io.tickstream.cli.hf.BenchHfCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tickstream bench ...}: performance figures (never timed assertions in tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure throughput of tickstream components and print the figures.",
    subcommands = {BenchHfCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
