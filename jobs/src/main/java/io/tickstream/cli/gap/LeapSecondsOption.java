package io.tickstream.cli.gap;

import io.tickstream.connectors.series.LeapSecondsListReader;
import io.tickstream.core.time.LeapSecondTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --leap-seconds FILE}: the IANA leap-seconds.list used wherever a series crosses a leap second. */
public final class LeapSecondsOption {
  static final Path SYSTEM_FILE = Path.of("/usr/share/zoneinfo/leap-seconds.list");

  @Option(names = "--leap-seconds", paramLabel = "FILE",
      description = "IANA leap-seconds.list (default /usr/share/zoneinfo/leap-seconds.list from tzdata).")
  Path file;

  /** The table, or a clear error when no file is available. */
  LeapSecondTable table() {
    Path f = file != null ? file : SYSTEM_FILE;
    if (!Files.isReadable(f)) {
      throw new IllegalArgumentException("leap-second table needed but " + f + " is not readable;"
          + " pass --leap-seconds FILE (or install tzdata)");
    }
    try {
      return LeapSecondsListReader.read(f).table();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read leap-second table " + f + ": " + e.getMessage(), e);
    }
  }
}
