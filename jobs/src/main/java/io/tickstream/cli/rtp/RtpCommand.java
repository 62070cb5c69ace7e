package io.tickstream.cli.rtp;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tickstream rtp ...}: radiod RTP tools. */
@Command(name = "rtp", mixinStandardHelpOptions = true, description = "radiod RTP tools.",
    subcommands = {RtpListenCommand.class})
public final class RtpCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
