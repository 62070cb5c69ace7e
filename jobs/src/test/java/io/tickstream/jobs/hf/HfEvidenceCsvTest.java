package io.tickstream.jobs.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.signal.IqBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-method evidence CSVs of the HF job graph (seeds/001, DOMAIN.md §1.8) on a Flink MiniCluster. */
class HfEvidenceCsvTest {
  static final HfScenario SCENARIO = HfTimingJobTest.SCENARIO;

  @TempDir
  Path tmp;

  @Test
  void oneRowPerAnalysedMinuteAndRerunLeavesFilesUntouched() throws Exception {
    List<IqBlock> blocks = SCENARIO.blocks();
    HfJobConfig config = SCENARIO.config("v1", false, true);
    HfTimingJobTest.run(blocks, config, tmp, null, RuntimeExecutionMode.BATCH);

    String day = "20250615";
    for (String channel : List.of("WWV_10_MHz", "WWV_15_MHz")) {
      Path dir = ClockOffsetFileSink.seriesDir(tmp, channel, "v1");
      for (String method : List.of("station_id", "ticks", "doppler", "tones", "bcd")) {
        Path f = dir.resolve(channel + "_" + method + "_" + day + ".csv");
        assertTrue(Files.isRegularFile(f), "missing " + f);
        List<String> lines = Files.readAllLines(f);
        System.out.println(f.getFileName() + "\n" + String.join("\n", lines));
        assertEquals(String.join(",", MinuteEvidenceCsv.COLUMNS.get(method)), lines.get(0), f + " header");
        List<Instant> minutes = new java.util.ArrayList<>();
        for (int k = 1; k < lines.size(); k++) {
          String[] cells = lines.get(k).split(",", -1);
          assertEquals(MinuteEvidenceCsv.COLUMNS.get(method).size(), cells.length, "cells of " + lines.get(k));
          Instant t = Instant.parse(cells[0]);
          if (minutes.isEmpty() || !minutes.get(minutes.size() - 1).equals(t)) {
            minutes.add(t); // tones: one row per station whose marker was found
          } else {
            // ticks and BCD: the minute, then its 10 s windows
            assertTrue(List.of("tones", "ticks", "bcd").contains(method), "one row per minute in " + f);
          }
        }
        assertEquals(SCENARIO.minutes, minutes.size(), "rows for every analysed minute in " + f);
        for (int k = 0; k < minutes.size(); k++) {
          assertEquals(Instant.ofEpochSecond((HfScenario.START_NS / 1_000_000_000L) + 60L * k), minutes.get(k),
              "minute " + k + " in " + f);
        }
      }
      // the simulated signal is WWV only: its ticks are measured, add coherently, and are far above WWVH's
      // per minute: the whole minute, then its six 10 s windows
      List<String> tickRows = rows(dir, channel, "ticks", day);
      assertEquals(7 * SCENARIO.minutes, tickRows.size(), "ticks rows in " + channel);
      Map<String, String> minuteRow = null;
      for (String row : tickRows) {
        Map<String, String> c = cells("ticks", row);
        assertTrue(Double.parseDouble(c.get("coherence_quality_wwv")) > 0.9, "WWV ticks in phase: " + row);
        assertEquals("coherent", c.get("integration_method"), row);
        assertTrue(Double.parseDouble(c.get("coherent_wwv_snr_db")) > Double.parseDouble(c.get("incoherent_wwv_snr_db")),
            row);
        if (c.get("window_length_sec").equals("60")) {
          minuteRow = c;
          assertEquals("0", c.get("window_second"), row);
          assertFalse(c.get("wwv_snr_db").isEmpty(), "WWV tick SNR in " + row);
          assertTrue(c.get("ratio_db").isEmpty() || Double.parseDouble(c.get("ratio_db")) > 3, "WWV over WWVH in " + row);
          continue;
        }
        assertEquals("10", c.get("window_length_sec"), row);
        assertEquals(minuteRow.get("timestamp_utc"), c.get("timestamp_utc"), "windows follow their minute: " + row);
        assertTrue(c.get("wwv_snr_db").isEmpty(), "timing SNR on the minute row only: " + row);
        // steady simulated carrier: coherent gain n, each window 10·log10(n/n_w) below the minute
        double expected = Double.parseDouble(minuteRow.get("coherent_wwv_snr_db"))
            - 10 * Math.log10(Double.parseDouble(minuteRow.get("wwv_tick_count"))
                / Double.parseDouble(c.get("wwv_tick_count")));
        assertEquals(expected, Double.parseDouble(c.get("coherent_wwv_snr_db")), 1.5, row);
      }
      for (String row : rows(dir, channel, "tones", day)) {
        Map<String, String> c = cells("tones", row);
        if (c.get("station").equals("WWV")) {
          assertEquals("1000.0000", c.get("frequency_hz"), row);
          assertEquals("true", c.get("use_for_time_snap"), row);
          assertTrue(Double.parseDouble(c.get("tone_power_db")) > 20, row);
        } else {
          // only WWV is on the air: a WWVH marker the matched filter claims (the BCD restarting after
          // WWV's tick guard splatters into 1200 Hz) shows no 1200 Hz tone power over its neighbours
          assertEquals("WWVH", c.get("station"), row);
          assertTrue(Double.parseDouble(c.get("tone_power_db")) < 6, row);
        }
      }
      for (String row : rows(dir, channel, "doppler", day)) {
        Map<String, String> c = cells("doppler", row);
        assertTrue(Double.parseDouble(c.get("wwv_doppler_quality")) > 0.9, "steady simulated carrier: " + row);
        // 1/(8·max|f_D|) over the usable stations: WWV, and WWVH where the analysis took its leakage for ticks
        double fw = Math.abs(Double.parseDouble(c.get("wwv_doppler_hz")));
        double fh = c.get("wwvh_doppler_hz").isEmpty() ? 0 : Math.abs(Double.parseDouble(c.get("wwvh_doppler_hz")));
        double got = Double.parseDouble(c.get("max_coherent_window_sec"));
        double tol = 0.01 * got; // the Doppler cells are rounded to 1e-4 Hz
        assertTrue(Math.abs(got - Math.min(60, 1 / (8 * fw))) < tol || Math.abs(got - Math.min(60, 1 / (8 * Math.max(fw, fh)))) < tol,
            row);
      }
      List<String> bcdRows = rows(dir, channel, "bcd", day);
      assertEquals(7 * SCENARIO.minutes, bcdRows.size(), "BCD rows in " + channel);
      for (String row : bcdRows) {
        Map<String, String> c = cells("bcd", row);
        // no WWVH in the signal: either the fit finds no second path, or it finds it ≥ 20 dB down
        assertTrue(c.get("differential_delay_ms").isEmpty() || Double.parseDouble(c.get("amplitude_ratio_db")) > 20,
            row);
        assertFalse(c.get("correlation_quality").isEmpty(), row);
      }
      assertFalse(Files.exists(dir.resolve(channel + "_test_signal_" + day + ".csv")),
          "no test signal CSV outside the scheduled minutes 8 and 44");
      assertFalse(Files.exists(dir.resolve(channel + "_tone_440hz_" + day + ".csv")),
          "no 440 Hz CSV outside minutes 1 and 2");
    }

    Map<Path, byte[]> before = new HashMap<>();
    Map<Path, FileTime> times = new HashMap<>();
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    for (Path f : evidenceFiles()) {
      before.put(f, Files.readAllBytes(f));
      Files.setLastModifiedTime(f, old);
      times.put(f, Files.getLastModifiedTime(f));
    }
    HfTimingJobTest.run(blocks, config, tmp, null, RuntimeExecutionMode.BATCH);
    assertEquals(before.keySet().stream().sorted().toList(), evidenceFiles().stream().sorted().toList());
    for (Path f : evidenceFiles()) {
      assertArrayEquals(before.get(f), Files.readAllBytes(f), "rerun changed " + f);
      assertEquals(times.get(f), Files.getLastModifiedTime(f), "rerun rewrote unchanged " + f);
    }

    // a version whose file lost a row gets it back, the other rows unchanged
    Path ticks = ClockOffsetFileSink.seriesDir(tmp, "WWV_10_MHz", "v1").resolve("WWV_10_MHz_ticks_" + day + ".csv");
    List<String> full = Files.readAllLines(ticks);
    Files.write(ticks, full.subList(0, full.size() - 1));
    HfTimingJobTest.run(blocks, config, tmp, null, RuntimeExecutionMode.BATCH);
    assertEquals(full, Files.readAllLines(ticks));

    // a file from a release with other columns is moved aside, not merged into
    Path doppler = ClockOffsetFileSink.seriesDir(tmp, "WWV_10_MHz", "v1").resolve("WWV_10_MHz_doppler_" + day + ".csv");
    List<String> current = Files.readAllLines(doppler);
    List<String> oldFormat = List.of("timestamp_utc,wwv_doppler_hz", current.get(1).split(",")[0] + ",0.1");
    Files.write(doppler, oldFormat);
    HfTimingJobTest.run(blocks, config, tmp, null, RuntimeExecutionMode.BATCH);
    assertEquals(current, Files.readAllLines(doppler));
    assertEquals(oldFormat, Files.readAllLines(doppler.resolveSibling(doppler.getFileName() + ".superseded")));
  }

