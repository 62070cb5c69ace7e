package io.tickstream.cli.hf;

import io.tickstream.cli.BuildInfo;
import io.tickstream.cli.ConfigOptions;
import io.tickstream.connectors.rtp.ChannelDeclaration;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.connectors.rtp.StationConfigException;
import io.tickstream.jobs.hf.ArchiveSource;
import io.tickstream.jobs.hf.ChannelAnalysis;
import io.tickstream.jobs.hf.HfReprocess;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tickstream reprocess}: the HF job graph over a Phase 1 Digital RF archive in BATCH mode,
 * writing a new version beside earlier ones (seeds/003 §7).
 */
@Command(name = "reprocess",
    description = {"Reprocess a Phase 1 Digital RF archive with the HF job graph (bounded, BATCH) into a version:",
        "clock_offset rows, DATA_DIR/clock_offset/<CHANNEL>/<version>/clock_offset_series.{csv,json} (FUSED for the",
        "receiver) and, with phase 3, DATA_DIR/processed/<version>/<CHANNEL>/ (10 Hz UTC Digital RF).",
        "An existing version is completed, never overwritten; one ingest_run row records the run."})
public final class ReprocessCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ReprocessCommand.class);

  @Mixin io.tickstream.cli.HelpOption help;

  @Mixin ConfigOptions config;

  @Option(names = "--archive", required = true, paramLabel = "DIR",
      description = "Digital RF top directory of the Phase 1 archive (one channel per HF channel).")
  Path archive;

  @Option(names = "--version", required = true, paramLabel = "V", description = "Output version, e.g. v2.")
  String version;

  @Option(names = "--from", paramLabel = "T", description = "First system time (ISO-8601 UTC, e.g. 2025-06-15T14:00:00Z).")
  String from;

  @Option(names = "--to", paramLabel = "T", description = "End system time, exclusive (ISO-8601 UTC).")
  String to;

  @Option(names = "--phases", defaultValue = "2,3", paramLabel = "LIST",
      description = "Phases to run: 2 or 2,3 (default ${DEFAULT-VALUE}).")
  String phases;

  @Option(names = "--config", paramLabel = "STATION.TOML",
      description = {"Station configuration (as for `run`): receiver name, grid square and the channels (names and",
          "frequencies, checked against the archive's metadata). --receiver, --grid and --channel override it."})
  Path station;

  @Option(names = "--channel", paramLabel = "NAME",
      description = "Only these archive channels (repeatable; default: the station's channels, else all).")
  List<String> channels = List.of();

  @Option(names = "--receiver", description = "Receiver name (default: the station's receiver_name, else 'receiver').")
  String receiver;

  @Option(names = "--grid", paramLabel = "LOCATOR",
      description = "Receiver Maidenhead locator (propagation geometry), e.g. EM38ww (default: the station's grid_square).")
  String grid;

  @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--test-signal-template", paramLabel = "RAW",
      description = {"HamSCI test-signal template (48 kHz s16le, ka9q/wwvsim test.raw): analyse the test minutes",
          "(WWV 8, WWVH 44) with it; without it those minutes get no test_signal evidence."})
  Path testSignalTemplate;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<String> ph = Arrays.stream(phases.split(",")).map(String::trim).toList();
    if (!ph.contains("2") || !ph.stream().allMatch(p -> p.equals("2") || p.equals("3"))) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--phases must be 2 or 2,3 (Phase 3 needs this run's D_clock), got '" + phases + "'");
    }
    if (testSignalTemplate != null) {
      try {
        ChannelAnalysis.loadTemplate(testSignalTemplate.toString());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--test-signal-template: " + e.getMessage());
      }
    }
    long fromNs = from == null ? Long.MIN_VALUE : epochNs("--from", from);
    long toNs = to == null ? Long.MAX_VALUE : epochNs("--to", to);
    Resolved st = Resolved.of(spec.commandLine(), station, receiver, grid, channels, archive);
    PrintWriter out = spec.commandLine().getOut();
    try (ConfigOptions.Opened opened = config.open()) {
      Path dataDir = opened.config().dataDir();
      HfReprocess.Result r = HfReprocess.run(new HfReprocess.Request(archive, st.channels(), fromNs, toNs, version,
          ph.contains("3"), st.receiver(), st.grid(), parallelism, testSignalTemplate), st.parameters(), opened.db(), dataDir,
          BuildInfo.gitCommit(), System.err);
      out.printf("reprocessed %s: %d channel(s) %s, %.3f channel-hours in %.1f s (%.0f x real time), ingest_run %d%n",
          archive, r.channels().size(), r.channels(), r.channelHours(), r.wallSeconds(), r.realTimeFactor(),
          r.ingestRunId());
      out.printf("  clock_offset rows  version %s in %s%n", version, opened.db().url().masked());
      out.printf("  D_clock series     %s%n", dataDir.resolve("clock_offset").resolve("<CHANNEL|FUSED>").resolve(version));
      if (ph.contains("3")) {
        out.printf("  10 Hz UTC product  %s%n", dataDir.resolve("processed").resolve(version));
      }
      out.flush();
      LOG.info("reprocess {} done: ingest_run {}", version, r.ingestRunId());
    }
    return 0;
  }

  /**
   * Receiver, grid and channels of the run: explicit flags, else the station file, else defaults
   * (receiver {@code receiver}, all archive channels); the grid has no default. The station's channel
   * frequencies must agree with the archive's Phase 1 metadata (the graph takes them from there).
   *
   * @param parameters what the station file contributed, for the {@code ingest_run} row
   */
  record Resolved(String receiver, String grid, List<String> channels, Map<String, Object> parameters) {
    static Resolved of(CommandLine cl, Path station, String receiver, String grid, List<String> channels, Path archive) {
      if (station == null) {
        if (grid == null) {
          throw new CommandLine.ParameterException(cl,
              "the receiver's grid square is needed: give --grid LOCATOR or --config STATION.TOML");
        }
        return new Resolved(receiver == null ? "receiver" : receiver, grid, channels, Map.of());
      }
      StationConfig sc;
      try {
        sc = StationConfig.load(station);
      } catch (StationConfigException e) {
        throw new CommandLine.ParameterException(cl, "--config: invalid station configuration:\n" + e.getMessage());
      }
      List<String> names = !channels.isEmpty() ? channels
          : sc.channels().stream().map(ChannelDeclaration::name).toList();
      List<String> found = new ArrayList<>();
      for (ArchiveSource.ArchiveChannel c : ArchiveSource.channels(archive, names)) {
        found.add(c.name());
        ChannelDeclaration d = sc.channel(c.name());
        if (d != null && Math.abs(d.frequencyHz() - c.frequencyHz()) > 0.5) {
          throw new CommandLine.ParameterException(cl, String.format("channel %s: %s declares frequency_hz = %.1f but the"
              + " archive's metadata (%s) says %.1f; use the station file the archive was recorded with",
              c.name(), station, d.frequencyHz(), c.dir(), c.frequencyHz()));
        }
      }
      List<String> missing = names.stream().filter(n -> !found.contains(n)).toList();
      if (!missing.isEmpty()) {
        LOG.warn("channels {} are not in the archive {} (or hold no data); reprocessing {}", missing, archive, found);
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("station_config", station.toAbsolutePath().toString());
      p.put("station_callsign", sc.callsign());
      List<String> overridden = new ArrayList<>();
      if (receiver != null) {
        overridden.add("--receiver");
      }
      if (grid != null) {
        overridden.add("--grid");
      }
      if (!channels.isEmpty()) {
        overridden.add("--channel");
      }
      p.put("station_overridden_by", overridden);
      return new Resolved(receiver != null ? receiver : sc.receiverName(), grid != null ? grid : sc.gridSquare(),
          found, p);
    }
  }

  private long epochNs(String option, String text) {
    try {
      Instant t = Instant.parse(text);
      return Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L) + t.getNano();
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": not an ISO-8601 UTC instant: '" + text
          + "' (e.g. 2025-06-15T14:00:00Z)");
    }
  }
}
