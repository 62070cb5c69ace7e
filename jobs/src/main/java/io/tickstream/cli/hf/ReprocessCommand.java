package io.tickstream.cli.hf;

import io.tickstream.cli.BuildInfo;
import io.tickstream.cli.ConfigOptions;
import io.tickstream.jobs.hf.ChannelAnalysis;
import io.tickstream.jobs.hf.HfReprocess;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
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

  @Option(names = "--channel", paramLabel = "NAME", description = "Only these archive channels (repeatable).")
  List<String> channels = List.of();

  @Option(names = "--receiver", defaultValue = "receiver", description = "Receiver name (default ${DEFAULT-VALUE}).")
  String receiver;

  @Option(names = "--grid", required = true, paramLabel = "LOCATOR",
      description = "Receiver Maidenhead locator (propagation geometry), e.g. EM38ww.")
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
    PrintWriter out = spec.commandLine().getOut();
    try (ConfigOptions.Opened opened = config.open()) {
      Path dataDir = opened.config().dataDir();
      HfReprocess.Result r = HfReprocess.run(new HfReprocess.Request(archive, channels, fromNs, toNs, version,
          ph.contains("3"), receiver, grid, parallelism, testSignalTemplate), opened.db(), dataDir, BuildInfo.gitCommit(), System.err);
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
