package io.tickstream.core.gap;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Robust ETA to zero phase gap from the phase-gap history (method {@code robust_theilsen}).
 *
 * <p>Input: rows of {@code phase_gap_history} (as_of, phase_gap_rad) within
 * {@code eta.history.window_days} of the newest row. Nothing else is read (DESIGN.md principle 4).
 * <ol>
 *   <li>Theil–Sen line of gap against time in days relative to the newest row:
 *       {@code g(x) = a + b·x}, so {@code a} is the robust current gap and {@code b} its slope.
 *   <li>Mann–Kendall test on the gaps in time order with the Hamed–Rao autocorrelation-corrected
 *       variance: Kendall tau and p-value.
 *   <li>Closing means the gap moves towards zero: {@code a·b < 0}. Then
 *       {@code eta_days = |a| / |b|} (equal to the seed's {@code |gap|/−slope} for a positive gap).
 *   <li>Band: Sen's distribution-free interval at 50 % confidence is the interquartile range of
 *       the slope estimate ({@code [b25, b75]}); ETA is monotone in {@code |b|}, so the ETA quartiles
 *       are {@code |a|/|b75|, |a|/|b25|} and {@code band_iqr_days} is their difference. When that
 *       interval reaches zero slope the upper quartile is unbounded and the band is reported as
 *       {@code +∞} (stored as NULL with a note).
 * </ol>
 * No ETA (and a reason) when: fewer than {@code minPoints} rows, the trend is not significant
 * ({@code p > alpha}), or the significant trend moves away from zero.
 */
public final class EtaEstimator implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double NS_PER_DAY = 86_400e9;
  public static final String METHOD = "robust_theilsen";

  /** Parameters (recorded in notes). */
  public record Params(double alpha, int minPoints) implements Serializable {
    public Params {
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("alpha must be in (0,1): " + alpha);
      }
      if (minPoints < 3) {
        throw new IllegalArgumentException("minPoints must be ≥ 3: " + minPoints);
      }
    }

    public static Params defaults() {
      return new Params(0.05, 10);
    }
  }

  /** One phase-gap history row. */
  public record GapRow(long asOfUtcNs, double phaseGapRad) implements Serializable {}

  /**
   * Outcome. When {@code etaDays} is NaN there is no ETA and {@code reason} says why; the other
   * statistics are filled in as far as they could be computed (NaN otherwise).
   */
  public record Estimate(long asOfUtcNs, int n, double gapRad, double slopeRadPerDay,
                         double etaDays, double bandIqrDays, double kendallTau, double kendallPValue,
                         String reason) implements Serializable {
    public boolean hasEta() {
      return Double.isFinite(etaDays);
    }
  }

  private final Params params;

  public EtaEstimator(Params params) {
    this.params = params;
  }

  public Estimate estimate(List<GapRow> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no phase gap history");
    }
    List<GapRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingLong(GapRow::asOfUtcNs));
    int n = sorted.size();
    long asOf = sorted.get(n - 1).asOfUtcNs();
    if (n < params.minPoints()) {
      return new Estimate(asOf, n, sorted.get(n - 1).phaseGapRad(), Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, "insufficient history: " + n + " rows < " + params.minPoints());
    }
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (sorted.get(i).asOfUtcNs() - asOf) / NS_PER_DAY;
      y[i] = sorted.get(i).phaseGapRad();
    }
    TheilSen.Fit fit = TheilSen.fit(x, y, 0.5);
    MannKendall.Result mk = MannKendall.test(y, MannKendall.Variance.HAMED_RAO, params.alpha());
    double a = fit.intercept();
    double b = fit.slope();
    if (mk.pValue() > params.alpha()) {
      return new Estimate(asOf, n, a, b, Double.NaN, Double.NaN, mk.tau(), mk.pValue(),
          String.format(java.util.Locale.ROOT, "no significant trend: Mann–Kendall p=%.4g > alpha=%.3g",
              mk.pValue(), params.alpha()));
    }
    if (!(a * b < 0)) {
      return new Estimate(asOf, n, a, b, Double.NaN, Double.NaN, mk.tau(), mk.pValue(),
          a == 0 ? "gap is already zero" : "non-closing slope: gap moves away from zero");
    }
    double eta = Math.abs(a) / Math.abs(b);
    double band = Double.POSITIVE_INFINITY;
    if (fit.slopeLow() * b > 0 && fit.slopeHigh() * b > 0) {
      double etaFast = Math.abs(a) / Math.max(Math.abs(fit.slopeLow()), Math.abs(fit.slopeHigh()));
      double etaSlow = Math.abs(a) / Math.min(Math.abs(fit.slopeLow()), Math.abs(fit.slopeHigh()));
      band = etaSlow - etaFast;
    }
    return new Estimate(asOf, n, a, b, eta, band, mk.tau(), mk.pValue(), null);
  }
}
