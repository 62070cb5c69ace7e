package io.tickstream.cli.gap;

import io.tickstream.cli.BuildInfo;
import io.tickstream.cli.ConfigOptions;
import io.tickstream.connectors.db.IngestRuns;
import io.tickstream.connectors.series.CsvSeriesReader;
import io.tickstream.connectors.series.FinalsAllReader;
import io.tickstream.connectors.series.LeapSecondsListReader;
import io.tickstream.connectors.series.LoadedSeries;
import io.tickstream.connectors.series.OwnSeries;
import io.tickstream.connectors.series.SeriesReject;
import io.tickstream.connectors.series.SeriesStore;
import io.tickstream.core.gap.LeapHandling;
import io.tickstream.core.gap.PhaseConversion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tickstream series load|list|register|sync}: curated streams (docs/PHASE_GAP.md). */
@Command(name = "series", mixinStandardHelpOptions = true,
    description = "Curated time series (source_registry / timeseries_stream / observation): load files,"
        + " register tickstream's own series, list what is stored.",
    subcommands = {SeriesCommand.Load.class, SeriesCommand.ListStreams.class, SeriesCommand.Register.class,
        SeriesCommand.Sync.class})
public final class SeriesCommand implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Input formats of {@code series load}. */
  public enum Format { finals, leap_seconds, csv }

  @Command(name = "load", mixinStandardHelpOptions = true,
      description = {"Load a series file into a stream (one ingest_run per load; re-loading unchanged data changes"
          + " no row).",
          "  finals        IERS finals.all/finals.data: UT1-UTC in s (observed values; --include-predictions for P rows),",
          "                leap-second jumps checked against --leap-seconds",
          "  leap-seconds  IANA leap-seconds.list: TAI-UTC in s (hash verified)",
          "  csv           header t_utc,value[,uncertainty]; needs --unit"})
  static final class Load implements Callable<Integer> {
    @Mixin ConfigOptions config;
    @Mixin LeapSecondsOption leap;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", required = true, converter = FormatConverter.class,
        description = "finals, leap-seconds or csv")
    Format format;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to load.")
    Path file;

    @Option(names = "--stream", required = true, paramLabel = "KEY", description = "Stream key, e.g. iers:ut1-utc.")
    String stream;

    @Option(names = "--unit", paramLabel = "U", description = "Unit of the values: s, ms, us, ns or rad (csv: required).")
    String unit;

    @Option(names = "--source", paramLabel = "NAME",
        description = "source_registry name (default IERS:finals, IANA:leap-seconds or csv:<file name>).")
    String source;

    @Option(names = "--leap-handling", paramLabel = "H",
        description = "How values step at leap seconds: none, x-minus-utc, utc-minus-x (finals: x-minus-utc).")
    String leapHandling;

    @Option(names = "--phase-conversion", paramLabel = "C",
        description = "Offset to phase: era (Earth rotation angle), rad, or period:<seconds> (finals: era).")
    String phaseConversion;

    @Option(names = "--include-predictions", description = "finals: also load predicted (P) rows, flagged.")
    boolean includePredictions;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (ConfigOptions.Opened o = config.open()) {
        String sourceName = source != null ? source : switch (format) {
          case finals -> "IERS:finals";
          case leap_seconds -> "IANA:leap-seconds";
          case csv -> "csv:" + file.getFileName();
        };
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("format", format.name().replace('_', '-'));
        params.put("stream", stream);
        params.put("include_predictions", includePredictions);
        IngestRuns runs = new IngestRuns(o.db(), BuildInfo.gitCommit());
        long run = runs.start("series load", sourceName, format == Format.csv ? "file" : "timescale", params,
            Map.of("file", file.toAbsolutePath().toString()));
        try {
          LoadedSeries s = switch (format) {
            case finals -> FinalsAllReader.read(file, includePredictions, leap.table());
            case leap_seconds -> LeapSecondsListReader.readSeries(file);
            case csv -> {
              if (unit == null) {
                throw new IllegalArgumentException("--unit is required for csv (s, ms, us, ns or rad)");
              }
              yield CsvSeriesReader.read(file, unit, leapHandling == null ? "none" : leapHandling);
            }
          };
          if (unit != null && !unit.equals(s.unit())) {
            throw new IllegalArgumentException(format + " values are in '" + s.unit() + "', not '" + unit + "'");
          }
          PhaseConversion.secondsPerUnit(s.unit());
          String lh = LeapHandling.parse(leapHandling != null ? leapHandling : s.leapHandling()).key();
          String conv = phaseConversion != null ? PhaseConversion.parse(phaseConversion).name()
              : format == Format.finals ? PhaseConversion.earthRotationAngle().name() : null;
          SeriesStore store = new SeriesStore(o.db());
          long streamId = store.register(new SeriesStore.StreamDef(sourceName, format == Format.csv ? "file"
              : "timescale", stream, s.unit(), s.description(), format == Format.finals ? 86400 : null, lh, conv,
              "file:" + format.name().replace('_', '-'), null));
          for (SeriesReject r : s.rejects()) {
            LOG.warn("rejected {}", r);
          }
          SeriesStore.UpsertCounts c = store.upsert(streamId, run, s.observations());
          String msg = String.format("%d observations into stream %s (%d written, %d unchanged), %d line(s) rejected",
              s.observations().size(), stream, c.written(), c.unchanged(), s.rejects().size());
          runs.finishOk(run, msg);
          out.println(msg + "; ingest_run " + run);
          for (SeriesReject r : s.rejects()) {
            out.println("  rejected " + r);
          }
          out.flush();
          return 0;
        } catch (Exception e) {
          runs.finishFailed(run, e);
          throw e;
        }
      }
    }
  }

  static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("format must be finals, leap-seconds or csv, got '" + value + "'");
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the registered streams: key, source, unit, number of observations and time span.")
  static final class ListStreams implements Callable<Integer> {
    @Mixin ConfigOptions config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (ConfigOptions.Opened o = config.open()) {
        var streams = new SeriesStore(o.db()).list();
        out.printf("%-32s %-20s %-5s %8s  %-27s %-27s %-12s %s%n", "stream", "source", "unit", "n", "first", "last",
            "leap", "phase");
        for (SeriesStore.StreamInfo s : streams) {
          out.printf("%-32s %-20s %-5s %8d  %-27s %-27s %-12s %s%n", s.streamKey(), s.sourceName(), s.unit(),
              s.observations(), s.first() == null ? "-" : s.first(), s.last() == null ? "-" : s.last(),
              s.leapHandling(), s.phaseConversion() == null ? "-" : s.phaseConversion());
        }
        out.println(streams.size() + " stream(s)");
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "register", mixinStandardHelpOptions = true,
      description = {"Register one of tickstream's own series as a stream and copy its rows into observation:",
          "  --clock-offset RECEIVER [--channel C] --dclock-version V   a receiver's D_clock (clock_offset table)",
          "  --mesh METHOD                                        a mesh consensus method (advisory: never feeds the ETA)"})
  static final class Register implements Callable<Integer> {
    @Mixin ConfigOptions config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--clock-offset", paramLabel = "RECEIVER", description = "Receiver name in clock_offset.")
    String receiver;

    @Option(names = "--channel", defaultValue = "fused", description = "clock_offset channel (default ${DEFAULT-VALUE}).")
    String channel;

    @Option(names = "--dclock-version", paramLabel = "V", description = "clock_offset processing version.")
    String version;

    @Option(names = "--mesh", paramLabel = "METHOD", description = "mesh_consensus method, e.g. huber.")
    String mesh;

    @Option(names = "--leap-handling", defaultValue = "none",
        description = "D_clock leap handling: none (system clock steps with UTC) or x-minus-utc (free-running).")
    String leapHandling;

    @Override
    public Integer call() {
      if ((receiver == null) == (mesh == null)) {
        throw new IllegalArgumentException("give exactly one of --clock-offset RECEIVER or --mesh METHOD");
      }
      if (receiver != null && version == null) {
        throw new IllegalArgumentException("--clock-offset needs --dclock-version");
      }
      try (ConfigOptions.Opened o = config.open()) {
        OwnSeries own = new OwnSeries(o.db());
        String key = receiver != null
            ? own.registerClockOffset(receiver, channel, version, LeapHandling.parse(leapHandling).key())
            : own.registerMeshConsensus(mesh);
        return sync(o, key, spec.commandLine().getOut());
      }
    }
  }

  @Command(name = "sync", mixinStandardHelpOptions = true,
      description = "Copy new or changed rows of a registered own stream (dclock:..., mesh:...) into observation.")
  static final class Sync implements Callable<Integer> {
    @Mixin ConfigOptions config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KEY", description = "Stream key.")
    String key;

    @Override
    public Integer call() {
      try (ConfigOptions.Opened o = config.open()) {
        return sync(o, key, spec.commandLine().getOut());
      }
    }
  }

  static int sync(ConfigOptions.Opened o, String key, PrintWriter out) {
    IngestRuns runs = new IngestRuns(o.db(), BuildInfo.gitCommit());
    long run = runs.start("series sync", OwnSeries.SOURCE, "tickstream", Map.of("stream", key), null);
    try {
      SeriesStore.UpsertCounts c = new OwnSeries(o.db()).sync(key, run);
      String msg = String.format("stream %s: %d observation(s) written, %d unchanged", key, c.written(), c.unchanged());
      runs.finishOk(run, msg);
      out.println(msg + "; ingest_run " + run);
      out.flush();
      return 0;
    } catch (RuntimeException e) {
      runs.finishFailed(run, e);
      throw e;
    }
  }
}
