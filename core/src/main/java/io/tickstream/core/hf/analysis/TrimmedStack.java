package io.tickstream.core.hf.analysis;

/**
 * Per-lag power stack over the coarse looks of {@link TickTimer} with the {@code trim} largest looks of
 * each lag left out: {@code S(j) = Σ_s |C_s(j)|² − (the trim largest of them)}. A tick is in every look,
 * while the other station's keyed bursts leak into a tick filter only in a few seconds (WWV's 800 ms
 * minute marker ending 0.8 s into second 0, inside second 1's look; the DUT1 double ticks; voice), and a
 * plain sum lets such a one-off outrank a tick 20 dB weaker (measured: the marker tail at −195.8 ms,
 * 450–477 against a WWVH tick of 377–472). Trimming the upper tail is the trimmed mean (Huber 1981,
 * "Robust Statistics", §3.3) applied per lag, one-sided because interference only adds power.
 */
final class TrimmedStack {
  private final double[] sum;
  private final double[][] top; // top[k][j]: (k+1)-th largest look at lag j, descending in k
  private final int trim;
  private int looks;

  TrimmedStack(int lags, int trim) {
    this.sum = new double[lags];
    this.trim = Math.max(0, trim);
    this.top = new double[this.trim][lags];
  }

  /** Adds one look's correlator output {@code (re, im)} as power. */
  void add(double[] re, double[] im) {
    int lags = sum.length;
    for (int j = 0; j < lags; j++) {
      double p = re[j] * re[j] + im[j] * im[j];
      sum[j] += p;
      if (trim == 0 || p <= top[trim - 1][j]) {
        continue; // not among the largest (the usual case once a few looks are in)
      }
      for (int k = 0; k < trim; k++) { // insert p into the descending top list of lag j
        double t = top[k][j];
        if (p > t) {
          top[k][j] = p;
          p = t;
        }
      }
    }
    looks++;
  }

  /** Number of looks added. */
  int looks() {
    return looks;
  }

  /** The untrimmed sums {@code Σ_s |C_s(j)|²} (the stack's own array, not a copy). */
  double[] fullSums() {
    return sum;
  }

  /** Number of looks each lag's value holds after trimming. */
  int kept() {
    return Math.max(0, looks - trim);
  }

  /**
   * What trimming leaves of pure noise, relative to {@link #kept()} untrimmed looks: the looks' powers of
   * a noise-only lag are i.i.d. exponential (2 degrees of freedom), the k-th largest of N has the mean
   * {@code Σ_{i=k..N} 1/i} (Rényi 1953), so {@code E[S] = μ·(N − Σ_{k≤trim} Σ_{i=k..N} 1/i)} and the
   * factor is that over {@code μ·(N − trim)}. Dividing a noise-floor estimate by it restores the scale of
   * a signal, whose trimmed sum is ≈ {@code (N − trim)·P}. 1 without trimming.
   */
  double noiseFactor() {
    if (trim == 0 || looks <= trim) {
      return 1;
    }
    double removed = 0;
    for (int k = 1; k <= trim; k++) {
      for (int i = k; i <= looks; i++) {
        removed += 1.0 / i;
      }
    }
    return (looks - removed) / (looks - trim);
  }

  /** Writes the trimmed sums into {@code out}. */
  void sumInto(double[] out) {
    for (int j = 0; j < sum.length; j++) {
      double v = sum[j];
      for (int k = 0; k < trim; k++) {
        v -= top[k][j];
      }
      out[j] = Math.max(0, v);
    }
  }
}
