package io.tickstream.cli.mesh;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tickstream ntp probe|import}. */
@Command(name = "ntp", mixinStandardHelpOptions = true,
    description = "Query NTP servers and import the logs of existing NTP daemons (chrony, ntpd) as mesh probes.",
    subcommands = {NtpProbeCommand.class, NtpImportCommand.class})
public final class NtpCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
