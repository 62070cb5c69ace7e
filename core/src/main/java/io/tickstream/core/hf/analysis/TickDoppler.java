package io.tickstream.core.hf.analysis;

import java.util.List;

/**
 * Carrier Doppler from the ticks (DOMAIN.md §1.4 "Doppler from ticks", grape
 * {@code estimate_doppler_shift_from_ticks}). For each tick second s the IQ is correlated over the
 * tick with the tone's upper and lower sidebands, {@code U = Σ x·e^{−iω(t−τ_s)}} and
 * {@code L = Σ x·e^{+iω(t−τ_s)}} (τ_s the tick onset). The tick is a sine keyed at its onset, so the
 * received {@code x = e^{iφ_s}·(1 + m·sin ω(t−τ_s))} gives {@code U ≈ (m/2i)·e^{iφ_s}·len} and
 * {@code L ≈ −(m/2i)·e^{iφ_s}·len}: {@code V = i·(U − L) ≈ m·len·e^{iφ_s}} carries the carrier phase φ_s
 * (the code takes {@code θ_s = atan2(Re V, −Im V) = φ_s + π/2}; the constant does not matter). The
 * phases are unwrapped over the seconds and
 * <ul>
 *   <li>Doppler {@code f_D = slope/(2π)} of the least-squares line θ_s = a + slope·s (Hz);
 *   <li>spread = standard deviation of the second-to-second rates {@code (θ_s − θ_{s−1})/(2π·Δs)} (Hz);
 *   <li>quality {@code = 1 − var(residual)/(π²/3)} of that line, clamped to [0, 1] (π²/3 is the
 *       variance of a phase uniform on (−π, π]; {@code TickIntegration#dopplerQuality}).
 * </ul>
 */
final class TickDoppler {
  private TickDoppler() {}

  /**
   * @param used tick seconds (at least 3)
   * @param p0 fractional sample index of the second-0 tick onset
   * @param len tick length (samples)
   * @param omega tick tone (rad/sample)
   * @return {f_D (Hz), spread (Hz), quality}
   */
  static double[] estimate(MinuteSamples in, List<Integer> used, double p0, int len, double omega) {
    int fs = in.sampleRateHz();
    float[] iq = in.iq();
    int nSamples = in.length();
    int n = used.size();
    double[] th = new double[n];
    double[] sec = new double[n];
    for (int i = 0; i < n; i++) {
      int s = used.get(i);
      double tauAbs = p0 + (double) s * fs;
      int p = (int) Math.ceil(tauAbs);
      double ur = 0;
      double ui = 0;
      double lr = 0;
      double li = 0;
      for (int k = 0; k < len && p + k < nSamples; k++) {
        double ph = omega * (p + k - tauAbs);
        double c = Math.cos(ph);
        double sn = Math.sin(ph);
        double xr = iq[2 * (p + k)];
        double xi = iq[2 * (p + k) + 1];
        // U += x·e^{−iph}, L += x·e^{+iph}
        ur += xr * c + xi * sn;
        ui += xi * c - xr * sn;
        lr += xr * c - xi * sn;
        li += xi * c + xr * sn;
      }
      // V = i·(U − L)
      double dr = ur - lr;
      double di = ui - li;
      th[i] = Math.atan2(dr, -di);
      sec[i] = s;
    }
    for (int i = 1; i < n; i++) {
      double d = Correlators.wrap(th[i] - th[i - 1]);
      th[i] = th[i - 1] + d;
    }
    double ms = 0;
    double mt = 0;
    for (int i = 0; i < n; i++) {
      ms += sec[i];
      mt += th[i];
    }
    ms /= n;
    mt /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (sec[i] - ms) * (th[i] - mt);
      sxx += (sec[i] - ms) * (sec[i] - ms);
    }
    double slope = sxy / sxx;
    double resid2 = 0;
    for (int i = 0; i < n; i++) {
      double r = th[i] - mt - slope * (sec[i] - ms);
      resid2 += r * r;
    }
    double quality = Math.max(0, Math.min(1, 1 - (resid2 / n) / (Math.PI * Math.PI / 3)));
    double[] rates = new double[n - 1];
    double mr = 0;
    for (int i = 1; i < n; i++) {
      rates[i - 1] = (th[i] - th[i - 1]) / (sec[i] - sec[i - 1]) / (2 * Math.PI);
      mr += rates[i - 1];
    }
    mr /= (n - 1);
    double v = 0;
    for (double r : rates) {
      v += (r - mr) * (r - mr);
    }
    return new double[] {slope / (2 * Math.PI), Math.sqrt(v / Math.max(1, n - 2)), quality};
  }
}
