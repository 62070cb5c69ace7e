package io.tickstream.core.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EtaEstimatorTest {
  private static final long DAY_NS = 86_400_000_000_000L;
  private static final long T0 = 1_780_000_000_000_000_000L;

  private static List<EtaEstimator.GapRow> series(int days, double gap0, double slopePerDay, double noise, long seed) {
    Random rnd = new Random(seed);
    List<EtaEstimator.GapRow> rows = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      rows.add(new EtaEstimator.GapRow(T0 + d * DAY_NS, gap0 + slopePerDay * d + noise * rnd.nextGaussian()));
    }
    return rows;
  }

  @Test
  void closingGapGivesEtaNearTruthWithBandAroundIt() {
    // gap 0.30 rad closing at 0.002 rad/day; after 60 days gap = 0.18 → true ETA 90 days
    EtaEstimator.Estimate e = new EtaEstimator(EtaEstimator.Params.defaults())
        .estimate(series(61, 0.30, -0.002, 0.003, 1));
    assertTrue(e.hasEta(), e.reason());
    assertEquals(90.0, e.etaDays(), 6.0);
    assertTrue(e.bandIqrDays() > 0 && e.bandIqrDays() < 20, "band " + e.bandIqrDays());
    assertTrue(e.kendallTau() < -0.5 && e.kendallPValue() < 1e-6, e.toString());
    assertEquals(T0 + 60 * DAY_NS, e.asOfUtcNs());
    assertEquals(61, e.n());
  }

  @Test
  void negativeGapClosingUpwardsAlsoCounts() {
    EtaEstimator.Estimate e = new EtaEstimator(EtaEstimator.Params.defaults())
        .estimate(series(41, -0.20, 0.002, 0.001, 2));
    assertTrue(e.hasEta(), e.reason());
    assertEquals(0.12 / 0.002, e.etaDays(), 3.0);
  }

  @Test
  void growingGapHasNoEtaAndSaysWhy() {
    EtaEstimator.Estimate e = new EtaEstimator(EtaEstimator.Params.defaults())
        .estimate(series(40, 0.10, 0.002, 0.001, 3));
    assertFalse(e.hasEta());
    assertTrue(e.reason().startsWith("non-closing slope"), e.reason());
  }

  @Test
  void trendlessNoiseHasNoEta() {
    EtaEstimator.Estimate e = new EtaEstimator(EtaEstimator.Params.defaults())
        .estimate(series(40, 0.10, 0.0, 0.01, 4));
    assertFalse(e.hasEta());
    assertTrue(e.reason().startsWith("no significant trend"), e.reason());
  }

  @Test
  void tooFewRowsHasNoEta() {
    EtaEstimator.Estimate e = new EtaEstimator(EtaEstimator.Params.defaults())
        .estimate(series(5, 0.10, -0.01, 0.0, 5));
    assertFalse(e.hasEta());
    assertTrue(e.reason().startsWith("insufficient history"), e.reason());
  }
}
