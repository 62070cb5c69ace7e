package io.tickstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tickstream bench ...}: performance measurements that print figures (never pass/fail). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: run a pipeline on generated input and print throughput figures.",
    subcommands = {io.tickstream.cli.mesh.BenchMeshCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
