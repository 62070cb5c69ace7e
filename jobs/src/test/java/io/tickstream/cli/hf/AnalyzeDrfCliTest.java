package io.tickstream.cli.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.cli.TickstreamCli;
import io.tickstream.core.hf.clock.GeneratedMinutes;
import io.tickstream.core.hf.clock.Maidenhead;
import io.tickstream.core.hf.clock.ModePath;
import io.tickstream.core.hf.clock.ParametricIonosphere;
import io.tickstream.core.hf.clock.PropagationMode;
import io.tickstream.core.hf.clock.PropagationModel;
import io.tickstream.core.hf.clock.Transmitter;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.StationProgram;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import io.tickstream.jobs.hf.GeneratedArchive;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tickstream analyze} on a Digital RF archive: 20 kHz complex int16 written by
 * {@code DigitalRfWriter} from generated WWV with a known D_clock and a packet-sized gap.
 */
class AnalyzeDrfCliTest {
  static final int FS = 20_000;
  static final String CH = "WWV_10_MHz";
  static final String REAL_CH = "WWV_5_MHz";

  static ModePath f1(io.tickstream.core.hf.clock.GeoPoint rx, double mhz, long minute) {
    return new PropagationModel(new ParametricIonosphere()).candidates(Transmitter.WWV, rx, mhz, minute).stream()
        .filter(m -> m.mode() == PropagationMode.F1).findFirst().orElseThrow();
  }

  static HfSignalGenerator.Scenario scenario(io.tickstream.core.hf.clock.GeoPoint rx, double mhz, long minute,
      double dClockMs) {
    ModePath p = f1(rx, mhz, minute);
    return new HfSignalGenerator.Scenario(List.of(GeneratedMinutes.transmission(
        Transmitter.WWV, List.of(HfSignalGenerator.Path.of(p.delayMs(), 1.0)))), dClockMs, 20, (long) mhz);
  }

