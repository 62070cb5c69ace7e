package io.tickstream.core.mesh;

import java.util.Arrays;

/** Median and MAD helpers for the mesh estimators. */
public final class RobustStats {
  /** 1/Φ⁻¹(3/4): makes the MAD a consistent estimator of σ at the normal distribution. */
  public static final double MAD_TO_SIGMA = 1.482602218505602;

  private RobustStats() {}

  /** Median of {@code x} (mean of the two middle values for even n); NaN for an empty array. */
  public static double median(double[] x) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    return (n % 2 == 1) ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }

  /** Normalised median absolute deviation about {@code center}: {@code 1.4826 · median|x − center|}. */
  public static double madSigma(double[] x, double center) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = Math.abs(x[i] - center);
    }
    return MAD_TO_SIGMA * median(d);
  }
}
