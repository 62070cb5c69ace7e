package io.tickstream.core.hf.clock;

/**
 * Quality grade of a D_clock measurement from its 1σ uncertainty (seeds/003 §4.4): A &lt; 0.5 ms,
 * B 0.5–1.5 ms, C 1.5–3 ms, D &gt; 3 ms, X no valid measurement. (The incumbent's code used
 * 1/3/10 ms, DOMAIN.md §1.7; the issue fixes the seed's table.)
 */
public enum QualityGrade {
  A, B, C, D, X;

  public static QualityGrade of(double uncertaintyMs) {
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
