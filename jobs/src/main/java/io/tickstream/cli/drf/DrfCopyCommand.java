package io.tickstream.cli.drf;

import io.tickstream.connectors.drf.DigitalRfReader;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.drf.DrfCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tickstream drf copy SRC DST ...}. */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description = {
      "Rewrites a Digital RF top-level directory (every channel and its Digital Metadata) through the",
      "tickstream writer: re-compress, add/remove Fletcher32, change file/subdirectory cadence, switch",
      "continuous/gapped layout, cut a time range. Unset options keep the source's values. Fill-value",
      "padding of contiguous source files is not copied as data. DST must not already hold these samples."
    })
public final class DrfCopyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SRC", description = "Source top-level directory.")
  Path src;

  @Parameters(index = "1", paramLabel = "DST", description = "Destination top-level directory (created).")
  Path dst;

  @Option(names = "--compression", paramLabel = "N", description = "Deflate level 0-9 (default: as the source).")
  Integer compression;

  @Option(names = "--checksum", negatable = true, description = "Fletcher32 on/off (default: as the source).")
  Boolean checksum;

  @Option(names = "--file-cadence-ms", paramLabel = "N", description = "Milliseconds per file (default: as the source).")
  Long fileCadenceMs;

  @Option(names = "--subdir-cadence-s", paramLabel = "N", description = "Seconds per subdirectory (default: as the source).")
  Long subdirCadenceS;

  @ArgGroup(exclusive = true)
  Layout layout;

  static final class Layout {
    @Option(names = "--continuous", description = "Continuous layout (is_continuous=1).")
    boolean continuous;

    @Option(names = "--gapped", description = "Gapped layout (is_continuous=0).")
    boolean gapped;
  }

  @Option(names = "--from", paramLabel = "T", description = "Start (inclusive): ISO-8601 UTC instant "
      + "(2024-04-08T18:00:30Z) or a global sample index.")
  String from;

  @Option(names = "--to", paramLabel = "T", description = "End (exclusive): ISO-8601 UTC instant or a global sample index.")
  String to;

  @Override
  public Integer call() throws Exception {
    List<String> channels = DigitalRfReader.channels(src);
    if (channels.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "no Digital RF channel (subdirectory with drf_properties.h5) in " + src);
    }
    Files.createDirectories(dst);
    long t0 = System.nanoTime();
    long total = 0;
    for (String ch : channels) {
      Long fromIndex;
      Long toIndex;
      try (DrfChannelReader r = DigitalRfReader.channel(src, ch)) {
        fromIndex = toIndex(from, r);
        toIndex = toIndex(to, r);
      }
      DrfCopy.Options o = new DrfCopy.Options(compression, checksum, fileCadenceMs, subdirCadenceS,
          layout == null ? null : layout.continuous, fromIndex, toIndex);
      total += DrfCopy.copyChannel(src, dst, ch, o, System.out::println).samples();
    }
    System.out.printf("copied %d samples from %s to %s in %.1f s%n", total, src.toAbsolutePath(), dst.toAbsolutePath(),
        (System.nanoTime() - t0) / 1e9);
    return 0;
  }

  private Long toIndex(String t, DrfChannelReader r) {
    if (t == null) {
      return null;
    }
    if (t.matches("\\d+")) {
      return Long.parseLong(t);
    }
    try {
      Instant i = Instant.parse(t);
      return r.indexAtOrAfter(Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano()));
    } catch (java.time.format.DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "not an ISO-8601 instant or sample index: " + t);
    }
  }
}
