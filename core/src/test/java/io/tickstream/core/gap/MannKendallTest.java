package io.tickstream.core.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MannKendallTest {

  /**
   * Probabilities P(S ≥ s) for the Mann–Kendall statistic under the null hypothesis, from
   * R.O. Gilbert (1987), <i>Statistical Methods for Environmental Pollution Monitoring</i>,
   * Van Nostrand Reinhold, Table A18 (reproduced from M.G. Kendall, <i>Rank Correlation Methods</i>,
   * 4th ed., 1975). Columns n = 4, 5, 8, 9 (even s) and n = 6, 7, 10 (odd s).
   */
  private static final double[][] TABLE_A18 = {
      // n, s, P(S >= s)
      {4, 0, 0.625}, {4, 2, 0.375}, {4, 4, 0.167}, {4, 6, 0.042},
      {5, 0, 0.592}, {5, 2, 0.408}, {5, 4, 0.242}, {5, 6, 0.117}, {5, 8, 0.042}, {5, 10, 0.0083},
      {8, 0, 0.548}, {8, 4, 0.360}, {8, 8, 0.199}, {8, 12, 0.089}, {8, 16, 0.031}, {8, 20, 0.0071},
      {9, 2, 0.460}, {9, 6, 0.306}, {9, 10, 0.179}, {9, 14, 0.090}, {9, 18, 0.038}, {9, 22, 0.012},
      {6, 1, 0.500}, {6, 3, 0.360}, {6, 5, 0.235}, {6, 7, 0.136}, {6, 9, 0.068}, {6, 11, 0.028},
      {6, 13, 0.0083}, {6, 15, 0.0014},
      {7, 1, 0.500}, {7, 5, 0.281}, {7, 9, 0.119}, {7, 13, 0.035}, {7, 17, 0.0054}, {7, 21, 0.00020},
      {10, 1, 0.500}, {10, 5, 0.364}, {10, 9, 0.242}, {10, 13, 0.146}, {10, 17, 0.078},
      {10, 21, 0.036}, {10, 25, 0.014},
  };

  @Test
  void exactNullDistributionMatchesPublishedTable() {
    for (double[] row : TABLE_A18) {
      int n = (int) row[0];
      int s = (int) row[1];
      double published = row[2];
      double exact = MannKendall.exactUpperTail(n, s);
      // the table prints 2–3 significant digits
      double tol = published >= 0.01 ? 0.0006 : published * 0.06;
      assertEquals(published, exact, tol, "n=" + n + " s=" + s);
    }
  }

  /**
   * At n = 10 the normal approximation with continuity correction (what {@link MannKendall#test}
   * reports) agrees with the table's exact one-sided tail to within 0.006 for the tails that matter.
   */
  @Test
  void normalApproximationPValuesAgreeWithTableAtN10() {
    for (double[] row : TABLE_A18) {
      if (row[0] != 10 || row[1] < 9) {
        continue;
      }
      int s = (int) row[1];
      // construct a series of 10 distinct values whose S equals s: start sorted (S=45) and
      // perform (45 − s)/2 adjacent swaps, each lowering S by exactly 2
      double[] y = new double[10];
      for (int i = 0; i < 10; i++) {
        y[i] = i;
      }
      int swaps = (45 - s) / 2;
      for (int pass = 0; swaps > 0; pass++) {
        for (int i = 0; i + 1 < 10 && swaps > 0; i++) {
          if (y[i] < y[i + 1]) {
            double tmp = y[i];
            y[i] = y[i + 1];
            y[i + 1] = tmp;
            swaps--;
          }
        }
      }
      MannKendall.Result r = MannKendall.test(y, MannKendall.Variance.ORIGINAL, 0.05);
      assertEquals(s, r.s(), "constructed S");
      assertEquals(s / 45.0, r.tau(), 1e-12);
      assertEquals(125.0, r.varianceOfS(), 1e-12, "Var(S) = 10·9·25/18");
      assertEquals(row[2], r.pValue() / 2, 0.006, "one-sided p at S=" + s);
    }
  }

  /** Two-sided 5 % critical value: |Z| = 1.96 ⇔ p = 0.05 (normal table). */
  @Test
  void strongTrendSignificantNoTrendNot() {
    double[] up = new double[30];
    double[] flat = new double[30];
    Random rnd = new Random(7);
    for (int i = 0; i < up.length; i++) {
      up[i] = 0.1 * i + rnd.nextGaussian();
      flat[i] = rnd.nextGaussian();
    }
    MannKendall.Result r = MannKendall.test(up, MannKendall.Variance.ORIGINAL, 0.05);
    assertTrue(r.z() > 1.96 && r.pValue() < 0.05, "trend found: " + r);
    assertEquals(1, r.trendSign(0.05));
    double[] down = up.clone();
    for (int i = 0; i < down.length; i++) {
      down[i] = -up[i];
    }
    MannKendall.Result d = MannKendall.test(down, MannKendall.Variance.ORIGINAL, 0.05);
    assertEquals(-r.s(), d.s());
    assertEquals(r.pValue(), d.pValue(), 1e-15);
    assertEquals(-1, d.trendSign(0.05));
  }

  @Test
  void tiesReduceVariance() {
    double[] y = {1, 2, 2, 3, 3, 3, 4};
    // n=7: 7·6·19 = 798; ties t=2 → 2·1·9 = 18, t=3 → 3·2·11 = 66; (798−84)/18
    assertEquals((798.0 - 18 - 66) / 18, MannKendall.varianceOfS(y), 1e-12);
  }

  /**
   * Autocorrelated noise without trend (AR(1), φ = 0.8, n = 60): the original test rejects the
   * true null far more often than 5 %; the Hamed–Rao corrected variance brings the false-alarm rate
   * down substantially.
   */
  @Test
  void hamedRaoCorrectionControlsFalseTrendsInAutocorrelatedNoise() {
    Random rnd = new Random(42);
    int trials = 150;
    int falseOriginal = 0;
    int falseCorrected = 0;
    for (int t = 0; t < trials; t++) {
      double[] y = new double[60];
      double e = rnd.nextGaussian();
      for (int i = 0; i < y.length; i++) {
        e = 0.8 * e + rnd.nextGaussian();
        y[i] = e;
      }
      if (MannKendall.test(y, MannKendall.Variance.ORIGINAL, 0.05).pValue() < 0.05) {
        falseOriginal++;
      }
      MannKendall.Result hr = MannKendall.test(y, MannKendall.Variance.HAMED_RAO, 0.05);
      assertTrue(hr.varianceFactor() > 0, "n/n* positive");
      if (hr.pValue() < 0.05) {
        falseCorrected++;
      }
    }
    assertTrue(falseOriginal > 0.25 * trials, "original test false alarms " + falseOriginal);
    assertTrue(falseCorrected < 0.6 * falseOriginal,
        "corrected " + falseCorrected + " vs original " + falseOriginal);
  }
}
