package io.tickstream.cli.clock;

import io.tickstream.core.hf.MinuteAnalysis;
import io.tickstream.core.hf.clock.ChannelSolution;
import io.tickstream.core.hf.clock.ClockFusion;
import io.tickstream.core.hf.clock.ClockOffsetCsv;
import io.tickstream.core.hf.clock.ClockOffsetJson;
import io.tickstream.core.hf.clock.ClockOffsetMeasurement;
import io.tickstream.core.hf.clock.MinuteSolution;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * D_clock part of {@code tickstream analyze}: fuses the minute analyses of all inputs (one per
 * channel) minute by minute, prints D_clock, station, mode, propagation delay, uncertainty and grade,
 * and writes the seed 003 CSV / JSON series.
 */
public final class ClockReport {
  private static final Logger LOG = LoggerFactory.getLogger(ClockReport.class);

  private final ClockOptions options;
  private final PrintStream out;

  public ClockReport(ClockOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Solves, prints and writes; returns the solved minutes. */
  public List<MinuteSolution> run(Collection<MinuteAnalysis> analyses) throws IOException {
    if (!options.enabled()) {
      out.println("D_clock: not computed (no receiver locator: give --grid LOCATOR)");
      return List.of();
    }
    List<MinuteSolution> minutes = new ClockFusion(options.solver(), options.prior(), options.track())
        .solveAll(analyses);
    out.println("D_clock = t_system − t_UTC, receiver " + options.grid() + " "
        + options.receiver() + ", " + analyses.size() + " channel-minutes");
    out.println(ClockColumns.header());
    List<ClockOffsetMeasurement> rows = new ArrayList<>();
    for (MinuteSolution s : minutes) {
      out.println(ClockColumns.minute(s));
      rows.add(ClockOffsetMeasurement.fused(s));
      if (options.perChannel()) {
        for (ChannelSolution c : s.channels()) {
          out.println(ClockColumns.channel(c));
          rows.add(ClockOffsetMeasurement.channel(s, c));
        }
      }
    }
    long valid = minutes.stream().filter(MinuteSolution::valid).count();
    out.printf("%d minutes solved, %d valid%n", minutes.size(), valid);
    Instant processedAt = Instant.now();
    if (options.csv() != null) {
      try (Writer w = Files.newBufferedWriter(options.csv(), StandardCharsets.UTF_8)) {
        ClockOffsetCsv csv = new ClockOffsetCsv(w, processedAt);
        csv.writeHeader();
        for (ClockOffsetMeasurement m : rows) {
          csv.write(m);
        }
      }
      out.println("clock offset series (" + rows.size() + " rows) written to " + options.csv());
      LOG.info("wrote {} clock-offset rows to {}", rows.size(), options.csv());
    }
    if (options.json() != null) {
      writeJson(options.json(), analyses, rows);
      out.println("clock offset series JSON written to " + options.json());
      LOG.info("wrote clock-offset JSON to {}", options.json());
    }
    return minutes;
  }

  private void writeJson(Path path, Collection<MinuteAnalysis> analyses,
      List<ClockOffsetMeasurement> rows) throws IOException {
    List<String> channels = analyses.stream().map(MinuteAnalysis::channel).distinct().toList();
    List<Double> freqs = analyses.stream().map(MinuteAnalysis::frequencyHz).distinct().toList();
    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      ClockOffsetJson.write(w, String.join("+", channels),
          freqs.size() == 1 ? freqs.get(0) : Double.NaN, options.grid(), "1.0.0", rows);
    }
  }
}
