package io.tickstream.core.mesh;

/**
 * The mesh "phase gap", its slope and an ETA to zero, as sketched in seeds/000 ("mesh monitor"):
 * ADVISORY ONLY. It is shown by {@code /api/mesh_status} next to the consensus and never feeds
 * {@code phase_gap_history} or {@code eta_estimate} (DESIGN.md principle 4).
 *
 * <p>Given the consensus series {@code (t_i, c_i)} of one method over a look-back window (default
 * 24 h):
 * <ul>
 *   <li>phase gap {@code g = c_last − baseline} (ms); the baseline is 0 by default, i.e. the gap is
 *       the mesh's current consensus offset from the servers' time. (The seed's sketch subtracts a
 *       running mean instead; for any linear trend that gap always has the sign of the slope, so it
 *       could never yield an ETA — pass the mean explicitly via {@link #of(long[], double[], double)}
 *       to reproduce it.)</li>
 *   <li>slope {@code m} = ordinary least-squares slope of {@code c} against {@code t} (ms/day);</li>
 *   <li>ETA {@code = |g| / |m|} days when the gap is closing ({@code g·m < 0}) — the seed's
 *       {@code eta = |phase_gap| / -slope}, made sign-symmetric; null otherwise.</li>
 * </ul>
 *
 * @param phaseGapMs latest consensus minus the baseline, ms
 * @param slopeMsPerDay OLS slope, ms/day (NaN with fewer than 2 distinct times)
 * @param etaDays days until the gap closes at the current slope, or null if not closing
 * @param nPoints consensus points used
 */
public record MeshPhaseGap(double phaseGapMs, double slopeMsPerDay, Double etaDays, int nPoints) {

  private static final double NS_PER_DAY = 86_400e9;

  /** Gap against a zero baseline. */
  public static MeshPhaseGap of(long[] tUtcNs, double[] offsetMs) {
    return of(tUtcNs, offsetMs, 0.0);
  }

  /**
   * @param tUtcNs consensus times, ascending
   * @param offsetMs consensus offsets at those times
   * @param baselineMs reference subtracted from the latest consensus
   * @return null for an empty series
   */
  public static MeshPhaseGap of(long[] tUtcNs, double[] offsetMs, double baselineMs) {
    int n = tUtcNs.length;
    if (n != offsetMs.length) {
      throw new IllegalArgumentException("length mismatch " + n + " vs " + offsetMs.length);
    }
    if (n == 0) {
      return null;
    }
    long t0 = tUtcNs[0];
    double mt = 0;
    double mc = 0;
    for (int i = 0; i < n; i++) {
      mt += (tUtcNs[i] - t0) / NS_PER_DAY;
      mc += offsetMs[i];
    }
    mt /= n;
    mc /= n;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double dt = (tUtcNs[i] - t0) / NS_PER_DAY - mt;
      sxx += dt * dt;
      sxy += dt * (offsetMs[i] - mc);
    }
    double slope = sxx > 0 ? sxy / sxx : Double.NaN;
    double gap = offsetMs[n - 1] - baselineMs;
    Double eta = (Double.isFinite(slope) && gap * slope < 0) ? Math.abs(gap) / Math.abs(slope) : null;
    return new MeshPhaseGap(gap, slope, eta, n);
  }
}
