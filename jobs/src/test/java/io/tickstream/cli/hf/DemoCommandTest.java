package io.tickstream.cli.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.cli.TickstreamCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tickstream demo}: simulated radiod → live graph; prints outputs and a D_clock table near the truth. */
class DemoCommandTest {
  @TempDir
  Path tmp;

  @Test
  void demoMeasuresTheSimulatedClockOffsetAndSaysWhereOutputsWent() throws Exception {
    CommandLine cl = TickstreamCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute("demo", "--minutes", "1", "--rate", "8000", "--d-clock-ms", "1.7",
        "--data-dir", tmp.resolve("data").toString(), "--db-url", "sqlite:///" + tmp.resolve("demo.db"));
    String o = out.toString();
    assertEquals(0, rc, o + err);
    assertTrue(o.contains("10 Hz UTC product") && o.contains("Phase 1 raw archive"), o);
    String row = Arrays.stream(o.split("\n")).filter(l -> l.matches("\\s+\\d{4}-.*")).findFirst()
        .orElseThrow(() -> new AssertionError("no D_clock row in\n" + o));
    String[] f = row.trim().split("\\s+");
    double d = Double.parseDouble(f[1]);
    double sigma = Double.parseDouble(f[2]);
    assertEquals(1.7, d, 0.5, row);
    assertTrue(Math.abs(d - 1.7) <= 3 * sigma, "consistent with its stated uncertainty: " + row);
    // the first minute has no tracking prior: WWV's own modulation taken for WWVH once made it ±779 ms, grade D
    assertTrue(sigma < 1.0 && (f[3].equals("A") || f[3].equals("B")), "first minute solved unambiguously: " + row);
    // loss is reported per channel against what the simulated radiod sent: 75 s at 8 kHz
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("WWV_10_MHz +([0-9]+) of ([0-9]+) samples \\(").matcher(o);
    assertTrue(m.find(), o);
    long stored = Long.parseLong(m.group(1).replace(",", ""));
    assertEquals(600_000, Long.parseLong(m.group(2).replace(",", "")), o);
    assertTrue(stored > 0 && stored <= 600_000, o);
    try (var runs = Files.list(tmp.resolve("data/demo-runs"))) {
      Path run = runs.findFirst().orElseThrow();
      assertTrue(Files.isDirectory(run.resolve("processed/demo/WWV_10_MHz")), o);
      assertTrue(Files.isRegularFile(run.resolve("clock_offset/FUSED/demo/clock_offset_series.csv")), o);
    }
    System.out.println(o);
  }
}
