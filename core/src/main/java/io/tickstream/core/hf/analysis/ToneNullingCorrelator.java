package io.tickstream.core.hf.analysis;

/**
 * The tick correlator {@code C(j) = Σ_{n<L} y[j+n]·e^{−iωn}} made blind to a set of steady tones: the
 * samples of each window are first projected off the subspace S spanned by {@code cos(ω_k n)},
 * {@code sin(ω_k n)} of the tones ω_k (least squares over the window), i.e.
 *
 * <pre>  C'(j) = (y_j − P_S y_j)ᵀ e = C(j) − (Uᵀy_j)ᵀ·G⁻¹·Uᵀe,   G = UᵀU,  e_n = e^{−iωn}</pre>
 *
 * with U the L × 2K matrix of the tone basis. {@code G⁻¹Uᵀe} does not depend on the lag and is computed
 * once; {@code Uᵀy_j} is {@code (Re C_k(j), −Im C_k(j))} of one sliding DFT per tone, so the cost is
 * K + 1 sliding DFTs. The projection is joint: tones closer than the window's resolution (1/L: 200 Hz for
 * the 5 ms ticks, where 440, 500 and 600 Hz lie within 0.8 bins) are removed together, which cancelling
 * each tone with its own correlator cannot do. This is the orthogonal-projection interference canceller
 * (Harsanyi &amp; Chang 1994, "Hyperspectral image classification and dimensionality reduction: an
 * orthogonal subspace projection approach", IEEE TGRS 32(4); Scharf &amp; Friedlander 1994, "Matched
 * subspace detectors", IEEE TSP 42(8)).
 *
 * <p>Why: the 5 ms tick filter's rectangular window has sidelobes at half-integer multiples of 200 Hz.
 * WWV's 500 Hz tone (half of full modulation) lies 700 Hz = 3.5 bins from WWVH's 1200 Hz tick, at a
 * sidelobe peak (−21 dB), and fills a weak WWVH's tick search with a plateau that outranks a tick 20 dB
 * below WWV; the 100 Hz BCD subcarrier (5.5 bins) does the same, less. Keyed tones are followed: the
 * projection is local to each lag's window.
 */
