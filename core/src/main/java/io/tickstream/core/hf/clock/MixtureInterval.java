package io.tickstream.core.hf.clock;

/**
 * Central interval of a Gaussian mixture (the solver's posterior of D_clock over mode hypotheses):
 * the half-width w around the reported value x̂ such that
 * <pre>  Σ_h p_h·[Φ((x̂ + w − μ_h)/σ_h) − Φ((x̂ − w − μ_h)/σ_h)] = q</pre>
 * found by bisection. With one component it is {@code z_q·σ}. The solver reports the q = 68.27 %
 * half-width as the 1σ-equivalent uncertainty and grades on the q = 95.45 % half-width (the
 * expanded uncertainty, k = 2 for a normal error). A mixture's standard deviation is dominated by
 * improbable far-away modes and would over-cover its core; its central interval does not.
 * Components with weight below 1e-9 are ignored; erf is Abramowitz &amp; Stegun 7.1.26
 * (|error| ≤ 1.5e-7).
 */
public final class MixtureInterval {
  /** Probability mass of ±1σ of a normal distribution. */
  public static final double ONE_SIGMA = 0.682689492;
  /** Probability mass of ±2σ of a normal distribution. */
  public static final double TWO_SIGMA = 0.954499736;

  private MixtureInterval() {}

  /** Half-width around {@code center} holding mass {@code q} of the mixture (weights sum to 1). */
  public static double halfWidth(double center, double[] weight, double[] mean, double[] sigma,
      double q) {
    double hi = 0;
    for (int i = 0; i < mean.length; i++) {
      if (weight[i] > WEIGHT_FLOOR) {
        hi = Math.max(hi, Math.abs(mean[i] - center) + 6 * sigma[i]);
      }
    }
    double lo = 0;
    double tol = 1e-6 * hi;
    for (int it = 0; it < 60 && hi - lo > tol; it++) {
      double mid = (lo + hi) / 2;
      if (mass(center, mid, weight, mean, sigma) < q) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static final double WEIGHT_FLOOR = 1e-9;

  static double mass(double c, double w, double[] weight, double[] mean, double[] sigma) {
    double m = 0;
    for (int i = 0; i < mean.length; i++) {
      if (weight[i] > WEIGHT_FLOOR) {
        double s = sigma[i] * Math.sqrt(2);
        m += weight[i] * 0.5 * (erf((c + w - mean[i]) / s) - erf((c - w - mean[i]) / s));
      }
    }
    return m;
  }

  /** Abramowitz &amp; Stegun 7.1.26. */
  static double erf(double x) {
    double ax = Math.abs(x);
    double t = 1.0 / (1.0 + 0.3275911 * ax);
    double y = 1.0 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
        + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-ax * ax);
    return x >= 0 ? y : -y;
  }
}
