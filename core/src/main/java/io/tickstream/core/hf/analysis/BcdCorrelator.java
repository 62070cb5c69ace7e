package io.tickstream.core.hf.analysis;

import io.tickstream.core.hf.format.BcdTimeCode;

/**
 * Correlation of the received 100 Hz subcarrier with the expected BCD code (issue 4 item 3; grape
 * {@code bcd_correlation_discrimination}, DOMAIN.md §1.4). WWV and WWVH send the same code, so the
 * received baseband is {@code v(t) = c_W·ē(t − τ_W) + c_H·ē(t − τ_H)} (complex amplitudes, ē the code's
 * 100 Hz envelope smoothed by the 10 ms boxcar). With the two delays known from the stations' ticks,
 * the amplitudes follow from grape's 2×2 joint least squares on the correlation
 * {@code C(τ) = Σ v(t)·e(t − τ)}:
 * <pre>  [R(0) R(−Δ); R(Δ) R(0)]·[c_W; c_H] = [C(τ_W); C(τ_H)],   Δ = τ_H − τ_W,  R(d) = Σ ē(t+d)·e(t)</pre>
 * ({@code R} real; not exactly symmetric because of the causal boxcar). The BCD peak lag (argmax |C| within ±15 ms of the stronger station)
 * is an independent, coarser arrival estimate.
 */
public final class BcdCorrelator {
  private BcdCorrelator() {}

  /**
   * @param wwvAmplitude |c_W| (NaN if not solvable)
   * @param wwvhAmplitude |c_H|
   * @param amplitudeRatioDb 20·log10(|c_W|/|c_H|)
   * @param peakOffsetMs lag of max |C| relative to the system minute boundary (ms)
   * @param quality |C(peak)| / median |C| over the scanned lags
   */
  public record Result(double wwvAmplitude, double wwvhAmplitude, double amplitudeRatioDb, double peakOffsetMs,
      double quality) {}

  /** The minute's 100 Hz envelope at 1 ms resolution (0 in second 0 and in the tick guards). */
  static double[] envelope(int[] symbols) {
    double[] e = new double[60_000];
    for (int s = 1; s < 60; s++) {
      int width = symbols[s] == BcdTimeCode.MARKER ? 800 : symbols[s] == BcdTimeCode.ONE ? 500 : 200;
      for (int ms = 0; ms < 1000; ms++) {
        e[s * 1000 + ms] = ms < width ? 1.0 : 0.1;
      }
      if (s != 29 && s < 59) {
        for (int ms = -10; ms < 30; ms++) {
          e[s * 1000 + ms] = 0;
        }
      }
    }
    return e;
  }

