package io.tickstream.cli.drf;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tickstream drf ...}: Digital RF archive tools. */
@Command(
    name = "drf",
    mixinStandardHelpOptions = true,
    description = "Digital RF archives: dump (describe, with sample hashes), verify (checksums and structure), "
        + "copy (re-compress, re-cadence, cut).",
    subcommands = {DrfDumpCommand.class, DrfVerifyCommand.class, DrfCopyCommand.class})
public final class DrfCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
