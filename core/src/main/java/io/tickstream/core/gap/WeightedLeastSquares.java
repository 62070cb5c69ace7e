package io.tickstream.core.gap;

/**
 * Weighted least-squares straight line {@code y = a + b·x} with weights {@code w_i = 1/σ_i²}
 * (e.g. Bevington &amp; Robinson, <i>Data Reduction and Error Analysis</i>, §6.3):
 * <pre>
 *   Δ = S·Sxx − Sx²,  a = (Sxx·Sy − Sx·Sxy)/Δ,  b = (S·Sxy − Sx·Sy)/Δ,
 *   σ_a² = Sxx/Δ,  σ_b² = S/Δ,   S = Σw, Sx = Σw·x, Sy = Σw·y, Sxx = Σw·x², Sxy = Σw·x·y
 * </pre>
 * {@code chi2PerDof = Σ w(y − a − b·x)² / (n−2)}. When the stated uncertainties understate the
 * scatter ({@code chi2PerDof > 1}) the standard errors are scaled by {@code √chi2PerDof} (Birge
 * ratio), so {@code slopeStdErr} never claims more precision than the data show.
 * x is centred on its weighted mean internally for numerical stability.
 */
public final class WeightedLeastSquares {
  private WeightedLeastSquares() {}

  /** Fit result; standard errors already include the Birge-ratio scaling when chi2PerDof &gt; 1. */
  public record Fit(double slope, double intercept, double slopeStdErr, double interceptStdErr,
                    double chi2PerDof, int n) {
    public double valueAt(double x) {
      return intercept + slope * x;
    }
  }

  /** @param sigma 1-σ uncertainties of y, all finite and &gt; 0 */
  public static Fit fit(double[] x, double[] y, double[] sigma) {
    int n = x.length;
    if (y.length != n || sigma.length != n) {
      throw new IllegalArgumentException("x, y, sigma lengths differ: " + n + ", " + y.length + ", " + sigma.length);
    }
    if (n < 3) {
      throw new IllegalArgumentException("weighted least squares needs at least 3 points, got " + n);
    }
    double sw = 0;
    double swx = 0;
    for (int i = 0; i < n; i++) {
      if (!(sigma[i] > 0) || !Double.isFinite(sigma[i])) {
        throw new IllegalArgumentException("uncertainty at index " + i + " must be finite and > 0: " + sigma[i]);
      }
      double w = 1 / (sigma[i] * sigma[i]);
      sw += w;
      swx += w * x[i];
    }
    double xm = swx / sw;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double w = 1 / (sigma[i] * sigma[i]);
      double dx = x[i] - xm;
      sx += w * dx;
      sy += w * y[i];
      sxx += w * dx * dx;
      sxy += w * dx * y[i];
    }
    double delta = sw * sxx - sx * sx;
    if (!(delta > 0)) {
      throw new IllegalArgumentException("all " + n + " x values are equal; slope undefined");
    }
    double b = (sw * sxy - sx * sy) / delta;
    double aCentred = (sxx * sy - sx * sxy) / delta;
    double chi2 = 0;
    for (int i = 0; i < n; i++) {
      double r = (y[i] - aCentred - b * (x[i] - xm)) / sigma[i];
      chi2 += r * r;
    }
    double chi2PerDof = chi2 / (n - 2);
    double scale = Math.max(1.0, chi2PerDof);
    double varB = sw / delta * scale;
    double varACentred = sxx / delta * scale;
    double a = aCentred - b * xm;
    // var(a at x=0) = var(a_c) + xm²·var(b) (a_c and b are uncorrelated after centring with sx≈0)
    double varA = varACentred + xm * xm * varB;
    return new Fit(b, a, Math.sqrt(varB), Math.sqrt(varA), chi2PerDof, n);
  }
}
