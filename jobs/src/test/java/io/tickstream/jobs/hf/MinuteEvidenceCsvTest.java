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

/** Rows of the 440 Hz, BCD and tones CSVs rendered from analysed generated minutes (WWV + WWVH). */
class MinuteEvidenceCsvTest {
  static final int FS = 16_000;
  static final HfSignalGenerator GEN =
      new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), 0.0, false, null));
  static final HfMinuteAnalyzer ANALYZER = new HfMinuteAnalyzer(HfMinuteAnalyzer.Config.defaultsFor(10e6, null));
  static final Scenario BOTH = new Scenario(List.of(
      new Transmission(Station.WWV, List.of(new Path(7.0, 1.0, 0.0, 0.0))),
      new Transmission(Station.WWVH, List.of(new Path(22.0, 0.7, 0.0, 0.3)))), 1.5, 25, 5);

  private static Map<String, Map<String, String>> rows(int hour, int minute) {
    long utc = new UtcMinute(2026, 200, hour, minute).epochNs();
    long t0 = utc - 1_000_000_000L;
    MinuteSamples in = MinuteSamples.fromInterleavedIq("WWV 10 MHz", 10e6, FS, t0, utc,
        GEN.iq(t0, 62 * FS, FS, BOTH), 1.0);
    MinuteAnalysis a = ANALYZER.analyze(in);
    Map<String, Map<String, String>> out = new HashMap<>();
    for (EvidenceLine e : MinuteEvidenceCsv.lines(a)) {
      assertEquals("WWV_10_MHz", e.channel());
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
    assertEquals("WWV", r.get("tones").get("station"));
    assertEquals("WWVH", r.get("tones#2").get("station"));
    assertEquals(22.0 + 1.5, Double.parseDouble(r.get("tones#2").get("timing_error_ms")), 1.0);
    assertEquals("1200.0000", r.get("tones#2").get("frequency_hz"));
  }
}
