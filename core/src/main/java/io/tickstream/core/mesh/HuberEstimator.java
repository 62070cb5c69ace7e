package io.tickstream.core.mesh;

/**
 * Huber M-estimate of location, computed by iteratively reweighted least squares (IRLS) with a MAD
 * scale, for the mesh consensus (issue 8; ANCHORS.md §1.8).
 *
 * <h2>Model</h2>
 * Each observation {@code x_i} (a probe's mean offset) has a known sampling standard error
 * {@code e_i = offset_std_ms / sqrt(samples)} (0 when the node gave no std) plus an unknown
 * between-probe scatter τ (path asymmetry, node clock error, server error). Its standardised residual
 * is {@code z_i = (x_i − μ) / u_i} with {@code u_i = sqrt(τ² + e_i²)} — the random-effects weighting of
 * DerSimonian &amp; Laird (1986), so a probe with a small std gets more weight, but never more than
 * {@code 1/τ²}. The estimate solves
 *
 * <pre>  Σ ψ_k(z_i) / u_i = 0,   ψ_k(z) = max(−k, min(k, z))                 (Huber 1964)</pre>
 *
 * by IRLS: {@code μ ← Σ w_i x_i / Σ w_i} with {@code w_i = min(1, k/|z_i|) / u_i²}, starting from the
 * median, until |Δμ| &lt; 1e-9 ms (at most 100 iterations; Holland &amp; Welsch 1977).
 *
 * <h2>Scale</h2>
 * {@code s = 1.4826 · MAD} of the screened observations about their median (Hampel 1974). τ² =
 * max(s² − median(e_i²), (s/10)²): the part of the robust spread not explained by sampling noise,
 * floored at a tenth of the spread so a single very precise probe cannot dominate.
 *
 * <h2>Tuning constant</h2>
 * {@code k = 1.345}: 95 % asymptotic efficiency relative to the mean at the Gaussian (Holland &amp;
 * Welsch 1977; Huber &amp; Ronchetti, <i>Robust Statistics</i>, 2nd ed., §4.5).
 *
 * <h2>Screening</h2>
 * Huber's ψ is monotone, so far-away gross errors (falseticker servers, routing spikes) still pull
 * the estimate by up to {@code k·s} each. Observations farther than {@code 4.5 · s₀} from the median
 * ({@code s₀} = MAD scale of all observations) are therefore excluded first (Hampel identifier;
 * under a Gaussian it drops 7·10⁻⁶ of good data). Counted as {@code n − nUsed}.
 *
 * <h2>Uncertainty</h2>
 * Sandwich (asymptotic) variance of an M-estimate (Huber &amp; Ronchetti §6.2), with the small-sample
 * factor n/(n−1):
 *
 * <pre>  Var(μ) = n/(n−1) · Σ (ψ(z_i)/u_i)² / (Σ ψ'(z_i)/u_i²)²,   ψ'(z) = 1 for |z| ≤ k, else 0.</pre>
 */
public final class HuberEstimator {

  /** Huber tuning constant (95 % Gaussian efficiency). */
  public static final double DEFAULT_K = 1.345;
  /** Hampel-identifier rejection distance in robust standard deviations. */
  public static final double DEFAULT_SCREEN = 4.5;

  private static final int MAX_ITER = 100;
  private static final double TOL_MS = 1e-9;

  private final double k;
  private final double screen;

  public HuberEstimator() {
    this(DEFAULT_K, DEFAULT_SCREEN);
  }

  /**
   * @param k Huber tuning constant (&gt; 0)
   * @param screen rejection distance in MAD-sigmas (use {@code Double.POSITIVE_INFINITY} for none)
   */
  public HuberEstimator(double k, double screen) {
    if (!(k > 0)) {
      throw new IllegalArgumentException("k must be > 0, got " + k);
    }
    if (!(screen > 0)) {
      throw new IllegalArgumentException("screen must be > 0, got " + screen);
    }
    this.k = k;
    this.screen = screen;
  }

  /**
   * Huber location of {@code x}.
   *
   * @param x observations, ms (finite)
   * @param stdErr per-observation standard errors, ms (NaN or 0 = unknown), or null for none
   * @return the estimate; NaN value for an empty input
   */
  public LocationEstimate estimate(double[] x, double[] stdErr) {
    int n = x.length;
    if (stdErr != null && stdErr.length != n) {
      throw new IllegalArgumentException("stdErr length " + stdErr.length + " != " + n);
    }
    if (n == 0) {
      return new LocationEstimate(Double.NaN, Double.NaN, 0);
    }
    double med0 = RobustStats.median(x);
    double s0 = RobustStats.madSigma(x, med0);
    // screening (Hampel identifier)
    int m = 0;
    double[] xs = new double[n];
    double[] es = new double[n];
    for (int i = 0; i < n; i++) {
      if (s0 == 0 || Math.abs(x[i] - med0) <= screen * s0) {
        xs[m] = x[i];
        double e = stdErr == null ? 0 : stdErr[i];
        es[m] = Double.isFinite(e) && e > 0 ? e : 0;
        m++;
      }
    }
    xs = java.util.Arrays.copyOf(xs, m);
    es = java.util.Arrays.copyOf(es, m);
    double mu = RobustStats.median(xs);
    double s = RobustStats.madSigma(xs, mu);
    if (s == 0) {
      // at least half the screened observations coincide: the median is exact
      return new LocationEstimate(mu, m > 1 ? 0.0 : Double.NaN, m);
    }
    double[] e2 = new double[m];
    for (int i = 0; i < m; i++) {
      e2[i] = es[i] * es[i];
    }
    double tau2 = Math.max(s * s - RobustStats.median(e2), s * s / 100.0);
    double[] u = new double[m];
    for (int i = 0; i < m; i++) {
      u[i] = Math.sqrt(tau2 + e2[i]);
    }
    for (int it = 0; it < MAX_ITER; it++) {
      double sw = 0;
      double swx = 0;
      for (int i = 0; i < m; i++) {
        double z = Math.abs(xs[i] - mu) / u[i];
        double w = (z <= k ? 1.0 : k / z) / (u[i] * u[i]);
        sw += w;
        swx += w * xs[i];
      }
      double next = swx / sw;
      boolean done = Math.abs(next - mu) < TOL_MS;
      mu = next;
      if (done) {
        break;
      }
    }
    return new LocationEstimate(mu, sandwichStdErr(xs, u, mu), m);
  }

  private double sandwichStdErr(double[] xs, double[] u, double mu) {
    int m = xs.length;
    if (m < 2) {
      return Double.NaN;
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < m; i++) {
      double z = (xs[i] - mu) / u[i];
      double psi = Math.max(-k, Math.min(k, z));
      num += (psi / u[i]) * (psi / u[i]);
      if (Math.abs(z) <= k) {
        den += 1.0 / (u[i] * u[i]);
      }
    }
    if (den == 0) {
      return Double.NaN;
    }
    return Math.sqrt(num * m / (m - 1.0)) / den;
  }
}
