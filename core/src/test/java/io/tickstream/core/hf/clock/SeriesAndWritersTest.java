package io.tickstream.core.hf.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesAndWritersTest {
  static final long T0 = 1_749_945_600L * 1_000_000_000L;
  static final long MIN = 60_000_000_000L;

  static ClockOffsetMeasurement m(long t, double d, double sigma) {
    return new ClockOffsetMeasurement(t, t - Math.round(d * 1e6), t, d, Transmitter.WWV, 10,
        4.5, PropagationMode.F1, 0.9, sigma, QualityGrade.of(sigma), 20, 0.1, 0.05, Double.NaN,
        ArrivalObservation.Context.NONE, true, false, 1);
  }

  static ClockOffsetMeasurement invalid(long t) {
    return new ClockOffsetMeasurement(t, t, t, Double.NaN, Transmitter.WWV, 10, Double.NaN, null,
        0, Double.NaN, QualityGrade.X, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        ArrivalObservation.Context.NONE, false, false, 0);
  }

  @Test
  void offsetAtInterpolatesWithBridgeUncertaintyAndReportsGaps() {
    ClockOffsetSeries s = new ClockOffsetSeries();
    s.add(m(T0, 1.0, 0.1));
    s.add(m(T0 + MIN, 2.0, 0.1));
    s.add(invalid(T0 + 2 * MIN));
    s.add(m(T0 + 10 * MIN, 5.0, 0.2));
    var exact = s.offsetAt(T0 + MIN).orElseThrow();
    assertEquals(2.0, exact.offsetMs(), 1e-12);
    assertFalse(exact.interpolated());
    var mid = s.offsetAt(T0 + MIN / 2).orElseThrow();
    assertEquals(1.5, mid.offsetMs(), 1e-9);
    // (0.5·0.1)² + (0.5·0.1)² + 1e-4·0.25·60 = 0.005 + 0.0015
    assertEquals(Math.sqrt(0.005 + 0.0015), mid.uncertaintyMs(), 1e-9);
    // 30 s after the last valid minute before the gap: extrapolated, σ² = 0.01 + 1e-4·30
    var ext = s.offsetAt(T0 + MIN + 30_000_000_000L).orElseThrow();
    assertEquals(2.0, ext.offsetMs(), 1e-12);
    assertEquals(Math.sqrt(0.01 + 0.003), ext.uncertaintyMs(), 1e-9);
    assertTrue(s.offsetAt(T0 + 5 * MIN).isEmpty(), "inside the 9-minute gap");
    assertTrue(s.offsetAt(T0 - 2 * MIN).isEmpty(), "before the series");
    assertEquals(List.of(new ClockOffsetSeries.Gap(T0 + MIN, T0 + 10 * MIN)), s.gaps());
    assertEquals(4, s.size());
  }

  @Test
  void csvHasTheSeedColumnsAndExactTimes() throws Exception {
    StringWriter w = new StringWriter();
    ClockOffsetCsv csv = new ClockOffsetCsv(w, Instant.parse("2026-11-22T00:00:00Z"));
    csv.write(m(T0 + 4_123_456L, 15.23, 0.3));
    csv.write(invalid(T0 + MIN));
    String[] lines = w.toString().split("\n");
    assertEquals("system_time,utc_time,minute_boundary_utc,clock_offset_ms,station,frequency_mhz,"
        + "propagation_delay_ms,propagation_mode,n_hops,confidence,uncertainty_ms,quality_grade,"
        + "snr_db,delay_spread_ms,doppler_std_hz,fss_db,wwv_power_db,wwvh_power_db,"
        + "discrimination_confidence,utc_verified,multi_station_verified,rtp_timestamp,processed_at",
        lines[0]);
    String[] f = lines[1].split(",", -1);
    assertEquals(23, f.length);
    assertEquals("1749945600.004123", f[0]);
    assertEquals("1749945599.988893", f[1]);
    assertEquals("15.2300", f[3]);
    assertEquals("1F", f[7]);
    assertEquals("1", f[8]);
    assertEquals("B", f[11]);
    assertEquals("", f[15], "unknown FSS is an empty field");
    assertEquals("2026-11-22T00:00:00Z", f[22]);
    String[] g = lines[2].split(",", -1);
    assertEquals("X", g[11]);
    assertEquals("", g[3]);
    assertEquals("", g[7]);
    assertEquals("-0.000001", ClockOffsetCsv.epochSeconds(-1000));
  }

  @Test
  void jsonDocumentCarriesTheSeriesMetadataAndNulls() throws Exception {
    StringWriter w = new StringWriter();
    List<ClockOffsetMeasurement> ms = new ArrayList<>(List.of(m(T0, 15.23, 0.1), invalid(T0 + MIN)));
    ClockOffsetJson.write(w, "WWV_10_MHz \"a\"", 10e6, "EM38ww", "1.0.0", ms);
    String json = w.toString();
    assertTrue(json.contains("\"channel_name\": \"WWV_10_MHz \\\"a\\\"\""), json);
    assertTrue(json.contains("\"receiver_grid\": \"EM38ww\""));
    assertTrue(json.contains("\"clock_offset_ms\": 15.23"));
    assertTrue(json.contains("\"propagation_mode\": \"1F\""));
    assertTrue(json.contains("\"clock_offset_ms\": null"));
    assertTrue(json.contains("\"quality_grade\": \"X\""));
    assertEquals(2, json.split("\"system_time\"").length - 1);
  }

  @Test
  void fusedMeasurementDescribesThePrimaryChannel() {
    var syn = new SyntheticArrivals(ClockSolverTest.RX, new ParametricIonosphere(), 9);
    List<ArrivalObservation> obs = new ArrayList<>();
    for (double f : new double[] {5, 10}) {
      obs.add(syn.observe(Transmitter.WWV, f, ClockSolverTest.NOON_NS,
          syn.path(Transmitter.WWV, f, ClockSolverTest.NOON_NS, PropagationMode.F1), 0.7,
          f == 10 ? 14 : -4));
    }
    MinuteSolution s = ClockSolverTest.SOLVER.solve(obs, new ClockPrior(0.7, 0.1));
    ClockOffsetMeasurement fused = ClockOffsetMeasurement.fused(s);
    assertEquals(s.dClockMs(), fused.clockOffsetMs());
    assertEquals(2, fused.channelCount());
    assertEquals(10.0, fused.frequencyMHz(), "primary = most precise inlier");
    assertEquals(PropagationMode.F1, fused.mode());
    assertEquals(ClockSolverTest.NOON_NS - Math.round(s.dClockMs() * 1e6), fused.utcTimeNs());
    assertEquals(ClockSolverTest.NOON_NS, fused.minuteBoundaryUtcNs());
  }
}
