package io.tickstream.core.hf.analysis;

/**
 * Complex tone correlators on real audio: {@code C(j) = Σ_{n<L} y[j+n]·e^{−iωn}} with
 * {@code ω = 2πf/fs}. For a hard-keyed tone {@code A·sin(ω(m − τ))} starting at sample τ the result is
 * {@code (A·N/2)·e^{i(ω(j−τ) − π/2)}}, hence the sub-sample onset estimate
 * {@code τ = j − wrap(arg C(j) + π/2)/ω} (phase of a matched filter, the ML timing estimate of a known
 * sinusoidal pulse; the tone's cycle is resolved by the correlation envelope).
 */
final class Correlators {
  private Correlators() {}

  /** C(j) at one lag (samples outside y count as 0); returns {re, im}. */
  static double[] at(double[] y, int j, int len, double omega) {
    int m0 = Math.max(0, j);
    int end = Math.min(y.length, j + len);
    double re = 0;
    double im = 0;
    double c = Math.cos(omega * (m0 - j));
    double s = Math.sin(omega * (m0 - j));
    double cd = Math.cos(omega);
    double sd = Math.sin(omega);
    for (int m = m0; m < end; m++) {
      double v = y[m];
      re += v * c;
      im -= v * s;
      double c2 = c * cd - s * sd;
      s = s * cd + c * sd;
      c = c2;
    }
    return new double[] {re, im};
  }

  /** C(j) for every lag j in [0, lags), by a sliding DFT re-anchored every 256 lags. */
  static void sliding(double[] y, int lags, int len, double omega, double[] outRe, double[] outIm) {
    sliding(y, 0, lags, len, omega, outRe, outIm);
  }

  /** C(offset + j) for every j in [0, lags) (phase reference n = 0 at each lag). */
  static void sliding(double[] y, int offset, int lags, int len, double omega, double[] outRe, double[] outIm) {
    double wr = Math.cos(omega);
    double wi = Math.sin(omega);
    double wlr = Math.cos(-omega * len);
    double wli = Math.sin(-omega * len);
    double re = 0;
    double im = 0;
    for (int j = 0; j < lags; j++) {
      if ((j & 255) == 0) {
        double[] c = at(y, offset + j, len, omega);
        re = c[0];
        im = c[1];
      }
      outRe[j] = re;
      outIm[j] = im;
      // C(j+1) = e^{iω}·(C(j) − y[j] + y[j+L]·e^{−iωL})
      int at = offset + j;
      double add = at + len < y.length ? y[at + len] : 0;
      double tr = re - y[at] + add * wlr;
      double ti = im + add * wli;
      re = tr * wr - ti * wi;
      im = tr * wi + ti * wr;
    }
  }

  /** Onset τ (samples) from the phase of C at lag j. */
  static double onset(double j, double re, double im, double omega) {
    double ph = Math.atan2(im, re) + Math.PI / 2;
    return j - wrap(ph) / omega;
  }

  static double wrap(double ph) {
    double w = ph % (2 * Math.PI);
    if (w > Math.PI) {
      w -= 2 * Math.PI;
    } else if (w <= -Math.PI) {
      w += 2 * Math.PI;
    }
    return w;
  }
}