  /** The WWV test minute (8) through the graph: analysed with the configured HamSCI template, not without. */
  @Test
  void testMinuteIsAnalysedWithTheConfiguredTemplate() throws Exception {
    String tplPath = io.tickstream.core.testing.SharedData.path("data/hf/ka9q_wwvsim_hamsci_test_signal_48k_s16le.raw")
        .toString();
    int fs = 16_000;
    double delayMs = 6.0;
    double dClockMs = 3.2;
    long minute8 = 1_749_945_600_000_000_000L + (14 * 60 + 8) * HfScenario.MINUTE_NS;
    long t0 = minute8 - 3_000_000_000L;
    int n = 66 * fs;
    var gen = new io.tickstream.core.hf.sim.HfSignalGenerator(new io.tickstream.core.hf.sim.StationProgram(
        io.tickstream.core.hf.format.BroadcastOptions.defaults(), 0.0, false, ChannelAnalysis.loadTemplate(tplPath)));
    float[] iq = gen.iq(t0, n, fs, new io.tickstream.core.hf.sim.HfSignalGenerator.Scenario(List.of(
        io.tickstream.core.hf.sim.HfSignalGenerator.Transmission.single(io.tickstream.core.hf.Station.WWV, delayMs, 1.0)),
        dClockMs, 25, 8));
    List<IqBlock> blocks = new java.util.ArrayList<>();
    long first = t0 / 1_000_000_000L * fs;
    for (int k = 0; k < n; k += fs / 10) {
      blocks.add(IqBlock.ofFloat32("WWV_10_MHz", first + k, io.tickstream.core.time.Rational.of(fs),
          t0 + k * 1_000_000_000L / fs, true, java.util.Arrays.copyOfRange(iq, 2 * k, 2 * (k + fs / 10)), 0));
    }
    HfJobConfig without = new HfJobConfig("test-rx", HfScenario.GRID, "v0", Map.of("WWV_10_MHz", 10e6), 2.5, 2000,
        0.5, false, true, Instant.parse("2026-01-01T00:00:00Z"), Map.of());
    HfJobConfig with = new HfJobConfig("test-rx", HfScenario.GRID, "v1", Map.of("WWV_10_MHz", 10e6), 2.5, 2000,
        0.5, false, true, Instant.parse("2026-01-01T00:00:00Z"), Map.of()).withTestSignalTemplate(tplPath);
    assertEquals(tplPath, with.withProductResume(Map.of("WWV_10_MHz", 1L)).testSignalTemplate(),
        "the template survives withProductResume");
    HfTimingJobTest.run(blocks, without, tmp, null, RuntimeExecutionMode.BATCH);
    HfTimingJobTest.run(blocks, with, tmp, null, RuntimeExecutionMode.BATCH);

    String day = "20250615";
    assertFalse(Files.exists(ClockOffsetFileSink.seriesDir(tmp, "WWV_10_MHz", "v0")
        .resolve("WWV_10_MHz_test_signal_" + day + ".csv")), "without a template, no test-signal evidence");
    List<String> rows = rows(ClockOffsetFileSink.seriesDir(tmp, "WWV_10_MHz", "v1"), "WWV_10_MHz", "test_signal", day);
    System.out.println(rows);
    assertEquals(1, rows.size(), "minute 8 only");
    Map<String, String> c = cells("test_signal", rows.get(0));
    assertEquals(Instant.ofEpochSecond(minute8 / 1_000_000_000L), Instant.parse(c.get("timestamp_utc")));
    assertEquals("8", c.get("minute_number"));
    assertEquals("true", c.get("detected"));
    assertEquals("WWV", c.get("station"));
    assertEquals(delayMs + dClockMs, Double.parseDouble(c.get("toa_offset_ms")), 1.0);
    assertEquals(delayMs + dClockMs, Double.parseDouble(c.get("burst_toa_offset_ms")), 0.5);
    assertTrue(Double.parseDouble(c.get("noise1_score")) > 0.3 && Double.parseDouble(c.get("noise2_score")) > 0.3,
        rows.get(0));
  }

  private static List<String> rows(Path dir, String channel, String method, String day) throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve(channel + "_" + method + "_" + day + ".csv"));
    return lines.subList(1, lines.size());
  }

  private static Map<String, String> cells(String method, String row) {
    List<String> cols = MinuteEvidenceCsv.COLUMNS.get(method);
    String[] c = row.split(",", -1);
    assertEquals(cols.size(), c.length, "cells of " + row);
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < c.length; i++) {
      m.put(cols.get(i), c[i]);
    }
    return m;
  }

  private List<Path> evidenceFiles() throws Exception {
    try (Stream<Path> s = Files.walk(tmp.resolve("clock_offset"))) {
      return s.filter(p -> p.getFileName().toString().matches(".*_(station_id|ticks|doppler|test_signal|tones|bcd|tone_440hz|chu_fsk)_\\d{8}\\.csv"))
          .toList();
    }
  }
}
