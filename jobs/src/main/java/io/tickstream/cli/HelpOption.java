package io.tickstream.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} without picocli's {@code -V/--version}, for commands whose {@code --version}
 * names a processing version (e.g. {@code reprocess --version v2}, {@code gap fit --version V}).
 */
public final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;
}