final class ToneNullingCorrelator {
  /**
   * Lags between re-anchorings of the fused sliding DFT (a power of 2): the recurrences' rounding error
   * grows ≈ 1e-16 per lag, so 2048 lags stay far below the noise; each anchor costs 5·L operations.
   */
  private static final int ANCHOR_LAGS = 2048;
  private final int len;
  private final double omega;
  private final double[] toneOmegas;
  private final double[] wRe; // G⁻¹·Re(Uᵀe)
  private final double[] wIm; // G⁻¹·Im(Uᵀe)
  private final double tickLoss;
  private final double[][] basis; // [2k + cos/sin][n], n < L
  private final double[] tickCos; // cos(ωn), n < L
  private final double[] tickSin;
  private final double[] stepRe; // e^{iω_k}, k = 0: ω, k ≥ 1: tone k − 1
  private final double[] stepIm;
  private final double[] stepLenRe; // e^{−iω_k·L}
  private final double[] stepLenIm;
  private final double[][][] gatedOn; // [k][re/im][a]: weights for tones present on n ≥ k only
  private final double[][][] gatedOff; // tones present on n < k only
  private static final java.util.concurrent.ConcurrentHashMap<String, ToneNullingCorrelator> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param len window length L (samples)
   * @param omega correlator frequency (rad/sample)
   * @param toneOmegas tone frequencies to null (rad/sample, none equal to 0 or π)
   */
  ToneNullingCorrelator(int len, double omega, double[] toneOmegas) {
    this.len = len;
    this.omega = omega;
    this.toneOmegas = toneOmegas.clone();
    int m = 2 * toneOmegas.length;
    this.tickCos = new double[len];
    this.tickSin = new double[len];
    for (int n = 0; n < len; n++) {
      tickCos[n] = Math.cos(omega * n);
      tickSin[n] = Math.sin(omega * n);
    }
    int kk = toneOmegas.length + 1;
    this.stepRe = new double[kk];
    this.stepIm = new double[kk];
    this.stepLenRe = new double[kk];
    this.stepLenIm = new double[kk];
    for (int k = 0; k < kk; k++) {
      double w = k == 0 ? omega : toneOmegas[k - 1];
      stepRe[k] = Math.cos(w);
      stepIm[k] = Math.sin(w);
      stepLenRe[k] = Math.cos(-w * len);
      stepLenIm[k] = Math.sin(-w * len);
    }
    double[][] u = new double[m][len];
    this.basis = u;
    for (int k = 0; k < toneOmegas.length; k++) {
      for (int n = 0; n < len; n++) {
        u[2 * k][n] = Math.cos(toneOmegas[k] * n);
        u[2 * k + 1][n] = Math.sin(toneOmegas[k] * n);
      }
    }
    double[][] g = new double[m][m];
    double[] ure = new double[m];
    double[] uim = new double[m];
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        double s = 0;
        for (int n = 0; n < len; n++) {
          s += u[a][n] * u[b][n];
        }
        g[a][b] = s;
      }
      for (int n = 0; n < len; n++) {
        ure[a] += u[a][n] * Math.cos(omega * n);
        uim[a] -= u[a][n] * Math.sin(omega * n);
      }
    }
    this.wRe = solve(g, ure);
    this.wIm = solve(g, uim);
    // |P_S e|² / |e|² = Re(conj(Uᵀe)·G⁻¹·Uᵀe) / L: the share of a pulse at ω that the projection removes
    double p = 0;
    for (int a = 0; a < m; a++) {
      p += ure[a] * wRe[a] + uim[a] * wIm[a];
    }
    this.tickLoss = m == 0 ? 0 : p / len;
    this.gatedOn = m == 0 ? null : computeGatedWeights(true);
    this.gatedOff = m == 0 ? null : computeGatedWeights(false);
  }

  /**
   * {@code C'} of the single window {@code y[p .. p+L)} in which the tones are present on one side of
   * sample k only: a station's program switching on ({@code on}: tones on n ≥ k) or off (n < k) at a
   * known instant, the ends of its silence guard around each tick. The projection is onto the tones
   * restricted to that side ({@code G_k = U_kᵀU_k} with a ridge of 10⁻³·L/2, since a short side cannot
   * carry all 2K basis functions), so the step itself, which no steady tone explains, is removed too.
   *
   * @return {re, im}
   */
  double[] gated(double[] y, int p, int k, boolean on) {
    if (toneOmegas.length == 0) {
      return Correlators.at(y, p, len, omega);
    }
    double[][] w = gatedWeights(on)[k];
    int from = on ? k : 0;
    int to = on ? len : k;
    double re = 0;
    double im = 0;
    for (int n = 0; n < len; n++) {
      double v = p + n >= 0 && p + n < y.length ? y[p + n] : 0;
      re += v * tickCos[n];
      im -= v * tickSin[n];
    }
    for (int a = 0; a < basis.length; a++) {
      double[] u = basis[a];
      double proj = 0;
      for (int n = from; n < to; n++) {
        int q = p + n;
        if (q >= 0 && q < y.length) {
          proj += y[q] * u[n];
        }
      }
      re -= proj * w[0][a];
      im -= proj * w[1][a];
    }
    return new double[] {re, im};
  }

  /**
   * {@link #gated} for all the windows straddling one program step at sample {@code edge}: the window
   * starting k samples before it, k = 1 … L−1, into {@code outRe[k]}, {@code outIm[k]}. With
   * {@code r = q − edge} and {@code S_f(r1, r2) = Σ_{r1≤r<r2} y[edge + r]·e^{−iω_f r}} (prefix sums over
   * r ∈ [−L, L)), the window at {@code p = edge − k} has {@code C = e^{−iωk}·S_ω(−k, L−k)} and the tone
   * projections {@code e^{−iω_t k}·S_t(piece)} (real part: cos, minus imaginary part: sin), the piece being
   * r ∈ [0, L−k) when the program switches on and [−k, 0) when it switches off: O(L) per step instead of
   * O(L²).
   */
  void gatedRun(double[] y, long edge, boolean on, double[] outRe, double[] outIm) {
    int kk = toneOmegas.length + 1;
    int span = 2 * len;
    double[][] pre = new double[kk][];
    double[][] pim = new double[kk][];
    for (int f = 0; f < kk; f++) {
      double w = f == 0 ? omega : toneOmegas[f - 1];
      double[] cr = new double[span + 1];
      double[] ci = new double[span + 1];
      for (int i = 0; i < span; i++) {
        long q = edge - len + i;
        double v = q >= 0 && q < y.length ? y[(int) q] : 0;
        int r = i - len;
        cr[i + 1] = cr[i] + v * Math.cos(w * r);
        ci[i + 1] = ci[i] - v * Math.sin(w * r);
      }
      pre[f] = cr;
      pim[f] = ci;
    }
    double[][][] weights = gatedWeights(on);
    for (int k = 1; k < len; k++) {
      // raw C over r ∈ [−k, L−k): indices i = r + L
      double sRe = pre[0][span - k] - pre[0][len - k];
      double sIm = pim[0][span - k] - pim[0][len - k];
      double c = Math.cos(omega * k);
      double sn = Math.sin(omega * k);
      double re = sRe * c + sIm * sn; // × e^{−iωk}
      double im = sIm * c - sRe * sn;
      int from = on ? len : len - k; // piece in i = r + L
      int to = on ? span - k : len;
      double[][] w = weights[k];
      for (int t = 1; t < kk; t++) {
        double pr = pre[t][to] - pre[t][from];
        double pi = pim[t][to] - pim[t][from];
        double ct = Math.cos(toneOmegas[t - 1] * k);
        double st = Math.sin(toneOmegas[t - 1] * k);
        double projCos = pr * ct + pi * st; // Re(e^{−iω_t k}·S)
        double projSin = -(pi * ct - pr * st); // −Im(e^{−iω_t k}·S)
        re -= projCos * w[0][2 * t - 2] + projSin * w[0][2 * t - 1];
        im -= projCos * w[1][2 * t - 2] + projSin * w[1][2 * t - 1];
      }
      outRe[k] = re;
      outIm[k] = im;
    }
  }

  private double[][][] gatedWeights(boolean on) {
    return on ? gatedOn : gatedOff;
  }

  private double[][][] computeGatedWeights(boolean on) {
    int m = basis.length;
    double ridge = 1e-3 * len / 2.0;
    double[][][] out = new double[len][][];
    for (int k = 1; k < len; k++) {
      int from = on ? k : 0;
      int to = on ? len : k;
      double[][] g = new double[m][m];
      double[] bre = new double[m];
      double[] bim = new double[m];
      for (int a = 0; a < m; a++) {
        for (int b = a; b < m; b++) {
          double sum = 0;
          for (int n = from; n < to; n++) {
            sum += basis[a][n] * basis[b][n];
          }
          g[a][b] = sum;
          g[b][a] = sum;
        }
        g[a][a] += ridge;
        for (int n = from; n < to; n++) {
          bre[a] += basis[a][n] * Math.cos(omega * n);
          bim[a] -= basis[a][n] * Math.sin(omega * n);
        }
      }
      out[k] = new double[][] {solve(g, bre), solve(g, bim)};
    }
    return out;
  }

  /**
   * A shared instance (immutable; its construction solves 2·L small systems, so analyses reuse it) for
   * window length, correlator frequency and tones.
   */
  static ToneNullingCorrelator of(int len, double omega, double[] toneOmegas) {
    String key = len + ":" + Double.doubleToLongBits(omega) + ":" + java.util.Arrays.toString(toneOmegas);
    return CACHE.computeIfAbsent(key, k -> new ToneNullingCorrelator(len, omega, toneOmegas));
  }

  /** Fraction of a pulse's energy at ω (over the window) that the projection removes. */
  double tickEnergyLoss() {
    return tickLoss;
  }

  /**
   * {@code C'(offset + j)} for every j in [0, lags): the sliding DFTs at ω and at every tone advance
   * together in one pass (independent recurrences, so the processor overlaps them; one pass per
   * frequency was ≈ 3× slower), each re-anchored every 256 lags as in
   * {@link Correlators#sliding(double[], int, int, int, double, double[], double[])}.
   */
  void sliding(double[] y, int offset, int lags, double[] outRe, double[] outIm) {
    if (toneOmegas.length == 4) {
      sliding4(y, offset, lags, outRe, outIm);
      return;
    }
    int kk = toneOmegas.length + 1;
    double[] re = new double[kk];
    double[] im = new double[kk];
    for (int j = 0; j < lags; j++) {
      if ((j & 255) == 0) {
        for (int k = 0; k < kk; k++) {
          double[] c = Correlators.at(y, offset + j, len, k == 0 ? omega : toneOmegas[k - 1]);
          re[k] = c[0];
          im[k] = c[1];
        }
      }
      double oRe = re[0];
      double oIm = im[0];
      for (int k = 1; k < kk; k++) {
        double uc = re[k]; // Σ y·cos(ω_k n)
        double us = -im[k]; // Σ y·sin(ω_k n)
        oRe -= uc * wRe[2 * k - 2] + us * wRe[2 * k - 1];
        oIm -= uc * wIm[2 * k - 2] + us * wIm[2 * k - 1];
      }
      outRe[j] = oRe;
      outIm[j] = oIm;
      // C(j+1) = e^{iω}·(C(j) − y[j] + y[j+L]·e^{−iωL}), per frequency
      int at = offset + j;
      double sub = y[at];
      double add = at + len < y.length ? y[at + len] : 0;
      for (int k = 0; k < kk; k++) {
        double tr = re[k] - sub + add * stepLenRe[k];
        double ti = im[k] + add * stepLenIm[k];
        re[k] = tr * stepRe[k] - ti * stepIm[k];
        im[k] = tr * stepIm[k] + ti * stepRe[k];
      }
    }
  }

  /**
   * {@link #sliding} for exactly four tones with the five recurrences in local variables, which the JIT
   * keeps in registers (the array form ran ≈ 5× slower).
   */
  private void sliding4(double[] y, int offset, int lags, double[] outRe, double[] outIm) {
    final double sr0 = stepRe[0];
    final double si0 = stepIm[0];
    final double lr0 = stepLenRe[0];
    final double li0 = stepLenIm[0];
    final double sr1 = stepRe[1];
    final double si1 = stepIm[1];
    final double lr1 = stepLenRe[1];
    final double li1 = stepLenIm[1];
    final double sr2 = stepRe[2];
    final double si2 = stepIm[2];
    final double lr2 = stepLenRe[2];
    final double li2 = stepLenIm[2];
    final double sr3 = stepRe[3];
    final double si3 = stepIm[3];
    final double lr3 = stepLenRe[3];
    final double li3 = stepLenIm[3];
    final double sr4 = stepRe[4];
    final double si4 = stepIm[4];
    final double lr4 = stepLenRe[4];
    final double li4 = stepLenIm[4];
    final double cr1 = wRe[0];
    final double sr1w = wRe[1];
    final double ci1 = wIm[0];
    final double si1w = wIm[1];
    final double cr2 = wRe[2];
    final double sr2w = wRe[3];
    final double ci2 = wIm[2];
    final double si2w = wIm[3];
    final double cr3 = wRe[4];
    final double sr3w = wRe[5];
    final double ci3 = wIm[4];
    final double si3w = wIm[5];
    final double cr4 = wRe[6];
    final double sr4w = wRe[7];
    final double ci4 = wIm[6];
    final double si4w = wIm[7];
    double re0= 0;
    double im0 = 0;
    double re1 = 0;
    double im1 = 0;
    double re2 = 0;
    double im2 = 0;
    double re3 = 0;
    double im3 = 0;
    double re4 = 0;
    double im4 = 0;
    for (int j = 0; j < lags; j++) {
      if ((j & (ANCHOR_LAGS - 1)) == 0) {
        double[] c0 = Correlators.at(y, offset + j, len, omega);
        re0 = c0[0];
        im0 = c0[1];
        double[] c1 = Correlators.at(y, offset + j, len, toneOmegas[0]);
        re1 = c1[0];
        im1 = c1[1];
        double[] c2 = Correlators.at(y, offset + j, len, toneOmegas[1]);
        re2 = c2[0];
        im2 = c2[1];
        double[] c3 = Correlators.at(y, offset + j, len, toneOmegas[2]);
        re3 = c3[0];
        im3 = c3[1];
        double[] c4 = Correlators.at(y, offset + j, len, toneOmegas[3]);
        re4 = c4[0];
        im4 = c4[1];
      }
      outRe[j] = re0 - (re1 * cr1 - im1 * sr1w) - (re2 * cr2 - im2 * sr2w) - (re3 * cr3 - im3 * sr3w) - (re4 * cr4 - im4 * sr4w);
      outIm[j] = im0 - (re1 * ci1 - im1 * si1w) - (re2 * ci2 - im2 * si2w) - (re3 * ci3 - im3 * si3w) - (re4 * ci4 - im4 * si4w);
      int at = offset + j;
      double sub = y[at];
      double add = at + len < y.length ? y[at + len] : 0;
      double tr0 = re0 - sub + add * lr0;
      double ti0 = im0 + add * li0;
      re0 = tr0 * sr0 - ti0 * si0;
      im0 = tr0 * si0 + ti0 * sr0;
      double tr1 = re1 - sub + add * lr1;
      double ti1 = im1 + add * li1;
      re1 = tr1 * sr1 - ti1 * si1;
      im1 = tr1 * si1 + ti1 * sr1;
      double tr2 = re2 - sub + add * lr2;
      double ti2 = im2 + add * li2;
      re2 = tr2 * sr2 - ti2 * si2;
      im2 = tr2 * si2 + ti2 * sr2;
      double tr3 = re3 - sub + add * lr3;
      double ti3 = im3 + add * li3;
      re3 = tr3 * sr3 - ti3 * si3;
      im3 = tr3 * si3 + ti3 * sr3;
      double tr4 = re4 - sub + add * lr4;
      double ti4 = im4 + add * li4;
      re4 = tr4 * sr4 - ti4 * si4;
      im4 = tr4 * si4 + ti4 * sr4;
    }
  }

  /** Solves g·x = b by Gaussian elimination with partial pivoting (g is small and positive definite). */
  private static double[] solve(double[][] g, double[] b) {
    int m = b.length;
    double[][] a = new double[m][];
    for (int i = 0; i < m; i++) {
      a[i] = java.util.Arrays.copyOf(g[i], m + 1);
      a[i][m] = b[i];
    }
    for (int c = 0; c < m; c++) {
      int piv = c;
      for (int r = c + 1; r < m; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
          piv = r;
        }
      }
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      if (a[c][c] == 0) {
        throw new IllegalArgumentException("tone basis is singular over " + a.length / 2 + " tones");
      }
      for (int r = c + 1; r < m; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k <= m; k++) {
          a[r][k] -= f * a[c][k];
        }
      }
    }
    double[] x = new double[m];
    for (int r = m - 1; r >= 0; r--) {
      double s = a[r][m];
      for (int k = r + 1; k < m; k++) {
        s -= a[r][k] * x[k];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }
}
