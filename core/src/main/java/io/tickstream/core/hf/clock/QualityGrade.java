package io.tickstream.core.hf.clock;

/**
 * Quality grade of a D_clock measurement (seeds/003 §4.4 table): A &lt; 0.5 ms, B 0.5–1.5 ms,
 * C 1.5–3 ms, D &gt; 3 ms, X no valid measurement. (The incumbent's code used 1/3/10 ms,
 * DOMAIN.md §1.7; the issue fixes the seed's table.)
 *
 * <p>The thresholds apply to the <em>expanded</em> uncertainty U (≈95 % coverage; {@code U = k·σ}
 * with coverage factor {@code k = }{@value #COVERAGE_FACTOR} for a normal error, GUM JCGM 100:2008
 * §6; the solver passes the 95.45 % half-width of its mode-mixture posterior), so a
 * grade is a promise about the error itself: grade A means |error| &lt; 0.5 ms with ≈95 %
 * probability. Thresholding the 1σ value instead would let a minute with σ = 0.45 ms be grade A
 * while its error exceeds 0.5 ms a quarter of the time. The CSV {@code uncertainty_ms} stays 1σ.
 */
public enum QualityGrade {
  A, B, C, D, X;

  /** Coverage factor k applied to the 1σ uncertainty before thresholding. */
  public static final double COVERAGE_FACTOR = 2.0;

  /** Grade of a normally distributed measurement with 1σ uncertainty {@code sigmaMs}. */
  public static QualityGrade of(double sigmaMs) {
    return ofExpanded(COVERAGE_FACTOR * sigmaMs);
  }

  /** Grade from the expanded (≈95 %) uncertainty {@code uncertaintyMs} directly. */
  public static QualityGrade ofExpanded(double uncertaintyMs) {
    if (!Double.isFinite(uncertaintyMs) || uncertaintyMs < 0) {
      return X;
    }
    if (uncertaintyMs < 0.5) {
      return A;
    }
    if (uncertaintyMs < 1.5) {
      return B;
    }
    return uncertaintyMs < 3.0 ? C : D;
  }
}
