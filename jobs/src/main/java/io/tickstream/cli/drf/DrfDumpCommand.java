package io.tickstream.cli.drf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstream.cli.BuildInfo;
import io.tickstream.connectors.drf.DrfDump;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tickstream drf dump DIR [--json]}. */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
      "Describes a Digital RF top-level directory: per channel the properties, bounds, continuous blocks",
      "(sample counts, fill-value counts, SHA-256 of the canonical little-endian samples) and files;",
      "per Digital Metadata channel the properties and every record.",
      "--json prints the same field names as the reference fixtures' ground truth (format drf_ref-dump-1)."
    })
public final class DrfDumpCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Top-level directory (the parent of the channel directories).")
  Path dir;

  @Option(names = "--json", description = "Print JSON instead of a text summary.")
  boolean json;

  @Override
  public Integer call() {
    ObjectNode dump = DrfDump.dump(dir, BuildInfo.version());
    if (json) {
      System.out.println(DrfDump.toJson(dump));
    } else {
      DrfDump.summary(dump).forEach(System.out::println);
    }
    return 0;
  }
}
