package io.tickstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tickstream} command line. Each subcommand is a small class in this package (or a
 * sub-package) registered in {@link #subcommands()}.
 */
@Command(
    name = "tickstream",
    mixinStandardHelpOptions = true,
    versionProvider = TickstreamCli.Version.class,
    description = {
      "tickstream measures how wrong a clock is, from HF time signals (WWV/WWVH/CHU) and NTP probes,",
      "and keeps every number reproducible. Runs Flink job graphs embedded or on a cluster."
    },
    subcommands = {CommandLine.HelpCommand.class, VersionCommand.class, io.tickstream.cli.hf.AnalyzeCommand.class,
      BenchCommand.class})
public final class TickstreamCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Builds the command line with every subcommand registered. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new TickstreamCli());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  public static void main(String[] args) {
    int rc = commandLine().execute(args);
    System.exit(rc);
  }

  /** picocli version provider: version and git commit. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tickstream " + BuildInfo.version() + " (git " + BuildInfo.gitCommit() + ")"};
    }
  }
}
