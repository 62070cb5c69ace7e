package io.tickstream.core.signal;

/**
 * Kaiser-windowed sinc low-pass kernel, evaluated at continuous lag so that fractional-delay
 * phases can be tabulated.
 *
 * <p>Design (Kaiser 1974; Oppenheim &amp; Schafer, <i>Discrete-Time Signal Processing</i>, 3rd ed.,
 * §7.5.3): for a stop-band attenuation {@code A} dB and transition width {@code Δf} (Hz) at sample
 * rate {@code fs},
 * <pre>
 *   β = 0.1102 (A − 8.7)                          (A &gt; 50)
 *   N = ceil((A − 7.95) / (2.285 · 2π Δf / fs)) + 1  taps (made odd)
 *   h(τ) = (2 fc / fs) · sinc(2 fc τ / fs) · I0(β √(1 − (τ/M)²)) / I0(β),  |τ| ≤ M = (N − 1)/2
 * </pre>
 * with cut-off {@code fc} at the middle of the transition band and τ in samples. The kernel is
 * symmetric, so a filter applied centred on an output instant has zero group delay.
 */
public final class KaiserLowpass {
  private final double cutoffCyclesPerSample;
  private final double beta;
  private final int halfLength;
  private final double i0Beta;

  private KaiserLowpass(double cutoffCyclesPerSample, double beta, int halfLength) {
    this.cutoffCyclesPerSample = cutoffCyclesPerSample;
    this.beta = beta;
    this.halfLength = halfLength;
    this.i0Beta = besselI0(beta);
  }

  /**
   * Designs a kernel passing {@code [0, passHz]} and attenuating {@code [stopHz, fs/2]} by at least
   * {@code attenuationDb}.
   */
  public static KaiserLowpass design(double sampleRateHz, double passHz, double stopHz, double attenuationDb) {
    if (!(passHz > 0 && stopHz > passHz && stopHz <= sampleRateHz / 2)) {
      throw new IllegalArgumentException("need 0 < pass < stop <= fs/2, got pass=" + passHz + " stop=" + stopHz
          + " fs=" + sampleRateHz);
    }
    double deltaOmega = 2 * Math.PI * (stopHz - passHz) / sampleRateHz;
    int taps = (int) Math.ceil((attenuationDb - 7.95) / (2.285 * deltaOmega)) + 1;
    if (taps % 2 == 0) {
      taps++;
    }
    double beta = attenuationDb > 50 ? 0.1102 * (attenuationDb - 8.7)
        : attenuationDb >= 21 ? 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21) : 0;
    double fc = (passHz + stopHz) / 2 / sampleRateHz;
    return new KaiserLowpass(fc, beta, (taps - 1) / 2);
  }

  /** M = (N − 1)/2: the kernel is zero for |τ| &gt; M. */
  public int halfLength() {
    return halfLength;
  }

  /** Number of taps N = 2M + 1 of the integer-lag filter. */
  public int taps() {
    return 2 * halfLength + 1;
  }

  /** Kernel value at lag {@code tau} samples (unnormalised). */
  public double at(double tau) {
    double r = tau / halfLength;
    if (Math.abs(r) > 1) {
      return 0.0;
    }
    double x = 2 * cutoffCyclesPerSample * tau;
    double sinc = x == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
    return 2 * cutoffCyclesPerSample * sinc * besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
  }

  /** Integer-lag taps h[m] = at(m − M), m = 0..2M, normalised to unity DC gain. */
  public double[] integerTaps() {
    double[] h = new double[taps()];
    double sum = 0;
    for (int m = 0; m < h.length; m++) {
      h[m] = at(m - halfLength);
      sum += h[m];
    }
    for (int m = 0; m < h.length; m++) {
      h[m] /= sum;
    }
    return h;
  }

  /** Modified Bessel function of the first kind, order 0 (power series, converges for all x). */
  static double besselI0(double x) {
    double sum = 1.0;
    double term = 1.0;
    double half = x / 2;
    for (int k = 1; k < 200; k++) {
      term *= (half / k) * (half / k);
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return sum;
  }
}
