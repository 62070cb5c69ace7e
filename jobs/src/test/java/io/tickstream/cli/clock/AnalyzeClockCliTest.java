package io.tickstream.cli.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.cli.TickstreamCli;
import io.tickstream.core.hf.clock.Maidenhead;
import io.tickstream.core.hf.clock.ModePath;
import io.tickstream.core.hf.clock.ParametricIonosphere;
import io.tickstream.core.hf.clock.PropagationMode;
import io.tickstream.core.hf.clock.PropagationModel;
import io.tickstream.core.hf.clock.Transmitter;
import io.tickstream.core.hf.clock.GeneratedMinutes;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.StationProgram;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tickstream analyze} with two generated .cf32 channels: fused D_clock and the CSV. */
class AnalyzeClockCliTest {
  static final int FS = 8000;

  @Test
  void twoChannelsAreFusedAndTheSeriesCsvIsWritten(@TempDir Path dir) throws Exception {
    long minute = (1_749_945_600L + 18 * 3600 + 20 * 60) * 1_000_000_000L;
    long start = minute - 2_000_000_000L;
    double dClock = -1.25;
    var rx = Maidenhead.toPoint("EM38ww");
    PropagationModel truth = new PropagationModel(new ParametricIonosphere());
    var gen = new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), 0, false, null));
    Path[] files = new Path[2];
    double[] f = {5, 10};
    for (int i = 0; i < 2; i++) {
      ModePath p = truth.candidates(Transmitter.WWV, rx, f[i], minute).stream()
          .filter(m -> m.mode() == PropagationMode.F1).findFirst().orElseThrow();
      var sc = new HfSignalGenerator.Scenario(List.of(GeneratedMinutes.transmission(
          Transmitter.WWV, List.of(HfSignalGenerator.Path.of(p.delayMs(), 1.0)))), dClock, 15, i);
      float[] iq = gen.iq(start, 124 * FS, FS, sc);
      ByteBuffer bb = ByteBuffer.allocate(iq.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : iq) {
        bb.putFloat(v);
      }
      files[i] = dir.resolve("wwv" + (int) f[i] + ".cf32");
      Files.write(files[i], bb.array());
    }
    Path csv = dir.resolve("clock_offset_series.csv");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int rc;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      rc = TickstreamCli.commandLine().execute("analyze", files[0].toString(), files[1].toString(),
          "--frequency-mhz", "5", "--frequency-mhz", "10", "--rate", Integer.toString(FS),
          "--start-utc", Instant.ofEpochSecond(0, start).toString(), "--grid", "EM38ww",
          "--clock-prior-ms", "-1.2", "--clock-prior-sigma-ms", "0.2", "--csv", csv.toString());
    } finally {
      System.setOut(old);
    }
    String console = out.toString(StandardCharsets.UTF_8);
    System.out.println(console);
    assertEquals(0, rc, console);
    assertTrue(console.contains("D_clock ms"), console);
    List<String> lines = Files.readAllLines(csv);
    assertEquals(3, lines.size(), "header + 2 fused minutes: " + lines);
    for (String line : lines.subList(1, 3)) {
      String[] c = line.split(",", -1);
      assertEquals(dClock, Double.parseDouble(c[3]), 0.05, line);
      assertEquals("1F", c[7], line);
      assertEquals("true", c[20], "multi_station_verified: " + line);
    }
  }

  @Test
  void mismatchedFrequencyCountIsAClearError(@TempDir Path dir) throws Exception {
    Path a = Files.write(dir.resolve("a.cf32"), new byte[8]);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int rc;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      rc = TickstreamCli.commandLine().execute("analyze", a.toString(), a.toString(),
          "--frequency-mhz", "5", "--rate", "8000", "--start-utc", "2025-06-15T00:00:00Z",
          "--grid", "EM38ww");
    } finally {
      System.setErr(old);
    }
    assertEquals(2, rc);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("2 --frequency-mhz"), err.toString());
  }
}