  @Test
  void analysesADigitalRfChannelWithAGap(@TempDir Path dir) throws Exception {
    long minute = (1_749_945_600L + 18 * 3600 + 20 * 60) * 1_000_000_000L; // 2025-06-15 18:20 = day 166
    long start = minute - 2_000_000_000L;
    double dClock = 3.7;
    var rx = Maidenhead.toPoint("EM38ww");
    var gen = new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), 0, false, null));
    int n = 124 * FS;
    float[] iq = gen.iq(start, n, FS, scenario(rx, 10, minute, dClock));
    float peak = 0;
    for (float v : iq) {
      peak = Math.max(peak, Math.abs(v));
    }
    short[] s = new short[iq.length];
    for (int k = 0; k < iq.length; k++) {
      s[k] = (short) Math.round(iq[k] / peak * 30_000);
    }
    long first = start / 1_000_000_000L * FS;
    int gapAt = 32 * FS + 5_000; // 30.25 s into the first minute: a lost 20 ms RTP packet run
    int gapLen = 400;
    Rational rate = Rational.of(FS);
    IqBlock a = IqBlock.ofInt16(CH, first, rate, start, true, Arrays.copyOfRange(s, 0, 2 * gapAt), 0);
    IqBlock b = IqBlock.ofInt16(CH, first + gapAt + gapLen, rate, start, true,
        Arrays.copyOfRange(s, 2 * (gapAt + gapLen), s.length), gapLen);
    // a second channel, real float32 AM audio (an envelope recording) of WWV 5 MHz, no gap
    IqBlock real = IqBlock.ofFloat32(REAL_CH, first, rate, start, false,
        gen.envelope(start, n, FS, scenario(rx, 5, minute, dClock)), 0);
    Path archive = dir.resolve("archive");
    GeneratedArchive.write(archive, List.of(a, b, real), Map.of(CH, 10e6, REAL_CH, 5e6));
    Path csv = dir.resolve("series.csv");

    String[] two = run("analyze", archive.toString(), "--grid", "EM38ww");
    assertEquals("2", two[0]);
    assertTrue(two[2].contains("choose one with --channel"), two[2]);

    String[] r = run("analyze", archive.toString(), "--channel", CH, "--grid", "EM38ww", "--csv", csv.toString());
    String out = r[1];
    String err = r[2];
    assertEquals("0", r[0], out + err);
    assertTrue(err.contains("complex 20000 Hz"), err);
    for (String tc : List.of("2025-166 18:20", "2025-166 18:21")) {
      assertTrue(out.lines().anyMatch(l -> l.contains(tc) && l.contains(" WWV ")), "time code " + tc + ":\n" + out);
    }
    assertTrue(err.contains(String.format("gap: %s samples [%d, %d) = %d samples (20.0 ms)", CH,
        first + gapAt, first + gapAt + gapLen, gapLen)), err);
    assertEquals(1, err.lines().filter(l -> l.startsWith("gap:")).count(), err);
    List<String> rows = Files.readAllLines(csv);
    assertEquals(3, rows.size(), "header + 2 minutes: " + rows);
    for (String row : rows.subList(1, 3)) {
      String[] c = row.split(",", -1);
      assertEquals(dClock, Double.parseDouble(c[3]), 0.05, "D_clock within the HF accuracy: " + row);
      assertEquals("WWV", c[4], row);
      assertTrue(out.contains(String.format(java.util.Locale.ROOT, "%+.3f", Double.parseDouble(c[3]))), out);
    }

    // both channels of the top level together: fused minute by minute; each arrival = F1 delay + D_clock
    Path fusedCsv = dir.resolve("fused.csv");
    String[] both = run("analyze", archive.toString(), "--channel", CH, "--channel", REAL_CH, "--grid", "EM38ww",
        "--csv", fusedCsv.toString());
    assertEquals("0", both[0], both[1] + both[2]);
    assertTrue(both[2].contains("complex 20000 Hz") && both[2].contains("real 20000 Hz"), both[2]);
    assertTrue(both[1].contains("4 channel-minutes"), both[1]);
    List<String> minuteLines = both[1].lines().filter(l -> l.contains(" 2025-166 18:2")).toList();
    assertEquals(4, minuteLines.size(), both[1]);
    for (int i = 0; i < 4; i++) {
      double expected = f1(rx, i < 2 ? 10 : 5, minute).delayMs() + dClock;
      assertEquals(expected, Double.parseDouble(minuteLines.get(i).trim().split("\\s+")[6]), 0.05,
          minuteLines.get(i));
    }
    // and the fused D_clock: 1F/1F and 1E/1E differ by a nearly common shift; the 5−10 MHz
    // differential decides (ClockTwoChannelFusedTest, docs/CLOCK_SOLVER.md "Evidence covariance")
    List<String> fusedRows = Files.readAllLines(fusedCsv);
    assertEquals(3, fusedRows.size(), "header + 2 fused minutes: " + fusedRows);
    for (String row : fusedRows.subList(1, 3)) {
      assertEquals(dClock, Double.parseDouble(row.split(",", -1)[3]), 0.05, "fused D_clock: " + row);
    }

    // the real channel's directory itself, cut with --from/--to to the second minute
    String[] one = run("analyze", archive.resolve(REAL_CH).toString(), "--grid", "EM38ww",
        "--from", "2025-06-15T18:21:00Z", "--to", "2025-06-15T18:22:00Z");
    assertEquals("0", one[0], one[1] + one[2]);
    assertTrue(one[2].contains("analysed 1 minute(s)") && one[2].contains("real 20000 Hz"), one[2]);
    assertTrue(one[1].contains("2025-166 18:21 ") && one[1].contains(" WWV "), one[1]);
    assertTrue(one[2].lines().noneMatch(l -> l.startsWith("gap:")), one[2]);
  }

  @Test
  void aDirectoryThatIsNotDigitalRfIsAClearError(@TempDir Path dir) throws Exception {
    Path plain = Files.createDirectories(dir.resolve("not-drf").resolve("sub"));
    String[] r = run("analyze", plain.getParent().toString(), "--grid", "EM38ww", "--frequency-mhz", "10");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("is not Digital RF") && r[2].contains("drf_properties.h5"), r[2]);
  }

  static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = System.out;
    PrintStream e = System.err;
    int rc;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      rc = TickstreamCli.commandLine().execute(args);
    } finally {
      System.setOut(o);
      System.setErr(e);
    }
    String so = out.toString(StandardCharsets.UTF_8);
    String se = err.toString(StandardCharsets.UTF_8);
    System.out.println(so);
    System.out.println(se);
    return new String[] {Integer.toString(rc), so, se};
  }
}
