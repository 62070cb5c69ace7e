package io.tickstream.jobs.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.hf.HfMinuteAnalyzer;
import io.tickstream.core.hf.MinuteAnalysis;
import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.analysis.MinuteSamples;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.format.UtcMinute;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.HfSignalGenerator.Path;
import io.tickstream.core.hf.sim.HfSignalGenerator.Scenario;
import io.tickstream.core.hf.sim.HfSignalGenerator.Transmission;
import io.tickstream.core.hf.sim.StationProgram;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows of the 440 Hz, BCD, tones and CHU FSK CSVs rendered from analysed generated minutes (WWV + WWVH; CHU). */
class MinuteEvidenceCsvTest {
  static final int FS = 16_000;
  static final HfSignalGenerator GEN =
      new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), 0.0, false, null));
  static final HfMinuteAnalyzer ANALYZER = new HfMinuteAnalyzer(HfMinuteAnalyzer.Config.defaultsFor(10e6, null));
  static final Scenario BOTH = new Scenario(List.of(
      new Transmission(Station.WWV, List.of(new Path(7.0, 1.0, 0.0, 0.0))),
      new Transmission(Station.WWVH, List.of(new Path(22.0, 0.7, 0.0, 0.3)))), 1.5, 25, 5);

  private static Map<String, Map<String, String>> rows(int hour, int minute) {
    return rows("WWV 10 MHz", 10e6, GEN, ANALYZER, BOTH, new UtcMinute(2026, 200, hour, minute).epochNs());
  }

  /** The evidence rows (method → column → cell; further rows of a method as method#2…) of one minute. */
  private static Map<String, Map<String, String>> rows(String channel, double frequencyHz, HfSignalGenerator gen,
      HfMinuteAnalyzer analyzer, Scenario scenario, long utc) {
    long t0 = utc - 1_000_000_000L;
    MinuteSamples in = MinuteSamples.fromInterleavedIq(channel, frequencyHz, FS, t0, utc,
        gen.iq(t0, 62 * FS, FS, scenario), 1.0);
    MinuteAnalysis a = analyzer.analyze(in);
    Map<String, Map<String, String>> out = new HashMap<>();
    for (EvidenceLine e : MinuteEvidenceCsv.lines(a)) {
      assertEquals(channel.replace(' ', '_').replace('.', '_'), e.channel());
      List<String> cols = MinuteEvidenceCsv.COLUMNS.get(e.method());
      int k = 0;
      for (String line : e.csvLine().split("\n")) {
        String[] c = line.split(",", -1);
        assertEquals(cols.size(), c.length, e.method() + ": " + line);
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < c.length; i++) {
          m.put(cols.get(i), c[i]);
        }
        out.put(e.method() + (k++ == 0 ? "" : "#" + k), m);
      }
    }
    return out;
  }

  @Test
  void the440HzRowAttributesTheToneByMinuteAndReportsItsAbsence() {
    Map<String, String> m1 = rows(14, 1).get("tone_440hz");
    assertEquals(Map.of("timestamp_utc", m1.get("timestamp_utc"), "minute_number", "1", "wwv_detected", "",
        "wwvh_detected", "true", "wwv_power_db", "", "wwvh_power_db", m1.get("wwvh_power_db")), m1);
    assertTrue(Double.parseDouble(m1.get("wwvh_power_db")) > 20, m1.toString());
    Map<String, String> m2 = rows(14, 2).get("tone_440hz");
    assertEquals("true", m2.get("wwv_detected"), m2.toString());
    assertEquals("", m2.get("wwvh_detected"));
    Map<String, String> h0 = rows(0, 2).get("tone_440hz");
    assertEquals("false", h0.get("wwv_detected"), "no 440 Hz in hour 0: " + h0);
    assertEquals(null, rows(14, 3).get("tone_440hz"), "no 440 Hz row outside minutes 1 and 2");
  }

  @Test
  void bcdAndTonesRowsCarryBothStations() {
    Map<String, Map<String, String>> r = rows(14, 20);
    Map<String, String> bcd = r.get("bcd");
    System.out.println(bcd);
    assertEquals(15.0, Double.parseDouble(bcd.get("differential_delay_ms")), 1.0, bcd.toString());
    assertEquals(7.0 + 1.5, Double.parseDouble(bcd.get("wwv_delay_ms")), 1.0, bcd.toString());
    assertEquals("0", bcd.get("window_start_sec"));
    assertEquals("60", bcd.get("window_length_sec"));
    // then the six 10 s windows, each fitted from its own 10 s of code
    for (int k = 0; k < 6; k++) {
      Map<String, String> w = r.get("bcd#" + (k + 2));
      System.out.println(w);
      assertEquals(Integer.toString(10 * k), w.get("window_start_sec"), w.toString());
      assertEquals("10", w.get("window_length_sec"));
      assertEquals(15.0, Double.parseDouble(w.get("differential_delay_ms")), 1.5, w.toString());
      assertEquals(Double.parseDouble(bcd.get("amplitude_ratio_db")), Double.parseDouble(w.get("amplitude_ratio_db")),
          1.5, w.toString());
    }
    assertEquals(null, r.get("bcd#8"));
    assertEquals("WWV", r.get("tones").get("station"));
    assertEquals("WWVH", r.get("tones#2").get("station"));
    assertEquals(22.0 + 1.5, Double.parseDouble(r.get("tones#2").get("timing_error_ms")), 1.0);
    assertEquals("1200.0000", r.get("tones#2").get("frequency_hz"));
  }

  @Test
  void chuFskRowHoldsTheDecodedTimeCodeAndBothArrivalTimes() {
    HfSignalGenerator gen = new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), -0.3, false, null));
    HfMinuteAnalyzer chu = new HfMinuteAnalyzer(HfMinuteAnalyzer.Config.defaultsFor(7.85e6, null));
    double delayMs = 5.2;
    double dClockMs = 3.0;
    Scenario sc = new Scenario(List.of(new Transmission(Station.CHU, List.of(new Path(delayMs, 1.0, 0.0, 0.0)))),
        dClockMs, 20, 11);
    long utc = new UtcMinute(2026, 200, 14, 20).epochNs();
    Map<String, Map<String, String>> r = rows("CHU 7.85 MHz", 7.85e6, gen, chu, sc, utc);
    Map<String, String> f = r.get("chu_fsk");
    System.out.println(f);
    assertEquals("true", f.get("decoded"), f.toString());
    assertEquals("8", f.get("valid_frames_a"));
    assertEquals("true", f.get("frame_b_valid"));
    assertEquals("2026-07-19T14:20:00Z", f.get("decoded_utc"), "day 200 of 2026");
    assertEquals(0.0, Double.parseDouble(f.get("decoded_minus_system_s")), 1e-9);
    assertEquals("-0.3000", f.get("dut1_s"));
    assertEquals("37", f.get("tai_utc_s"));
    assertEquals("0", f.get("errors"));
    assertEquals(delayMs + dClockMs, Double.parseDouble(f.get("fsk_arrival_offset_ms")), 0.2, f.toString());
    assertEquals(delayMs + dClockMs, Double.parseDouble(f.get("tone_arrival_offset_ms")), 0.05, f.toString());
    assertEquals(0.0, Double.parseDouble(f.get("fsk_minus_tone_ms")), 0.2);
    assertEquals(null, r.get("bcd"), "no WWV/WWVH rows on a CHU channel");
    assertEquals(null, rows(14, 20).get("chu_fsk"), "no CHU FSK row on a WWV channel");
  }
}
