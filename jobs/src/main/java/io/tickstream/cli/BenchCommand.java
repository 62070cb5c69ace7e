package io.tickstream.cli;

import io.tickstream.cli.drf.DrfBenchCommand;
import io.tickstream.cli.hf.BenchHfCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code tickstream bench ...}: throughput benchmarks that print figures (never timed test assertions). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Throughput benchmarks; each subcommand prints its figures.",
    subcommands = {
        DrfBenchCommand.class,
        BenchHfCommand.class,
        io.tickstream.cli.mesh.BenchMeshCommand.class,
        io.tickstream.cli.clock.BenchClockCommand.class,
        io.tickstream.cli.rtp.BenchRtpCommand.class,
        io.tickstream.cli.gap.GapBenchCommand.class,
        io.tickstream.cli.hf.HfJobBenchCommand.class,
        io.tickstream.cli.hf.HfLatencyBenchCommand.class,
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
