package io.tickstream.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code tickstream version}: prints the version and the git commit the jar was built from. */
@Command(name = "version", mixinStandardHelpOptions = true,
    description = "Print the tickstream version and the git commit the jar was built from.")
public final class VersionCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("tickstream " + BuildInfo.version());
    System.out.println("git commit " + BuildInfo.gitCommit());
    System.out.println("java " + System.getProperty("java.version"));
    return 0;
  }
}
