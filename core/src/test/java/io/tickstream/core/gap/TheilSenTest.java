package io.tickstream.core.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TheilSenTest {

  @Test
  void exactLineGivesExactSlopeAndIntercept() {
    double[] x = {0, 1, 2, 3, 4, 5};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 2.5 - 0.75 * x[i];
    }
    TheilSen.Fit f = TheilSen.fit(x, y, 0.95);
    assertEquals(-0.75, f.slope(), 1e-15);
    assertEquals(2.5, f.intercept(), 1e-15);
    assertEquals(-0.75, f.slopeLow(), 1e-15);
    assertEquals(-0.75, f.slopeHigh(), 1e-15);
  }

  /**
   * Same data through SciPy 1.17.1 {@code scipy.stats.theilslopes(y, x, alpha)} (an independent
   * implementation of Sen's interval): 0.95 → slope 1.0, intercept −0.05, CI [0.942857…, 1.066666…];
   * 0.5 → CI [0.975, 1.0142857…]. The point at x=6 is a gross outlier.
   */
  @Test
  void matchesScipyTheilslopesIncludingInterval() {
    double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    double[] y = {0.1, 1.3, 1.9, 3.2, 3.8, 5.1, 20.0, 7.2, 7.9, 9.1};
    TheilSen.Fit f = TheilSen.fit(x, y, 0.95);
    assertEquals(1.0, f.slope(), 1e-12);
    assertEquals(-0.05, f.intercept(), 1e-12);
    assertEquals(0.942857142857143, f.slopeLow(), 1e-12);
    assertEquals(1.0666666666666667, f.slopeHigh(), 1e-12);
    TheilSen.Fit half = TheilSen.fit(x, y, 0.5);
    assertEquals(0.9750000000000001, half.slopeLow(), 1e-12);
    assertEquals(1.0142857142857145, half.slopeHigh(), 1e-12);
  }

  /**
   * Acceptance: known slope, Gaussian noise and 10 % gross outliers at random positions; the true
   * slope lies inside the fitted 95 % interval in at least 93 % of 200 trials. (Sen's interval is
   * distribution-free for i.i.d. errors, so the contaminated mixture keeps ~95 % coverage; ordinary
   * least squares would be dragged away by the outliers.)
   */
  @Test
  void ninetyFivePercentIntervalCoversTrueSlopeWithOutliers() {
    Random rnd = new Random(20261122L);
    double trueSlope = -0.0021;
    int trials = 200;
    int n = 60;
    int covered = 0;
    double worstError = 0;
    for (int t = 0; t < trials; t++) {
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = i * 1.0 + 0.3 * rnd.nextDouble();
        y[i] = 0.2 + trueSlope * x[i] + 0.002 * rnd.nextGaussian();
        if (rnd.nextDouble() < 0.10) {
          y[i] += (rnd.nextBoolean() ? 1 : -1) * (0.05 + 0.1 * rnd.nextDouble());
        }
      }
      TheilSen.Fit f = TheilSen.fit(x, y, 0.95);
      assertTrue(f.slopeLow() <= f.slope() && f.slope() <= f.slopeHigh(), "interval brackets estimate");
      if (f.slopeLow() <= trueSlope && trueSlope <= f.slopeHigh()) {
        covered++;
      }
      worstError = Math.max(worstError, Math.abs(f.slope() - trueSlope));
    }
    assertTrue(covered >= 186, "coverage " + covered + "/200 below 93 %");
    // robustness: outliers of up to 0.15 rad never pull the slope far (noise-limited error ~1e-4)
    assertTrue(worstError < 5e-4, "worst slope error " + worstError);
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> TheilSen.fit(new double[] {1}, new double[] {1}, 0.95));
    assertThrows(IllegalArgumentException.class,
        () -> TheilSen.fit(new double[] {1, 1, 1}, new double[] {1, 2, 3}, 0.95));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TheilSen.fit(new double[] {0, 1, 2}, new double[] {1, Double.NaN, 3}, 0.95));
    assertTrue(e.getMessage().contains("index 1"), e.getMessage());
  }
}
