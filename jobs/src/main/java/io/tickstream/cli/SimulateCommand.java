package io.tickstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tickstream simulate ...}: synthetic inputs for demos and tests (refused when DISABLE_SYNTHETIC=true). */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Generate synthetic inputs (marked synthetic in provenance); refused when DISABLE_SYNTHETIC=true.",
    subcommands = {io.tickstream.cli.rtp.SimulateRtpCommand.class})
public final class SimulateCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
