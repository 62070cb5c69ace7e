package io.tickstream.core.gap;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Theil–Sen robust line fit with Sen's distribution-free confidence interval for the slope.
 *
 * <p>Slope {@code b = median{(y_j − y_i)/(x_j − x_i) : i < j, x_i ≠ x_j}} (Theil 1950, Sen 1968).
 * Intercept "separate" as in SciPy {@code theilslopes}: {@code a = median(y) − b·median(x)}.
 *
 * <p>Confidence interval (Sen 1968; Hollander &amp; Wolfe, <i>Nonparametric Statistical Methods</i>,
 * §9.4): with {@code N} pairwise slopes sorted ascending, {@code C = z_{1−α/2}·√Var(S)} where
 * {@code Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)]/18} is the Mann–Kendall variance of the
 * x-ranks (ties {@code t} among x), the bounds are the order statistics
 * {@code M1 = round((N − C)/2)} and {@code M2 = round((N + C)/2)} (1-based; SciPy uses the same
 * indices, 0-based {@code M1−1} and {@code M2}). The interval is exact for i.i.d. continuous
 * errors of any distribution, so a minority of gross outliers does not break it.
 *
 * <p>Cost: O(n²) memory and time (all pairwise slopes), fine for the few thousand points of a
 * phase-gap window.
 */
public final class TheilSen {
  private TheilSen() {}

  /** Slope, intercept and the two-sided {@code confidence} interval of the slope. */
  public record Fit(double slope, double intercept, double slopeLow, double slopeHigh,
                    double confidence, int n) {
    /** Value of the fitted line at {@code x}. */
    public double valueAt(double x) {
      return intercept + slope * x;
    }
  }

  /**
   * Fits {@code y = a + b·x}. {@code confidence} in (0,1), e.g. 0.95.
   *
   * @throws IllegalArgumentException fewer than 2 points, mismatched lengths, non-finite values,
   *     or all x equal
   */
  public static Fit fit(double[] x, double[] y, double confidence) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y lengths differ: " + x.length + " vs " + y.length);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0,1): " + confidence);
    }
    int n = x.length;
    if (n < 2) {
      throw new IllegalArgumentException("Theil–Sen needs at least 2 points, got " + n);
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("non-finite point at index " + i + ": (" + x[i] + ", " + y[i] + ")");
      }
    }
    double[] slopes = new double[(int) Math.min(Integer.MAX_VALUE - 8, (long) n * (n - 1) / 2)];
    int m = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dx = x[j] - x[i];
        if (dx != 0) {
          slopes[m++] = (y[j] - y[i]) / dx;
        }
      }
    }
    if (m == 0) {
      throw new IllegalArgumentException("all " + n + " x values are equal; slope undefined");
    }
    slopes = Arrays.copyOf(slopes, m);
    Arrays.sort(slopes);
    double slope = Stats.medianOfSorted(slopes);
    double intercept = Stats.median(y) - slope * Stats.median(x);

    double z = new NormalDistribution().inverseCumulativeProbability(0.5 + confidence / 2);
    double sigma = Math.sqrt(MannKendall.varianceOfS(x));
    double c = z * sigma;
    int lo = (int) Math.max(Math.round((m - c) / 2.0) - 1, 0);
    int hi = (int) Math.min(Math.round((m + c) / 2.0), m - 1);
    return new Fit(slope, intercept, slopes[lo], slopes[hi], confidence, n);
  }
}