  /**
   * @param onsetWwvIndex absolute fractional sample index of WWV's second-0 edge (NaN if unknown)
   * @param onsetWwvhIndex same for WWVH
   */
  public static Result correlate(MinuteSamples in, int[] symbols, double onsetWwvIndex, double onsetWwvhIndex) {
    int fs = in.sampleRateHz();
    double[] a = in.audio();
    int perMs = fs / 1000;
    if (perMs * 1000 != fs) {
      return null;
    }
    double[][] bb = baseband1k(a, perMs);
    double[] br = bb[0];
    double[] bi = bb[1];
    int nMs = br.length - 1;
    double[] e = envelope(symbols);
    double[] es = new double[e.length];
    for (int i = 0; i < e.length; i++) {
      double s = 0;
      for (int k = 0; k < 10; k++) {
        s += i - k >= 0 ? e[i - k] : 0;
      }
      es[i] = s / 10;
    }
    double i0Ms = in.minuteIndex() / perMs;
    double tw = Double.isNaN(onsetWwvIndex) ? Double.NaN : onsetWwvIndex / perMs - i0Ms;
    double th = Double.isNaN(onsetWwvhIndex) ? Double.NaN : onsetWwvhIndex / perMs - i0Ms;
    double center = !Double.isNaN(tw) ? tw : th;
    if (Double.isNaN(center)) {
      return null;
    }
    int scan = 15;
    double[] mag = new double[2 * scan + 1];
    double best = -1;
    int bestL = 0;
    for (int l = -scan; l <= scan; l++) {
      double[] c = corr(br, bi, e, i0Ms + center + l, nMs);
      mag[l + scan] = Math.hypot(c[0], c[1]);
      if (mag[l + scan] > best) {
        best = mag[l + scan];
        bestL = l;
      }
    }
    double[] sorted = mag.clone();
    java.util.Arrays.sort(sorted);
    double quality = best / Math.max(sorted[sorted.length / 2], 1e-30);
    double peakMs = center + bestL;
    double aw = Double.NaN;
    double ah = Double.NaN;
    if (!Double.isNaN(tw) && !Double.isNaN(th) && Math.abs(th - tw) >= 3) {
      int d = (int) Math.round(th - tw);
      double r0 = autocorr(e, es, 0);
      double rp = autocorr(e, es, d);
      double rm = autocorr(e, es, -d);
      double det = r0 * r0 - rm * rp;
      double[] cw = corr(br, bi, e, i0Ms + tw, nMs);
      double[] ch = corr(br, bi, e, i0Ms + th, nMs);
      // complex solve of the real 2×2 system
      double wr = (r0 * cw[0] - rm * ch[0]) / det;
      double wi = (r0 * cw[1] - rm * ch[1]) / det;
      double hr = (r0 * ch[0] - rp * cw[0]) / det;
      double hi = (r0 * ch[1] - rp * cw[1]) / det;
      aw = Math.hypot(wr, wi);
      ah = Math.hypot(hr, hi);
    }
    double ratio = Double.isNaN(aw) ? Double.NaN : 20 * Math.log10(Math.max(aw, 1e-30) / Math.max(ah, 1e-30));
    return new Result(aw, ah, ratio, peakMs, quality);
  }

  /**
   * Prefix sums of the 100 Hz complex baseband at a 1 kHz rate: 1 ms block sums of the audio (nulls at
   * every multiple of 1 kHz) mixed with e^{−i2π·100t} by a 10-entry phasor table (phase 0 at sample 0).
   * A difference over 10 entries is a 10 ms boxcar, which nulls every other multiple of 100 Hz.
   */
  static double[][] baseband1k(double[] a, int perMs) {
    int nMs = a.length / perMs;
    double[] br = new double[nMs + 1];
    double[] bi = new double[nMs + 1];
    double[] cosT = new double[10];
    double[] sinT = new double[10];
    for (int k = 0; k < 10; k++) {
      cosT[k] = Math.cos(2 * Math.PI * k / 10);
      sinT[k] = Math.sin(2 * Math.PI * k / 10);
    }
    int p = 0;
    for (int i = 0; i < nMs; i++) {
      double blk = 0;
      for (int k = 0; k < perMs; k++) {
        blk += a[p++];
      }
      br[i + 1] = br[i] + blk * cosT[i % 10];
      bi[i + 1] = bi[i] - blk * sinT[i % 10];
    }
    return new double[][] {br, bi};
  }

  /** C at lag {@code startMs} (ms from data start, fractional part rounded): Σ_i v[start+i]·e[i]. */
  private static double[] corr(double[] br, double[] bi, double[] e, double startMs, int nMs) {
    int s0 = (int) Math.round(startMs);
    double re = 0;
    double im = 0;
    for (int i = 0; i < e.length; i++) {
      int j = s0 + i;
      if (j < 0 || j + 10 > nMs || e[i] == 0) {
        continue;
      }
      re += (br[j + 10] - br[j]) * e[i];
      im += (bi[j + 10] - bi[j]) * e[i];
    }
    return new double[] {re, im};
  }

  private static double autocorr(double[] e, double[] es, int d) {
    double s = 0;
    for (int i = 0; i < e.length; i++) {
      int j = i + d + 9; // v[j] sums e over [j, j+10) ⇒ aligned with es at j+9
      if (j >= 0 && j < es.length) {
        s += es[j] * e[i];
      }
    }
    return s;
  }
}
