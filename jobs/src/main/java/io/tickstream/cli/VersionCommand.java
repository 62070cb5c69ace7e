package io.tickstream.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code tickstream version}: prints the version and the git commit the jar was built from. */
@Command(name = "version", mixinStandardHelpOptions = true,
    description = "Print the tickstream version and the git commit the jar was built from.")
public final class VersionCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    out.println("tickstream " + BuildInfo.version());
    out.println("git commit " + BuildInfo.gitCommit());
    out.println("java " + System.getProperty("java.version"));
    out.flush();
    return 0;
  }
}
