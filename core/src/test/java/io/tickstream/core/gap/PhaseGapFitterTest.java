package io.tickstream.core.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.time.LeapSecondTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseGapFitterTest {
  private static final long DAY_NS = 86_400_000_000_000L;

  private static long ns(String iso) {
    Instant i = Instant.parse(iso);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** 2016-12-31 leap second: TAI−UTC 36 → 37 s. */
  private static final LeapSecondTable TABLE = new LeapSecondTable(List.of(
      new LeapSecondTable.Step(ns("2015-07-01T00:00:00Z"), 36),
      new LeapSecondTable.Step(ns("2017-01-01T00:00:00Z"), 37)), Long.MAX_VALUE);

  @Test
  void eraConversionIsEarthRotationRate() {
    // 1 s of UT1 = 2π·1.00273781191135448/86400 rad (IERS Conventions 2010 eq. 5.15)
    // = 7.29211514670698e−5 rad, the IERS nominal mean angular velocity ω = 7.292115e−5 rad/s
    double rad = PhaseConversion.earthRotationAngle().toRadians(1.0);
    assertEquals(2 * Math.PI * 1.00273781191135448 / 86400, rad, 1e-20);
    assertEquals(7.292115e-5, rad, 2e-12);
    assertEquals(Math.PI, PhaseConversion.period(2.0).toRadians(1.0), 1e-15);
    assertEquals(PhaseConversion.earthRotationAngle(), PhaseConversion.parse("era"));
  }

  /**
   * UT1−UTC-like series drifting −0.5 ms/day that crosses the 2016-12-31 leap second (+1 s jump).
   * With X_MINUS_UTC handling the jump is removed and the fit sees the pure drift; without, the
   * slope is badly wrong.
   */
  @Test
  void leapSecondStepIsRemovedExplicitly() {
    List<SeriesPoint> pts = new ArrayList<>();
    long start = ns("2016-11-01T00:00:00Z");
    for (int d = 0; d < 120; d++) {
      long t = start + d * DAY_NS;
      double ut1MinusTai = -36.40 - 0.0005 * d;
      double ut1MinusUtc = ut1MinusTai + TABLE.taiMinusUtcSeconds(t);
      pts.add(new SeriesPoint(t, ut1MinusUtc, 1e-5));
    }
    PhaseConversion era = PhaseConversion.earthRotationAngle();
    PhaseGapFitter fitter = new PhaseGapFitter(
        new PhaseGapFitter.Params("s", era, LeapHandling.X_MINUS_UTC, 0.95, 3), TABLE);
    PhaseGapFitter.Result r = fitter.fit(pts);
    assertEquals(1, r.leapSecondsRemoved());
    assertEquals(era.toRadians(-0.0005), r.slopeRadPerDay(), 1e-15);
    assertEquals(era.toRadians(-0.0005), r.wlsSlopeRadPerDay(), 1e-15);
    // gap at the window end = last UT1−UTC value (in the post-leap UTC)
    double last = -36.40 - 0.0005 * 119 + 37;
    assertEquals(era.toRadians(last), r.phaseGapRad(), 1e-14);
    assertEquals(start + 119 * DAY_NS, r.asOfUtcNs());

    PhaseGapFitter.Result naive = new PhaseGapFitter(
        new PhaseGapFitter.Params("s", era, LeapHandling.NONE, 0.95, 3), null).fit(pts);
    assertTrue(Math.abs(naive.slopeRadPerDay() - r.slopeRadPerDay()) > 1e-7,
        "uncorrected slope polluted by the step: " + naive.slopeRadPerDay());
  }

  @Test
  void weightedLeastSquaresMatchesClosedForm() {
    double[] x = {0, 1, 2, 3};
    double[] y = {1.0, 3.1, 4.9, 7.2};
    double[] s = {0.1, 0.1, 0.2, 0.2};
    // hand: w = 100,100,25,25; S=250, Sx=100+50+75=225, Sy=100+310+122.5+180=712.5,
    // Sxx=100+100+225=425, Sxy=310+245+540=1095; Δ=250·425−225²=55625
    // b=(250·1095−225·712.5)/55625 = (273750−160312.5)/55625 = 2.0393258…
    WeightedLeastSquares.Fit f = WeightedLeastSquares.fit(x, y, s);
    assertEquals(113437.5 / 55625, f.slope(), 1e-12);
    assertEquals((425 * 712.5 - 225 * 1095) / 55625, f.intercept(), 1e-12);
    assertEquals(4, f.n());
    assertTrue(f.slopeStdErr() >= Math.sqrt(250 / 55625.0) - 1e-15, "never below the formal error");
  }

  @Test
  void rejectsDuplicateInstantsAndTooFewPoints() {
    PhaseGapFitter f = new PhaseGapFitter(
        new PhaseGapFitter.Params("ms", PhaseConversion.period(1.0), LeapHandling.NONE, 0.95, 3), null);
    assertThrows(IllegalArgumentException.class, () -> f.fit(List.of(new SeriesPoint(0, 1, Double.NaN))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.fit(List.of(
        new SeriesPoint(0, 1, Double.NaN), new SeriesPoint(5, 1, Double.NaN), new SeriesPoint(5, 2, Double.NaN))));
    assertTrue(e.getMessage().contains("same instant"), e.getMessage());
  }
}
