package io.tickstream.core.gap;

import java.math.BigInteger;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Mann–Kendall trend test with Kendall's tau and a two-sided p-value, optionally with the
 * Hamed &amp; Rao (1998) variance correction for serially correlated data.
 *
 * <p>For a series {@code y_1..y_n} in time order (Mann 1945; Kendall 1975):
 * <ul>
 *   <li>{@code S = Σ_{i<j} sign(y_j − y_i)};
 *   <li>{@code Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18}, the sum over groups of {@code t}
 *       tied values;
 *   <li>{@code Z = (S−1)/√Var} for {@code S>0}, {@code (S+1)/√Var} for {@code S<0}, else 0
 *       (continuity correction); {@code p = 2·(1 − Φ(|Z|))};
 *   <li>{@code tau = S / (n(n−1)/2)} (Kendall's tau-a, as pyMannKendall reports it).
 * </ul>
 *
 * <p><b>Autocorrelation correction</b> (Hamed, K.H. &amp; Rao, A.R., 1998, "A modified
 * Mann–Kendall trend test for autocorrelated data", J. Hydrology 204:182–196, eq. 18, the
 * variant implemented by pyMannKendall {@code hamed_rao_modification_test}): remove the Sen slope
 * ({@code y_i − i·b}), rank the residuals, compute the rank autocorrelations {@code r_k},
 * keep the lags with {@code |r_k| > z_{1−α/2}/√n}, and scale
 * {@code Var*(S) = Var(S) · n/n*} with
 * {@code n/n* = 1 + 2/(n(n−1)(n−2)) · Σ_k (n−k)(n−k−1)(n−k−2)·r_k}. Clock-offset and phase-gap
 * series are positively autocorrelated (ANCHORS.md §3.7), which makes the uncorrected test
 * report far too many trends.
 *
 * <p>{@link #exactUpperTail(int, int)} gives the exact null distribution of {@code S} for small
 * {@code n} without ties (permutations counted by number of inversions), the values tabulated by
 * Kendall (1975) and Gilbert (1987, Table A18).
 */
public final class MannKendall {
  private MannKendall() {}

  private static final NormalDistribution NORMAL = new NormalDistribution();

  /** How the variance of S is computed. */
  public enum Variance {
    /** Independent observations (original test). */
    ORIGINAL,
    /** Hamed &amp; Rao (1998) effective-sample-size correction. */
    HAMED_RAO
  }

  /**
   * Result of the test. {@code varianceFactor} is {@code n/n*} (1 for {@link Variance#ORIGINAL}).
   */
  public record Result(int n, long s, double varianceOfS, double varianceFactor, double z,
                       double pValue, double tau, Variance variance) {
    /** {@code +1} increasing, {@code −1} decreasing, 0 when {@code p > alpha}. */
    public int trendSign(double alpha) {
      return pValue <= alpha ? Long.signum(s) : 0;
    }
  }

  /** Test with the significance level {@code alpha} used for choosing the autocorrelation lags. */
  public static Result test(double[] yInTimeOrder, Variance variance, double alpha) {
    int n = yInTimeOrder.length;
    if (n < 3) {
      throw new IllegalArgumentException("Mann–Kendall needs at least 3 points, got " + n);
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(yInTimeOrder[i])) {
        throw new IllegalArgumentException("non-finite value at index " + i + ": " + yInTimeOrder[i]);
      }
    }
    long s = statistic(yInTimeOrder);
    double var = varianceOfS(yInTimeOrder);
    double factor = variance == Variance.HAMED_RAO ? hamedRaoFactor(yInTimeOrder, alpha) : 1.0;
    double varUsed = var * factor;
    double z = 0;
    if (varUsed > 0) {
      if (s > 0) {
        z = (s - 1) / Math.sqrt(varUsed);
      } else if (s < 0) {
        z = (s + 1) / Math.sqrt(varUsed);
      }
    }
    double p = 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z)));
    double tau = s / (0.5 * n * (n - 1.0));
    return new Result(n, s, varUsed, factor, z, Math.min(1.0, p), tau, variance);
  }

  /** {@code S = Σ_{i<j} sign(y_j − y_i)}. */
  public static long statistic(double[] y) {
    long s = 0;
    for (int i = 0; i < y.length; i++) {
      for (int j = i + 1; j < y.length; j++) {
        s += Double.compare(y[j], y[i]) > 0 ? 1 : (y[j] == y[i] ? 0 : -1);
      }
    }
    return s;
  }

  /** Tie-corrected null variance of S for these values. */
  public static double varianceOfS(double[] values) {
    double n = values.length;
    double v = n * (n - 1) * (2 * n + 5);
    for (int t : Stats.tieGroupSizes(values)) {
      v -= (double) t * (t - 1) * (2 * t + 5);
    }
    return v / 18.0;
  }

  /** Hamed–Rao {@code n/n*} (see class Javadoc). */
  static double hamedRaoFactor(double[] y, double alpha) {
    int n = y.length;
    double[] index = new double[n];
    for (int i = 0; i < n; i++) {
      index[i] = i + 1;
    }
    double b = TheilSen.fit(index, y, 0.95).slope();
    double[] detrended = new double[n];
    for (int i = 0; i < n; i++) {
      detrended[i] = y[i] - (i + 1) * b;
    }
    double[] ranks = Stats.ranks(detrended);
    double mean = (n + 1) / 2.0;
    double denom = 0;
    for (double r : ranks) {
      denom += (r - mean) * (r - mean);
    }
    if (denom == 0) {
      return 1.0;
    }
    double bound = NORMAL.inverseCumulativeProbability(1 - alpha / 2) / Math.sqrt(n);
    double sum = 0;
    for (int k = 1; k < n; k++) {
      double num = 0;
      for (int i = 0; i + k < n; i++) {
        num += (ranks[i] - mean) * (ranks[i + k] - mean);
      }
      double rk = num / denom;
      if (Math.abs(rk) > bound) {
        sum += (double) (n - k) * (n - k - 1) * (n - k - 2) * rk;
      }
    }
    return 1 + 2.0 / ((double) n * (n - 1) * (n - 2)) * sum;
  }

  /**
   * Exact {@code P(S ≥ s)} under the null hypothesis (no ties, independent, identically
   * distributed): {@code S = N − 2·I} where {@code I} is the number of inversions of a uniformly
   * random permutation of {@code n} items ({@code N = n(n−1)/2}); the inversion counts follow the
   * Mahonian numbers {@code T(n,k)}. Exact for any {@code n} up to a few hundred (BigInteger).
   */
  public static double exactUpperTail(int n, int s) {
    if (n < 2) {
      throw new IllegalArgumentException("n must be ≥ 2: " + n);
    }
    int total = n * (n - 1) / 2;
    BigInteger[] counts = {BigInteger.ONE};
    for (int m = 2; m <= n; m++) {
      int maxK = m * (m - 1) / 2;
      BigInteger[] next = new BigInteger[maxK + 1];
      java.util.Arrays.fill(next, BigInteger.ZERO);
      for (int k = 0; k < counts.length; k++) {
        for (int add = 0; add < m; add++) {
          next[k + add] = next[k + add].add(counts[k]);
        }
      }
      counts = next;
    }
    BigInteger all = BigInteger.ZERO;
    BigInteger tail = BigInteger.ZERO;
    for (int inv = 0; inv <= total; inv++) {
      all = all.add(counts[inv]);
      if (total - 2 * inv >= s) {
        tail = tail.add(counts[inv]);
      }
    }
    return new java.math.BigDecimal(tail).divide(new java.math.BigDecimal(all), java.math.MathContext.DECIMAL64)
        .doubleValue();
  }
}
