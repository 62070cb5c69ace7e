package io.tickstream.cli.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.hf.MinuteAnalysis;
import io.tickstream.core.hf.clock.GeneratedMinutes;
import io.tickstream.core.hf.clock.Maidenhead;
import io.tickstream.core.hf.clock.ModePath;
import io.tickstream.core.hf.clock.MinuteSolution;
import io.tickstream.core.hf.clock.ParametricIonosphere;
import io.tickstream.core.hf.clock.PropagationMode;
import io.tickstream.core.hf.clock.PropagationModel;
import io.tickstream.core.hf.clock.Transmitter;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated two-channel minutes → analysis → fused D_clock → console + CSV + JSON. */
class ClockReportTest {
  static final long MINUTE0 = (1_749_945_600L + 18 * 3600 + 5 * 60) * 1_000_000_000L;

  @Test
  void fusesChannelsPrintsColumnsAndWritesTheSeries(@TempDir Path dir) throws Exception {
    double dClock = 2.345;
    PropagationModel truth = new PropagationModel(new ParametricIonosphere());
    var rx = Maidenhead.toPoint("EM38ww");
    List<MinuteAnalysis> analyses = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      long minute = MINUTE0 + k * 60_000_000_000L;
      for (double f : new double[] {5, 10}) {
        ModePath p = truth.candidates(Transmitter.WWV, rx, f, minute).stream()
            .filter(m -> m.mode() == PropagationMode.F1).findFirst().orElseThrow();
        var sc = new HfSignalGenerator.Scenario(List.of(GeneratedMinutes.transmission(
            Transmitter.WWV, List.of(HfSignalGenerator.Path.of(p.delayMs(), 1.0)))), dClock, 20, k);
        analyses.add(GeneratedMinutes.analyse("WWV_" + (int) f + "_MHz", f, minute, sc));
      }
    }
    Path csv = dir.resolve("clock_offset_series.csv");
    Path json = dir.resolve("series.json");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    var opts = new ClockOptions("EM38ww", csv, json, true, 2.2, 0.2);
    List<MinuteSolution> minutes = new ClockReport(opts, new PrintStream(buf, true, StandardCharsets.UTF_8))
        .run(analyses);
    String console = buf.toString(StandardCharsets.UTF_8);
    System.out.println(console);
    assertEquals(2, minutes.size());
    for (MinuteSolution s : minutes) {
      assertEquals(dClock, s.dClockMs(), 0.2);
      assertEquals(2, s.inlierCount());
    }
    assertTrue(console.contains("D_clock ms") && console.contains("grade") && console.contains("1F"),
        console);
    List<String> lines = Files.readAllLines(csv);
    assertTrue(lines.get(0).startsWith("system_time,utc_time,minute_boundary_utc,clock_offset_ms"));
    int expectedRows = 1 + minutes.stream().mapToInt(s -> 1 + s.channels().size()).sum();
    assertEquals(expectedRows, lines.size(), "header, then per minute the fused row and one per channel");
    String[] row = lines.get(1).split(",", -1);
    assertEquals(dClock, Double.parseDouble(row[3]), 0.2);
    assertEquals("WWV", row[4]);
    assertNotEquals("X", row[11]);
    assertTrue(Files.readString(json).contains("\"receiver_grid\": \"EM38ww\""));
  }

  @Test
  void withoutAGridTheUserIsToldWhatIsMissing() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    new ClockReport(new ClockOptions(), new PrintStream(buf, true, StandardCharsets.UTF_8))
        .run(List.of());
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("--grid"));
  }
}
