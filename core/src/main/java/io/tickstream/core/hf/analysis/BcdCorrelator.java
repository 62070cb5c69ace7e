package io.tickstream.core.hf.analysis;

import io.tickstream.core.hf.format.BcdTimeCode;
import java.util.ArrayList;
import java.util.List;

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
 *
 * <p><b>Differential delay</b> (the BCD CSV's {@code differential_delay_ms}, DOMAIN.md §1.4/§1.8): the
 * two delays are then fitted from the BCD alone — the pair {@code (τ_W, τ_H)} on a 1 ms grid within
 * ±{@value #FIT_HALF_WIDTH_MS} ms of the tick-derived delays that maximises the energy the two-path
 * model {@code v = c_W·ē(t − τ_W) + c_H·ē(t − τ_H)} explains in the least-squares sense,
 * {@code E = bᴴ·G⁻¹·b} with {@code b_k = Σ v·ē(t − τ_k)} and the Gram matrix {@code G_kl = Σ ē(t − τ_k)·ē(t − τ_l)}
 * (minimising the residual maximises E), refined by a parabola through the neighbours on each axis;
 * a maximum on the edge of the window means the BCD shows no such path there, and no delays are given; {@code differentialDelayMs = τ_H − τ_W}. grape finds the same two peaks of
 * |xcorr| (accepted if 3 ≤ Δτ ≤ 35 ms); here both are fitted jointly, which separates them even when
 * their correlation lobes overlap. C and R at any lag cost one pass over the code's constant runs
 * (prefix sums of the baseband and of ē), not over the minute.
 */
public final class BcdCorrelator {
  private BcdCorrelator() {}

  /**
   * @param wwvAmplitude |c_W| (NaN if not solvable)
   * @param wwvhAmplitude |c_H|
   * @param amplitudeRatioDb 20·log10(|c_W|/|c_H|)
   * @param peakOffsetMs lag of max |C| relative to the system minute boundary (ms)
   * @param quality |C(peak)| / median |C| over the scanned lags
   * @param wwvDelayMs WWV's BCD arrival from the two-path fit, relative to the system minute boundary
   *     (ms); NaN when not both stations' tick delays were known or the fit's maximum lies on the edge
   *     of its window
   * @param wwvhDelayMs same for WWVH
   */
  public record Result(double wwvAmplitude, double wwvhAmplitude, double amplitudeRatioDb, double peakOffsetMs,
      double quality, double wwvDelayMs, double wwvhDelayMs) {
    /** Without the delay fit. */
    public Result(double wwvAmplitude, double wwvhAmplitude, double amplitudeRatioDb, double peakOffsetMs,
        double quality) {
      this(wwvAmplitude, wwvhAmplitude, amplitudeRatioDb, peakOffsetMs, quality, Double.NaN, Double.NaN);
    }

    /** {@code τ_H − τ_W} of the BCD two-path fit (ms); NaN if not fitted. */
    public double differentialDelayMs() {
      return wwvhDelayMs - wwvDelayMs;
    }
  }

  /** Half width of the delay-fit grid around each tick-derived delay (ms). */
  public static final int FIT_HALF_WIDTH_MS = 6;

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
   * The correlation over one span of the minute.
   *
   * @param startSecond first second of the span (0 for the whole minute)
   * @param lengthSeconds its length (60 for the whole minute, {@link #WINDOW_S} for a window)
   * @param result the correlation with the code of that span only
   */
  public record Window(int startSecond, int lengthSeconds, Result result) {}

  /** Length of the sub-minute windows (s); grape slides 10 s windows "to stay inside coherence time". */
  public static final int WINDOW_S = 10;

  /**
   * The whole minute first, then (with {@code windows}) each {@link #WINDOW_S} s window of it (seconds
   * [0, 10), [10, 20), … [50, 60)): the same amplitudes, peak, quality and two-path delay fit with the
   * template {@code e} taken as zero outside the span, so C and R sum over the span only. The baseband
   * is computed once. Null when the rate is not a whole number of samples per ms or no delay is known.
   *
   * @param onsetWwvIndex absolute fractional sample index of WWV's second-0 edge (NaN if unknown)
   * @param onsetWwvhIndex same for WWVH
   */
  public static List<Window> correlate(MinuteSamples in, int[] symbols, double onsetWwvIndex, double onsetWwvhIndex,
      boolean windows) {
    int fs = in.sampleRateHz();
    int perMs = fs / 1000;
    if (perMs * 1000 != fs) {
      return null;
    }
    double i0Ms = in.minuteIndex() / perMs;
    double tw = Double.isNaN(onsetWwvIndex) ? Double.NaN : onsetWwvIndex / perMs - i0Ms;
    double th = Double.isNaN(onsetWwvhIndex) ? Double.NaN : onsetWwvhIndex / perMs - i0Ms;
    if (Double.isNaN(tw) && Double.isNaN(th)) {
      return null;
    }
    double[][] bb = baseband1k(in.audio(), perMs);
    double[][] v = boxcarPrefix(bb[0], bb[1]);
    double[] e = envelope(symbols);
    List<Window> out = new ArrayList<>();
    out.add(new Window(0, 60, correlateSpan(v[0], v[1], e, 0, e.length, i0Ms, tw, th)));
    for (int s = 0; windows && s < 60; s += WINDOW_S) {
      out.add(new Window(s, WINDOW_S, correlateSpan(v[0], v[1], e, s * 1000, (s + WINDOW_S) * 1000, i0Ms, tw, th)));
    }
    return out;
  }

  /**
   * One span's correlation: the template {@code e} restricted to indices [from, to) (zero elsewhere).
   * {@code vr}, {@code vi}: prefix sums of the 10 ms boxcar baseband ({@link #boxcarPrefix}). Every C
   * and R is a sum over the restricted template's constant runs.
   */
  private static Result correlateSpan(double[] vr, double[] vi, double[] e, int from, int to, double i0Ms, double tw,
      double th) {
    Run[] runs = runs(e, from, to);
    // prefix sums of ē, the restricted template smoothed by the 10 ms boxcar: 0 before the span, constant
    // from 9 ms after its end
    double[] es1 = new double[e.length + 1];
    int last = Math.min(e.length, to + 9);
    double acc = 0;
    for (int i = from; i < last; i++) {
      acc += (i < to ? e[i] : 0) - (i - 10 >= from ? e[i - 10] : 0);
      es1[i + 1] = es1[i] + acc / 10;
    }
    java.util.Arrays.fill(es1, last + 1, es1.length, es1[last]);
    double center = !Double.isNaN(tw) ? tw : th;
    int scan = 15;
    double[] mag = new double[2 * scan + 1];
    double best = -1;
    int bestL = 0;
    for (int l = -scan; l <= scan; l++) {
      double[] c = corrRuns(vr, vi, runs, (int) Math.round(i0Ms + center + l));
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
      double r0 = autocorrRuns(es1, runs, 0);
      double rp = autocorrRuns(es1, runs, d);
      double rm = autocorrRuns(es1, runs, -d);
      double det = r0 * r0 - rm * rp;
      double[] cw = corrRuns(vr, vi, runs, (int) Math.round(i0Ms + tw));
      double[] ch = corrRuns(vr, vi, runs, (int) Math.round(i0Ms + th));
      // complex solve of the real 2×2 system
      double wr = (r0 * cw[0] - rm * ch[0]) / det;
      double wi = (r0 * cw[1] - rm * ch[1]) / det;
      double hr = (r0 * ch[0] - rp * cw[0]) / det;
      double hi = (r0 * ch[1] - rp * cw[1]) / det;
      aw = Math.hypot(wr, wi);
      ah = Math.hypot(hr, hi);
    }
    double ratio = Double.isNaN(aw) ? Double.NaN : 20 * Math.log10(Math.max(aw, 1e-30) / Math.max(ah, 1e-30));
    double[] fit = Double.isNaN(aw) ? new double[] {Double.NaN, Double.NaN} : fitDelays(vr, vi, runs, es1, i0Ms, tw, th);
    return new Result(aw, ah, ratio, peakMs, quality, fit[0], fit[1]);
  }

  /**
   * Prefix sums of v, the 10 ms boxcar of the baseband ({@code v[j] = b[j+10] − b[j]} from the prefix
   * sums {@code b} of {@link #baseband1k}; 0 where it would leave the data).
   */
  static double[][] boxcarPrefix(double[] br, double[] bi) {
    int nMs = br.length - 1;
    int nv = Math.max(0, nMs - 9);
    double[] vr = new double[nv + 1];
    double[] vi = new double[nv + 1];
    for (int j = 0; j < nv; j++) {
      vr[j + 1] = vr[j] + (br[j + 10] - br[j]);
      vi[j + 1] = vi[j] + (bi[j + 10] - bi[j]);
    }
    return new double[][] {vr, vi};
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

  /**
   * The joint two-path delay fit (class comment): returns {τ_W, τ_H} in ms from the minute boundary.
   * Lags are whole milliseconds ({@code round(i0Ms + τ)}) plus the parabolic refinement.
   */
  static double[] fitDelays(double[] vr, double[] vi, Run[] runs, double[] es1, double i0Ms, double tw, double th) {
    // least squares in the boxcar-smoothed domain: regressor of a path at lag s is u_s[j] = ē[j + 9 − s], so
    // <v, u_s> = (1/10)·Σ_{k=0..9} C(s − 9 + k) and <u_s1, u_s2> = A(s1 − s2), A(d) = Σ_i ē[i]·ē[i + d]
    // = (1/10)·Σ_{k=0..9} Q(d + k − 9), Q(m) = Σ_i e[i]·ē[i + m + 9] (the runs autocorrelation)
    int g = FIT_HALF_WIDTH_MS;
    int bw = (int) Math.round(i0Ms + tw);
    int bh = (int) Math.round(i0Ms + th);
    double[][] cw = smoothedCorr(vr, vi, runs, bw, g);
    double[][] ch = smoothedCorr(vr, vi, runs, bh, g);
    int dBase = bw - bh;
    double a0 = smoothedAuto(es1, runs, 0);
    double[] a12 = new double[4 * g + 1]; // A(s1 − s2) for s1 − s2 = dBase + k, k = −2g..2g
    for (int k = -2 * g; k <= 2 * g; k++) {
      a12[k + 2 * g] = smoothedAuto(es1, runs, dBase + k);
    }
    double[][] energy = new double[2 * g + 1][2 * g + 1];
    int bi0 = 0;
    int bj0 = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 2 * g + 1; i++) {
      for (int j = 0; j < 2 * g + 1; j++) {
        double r = a12[(i - j) + 2 * g];
        double det = a0 * a0 - r * r;
        double[] x = cw[i];
        double[] y = ch[j];
        // explained energy c^H·G^{-1}·c of the 2×2 symmetric Gram [a0 r; r a0]
        double en = (a0 * (x[0] * x[0] + x[1] * x[1] + y[0] * y[0] + y[1] * y[1])
            - 2 * r * (x[0] * y[0] + x[1] * y[1])) / det;
        energy[i][j] = en;
        if (en > best) {
          best = en;
          bi0 = i;
          bj0 = j;
        }
      }
    }
    if (bi0 == 0 || bi0 == 2 * g || bj0 == 0 || bj0 == 2 * g) {
      return new double[] {Double.NaN, Double.NaN}; // no maximum inside the window: no BCD path there
    }
    double fw = vertex(energy[bi0 - 1][bj0], energy[bi0][bj0], energy[bi0 + 1][bj0]);
    double fh = vertex(energy[bi0][bj0 - 1], energy[bi0][bj0], energy[bi0][bj0 + 1]);
    return new double[] {bw + (bi0 - g) + fw - i0Ms, bh + (bj0 - g) + fh - i0Ms};
  }

  /** <v, u_s> for s = base − g .. base + g: the mean of C over lags s − 9 .. s. */
  private static double[][] smoothedCorr(double[] vr, double[] vi, Run[] runs, int base, int g) {
    double[][] c = new double[2 * g + 10][];
    for (int k = 0; k < c.length; k++) {
      c[k] = corrRuns(vr, vi, runs, base - g - 9 + k);
    }
    double[][] out = new double[2 * g + 1][];
    for (int l = 0; l < out.length; l++) {
      double re = 0;
      double im = 0;
      for (int k = 0; k < 10; k++) {
        re += c[l + k][0];
        im += c[l + k][1];
      }
      out[l] = new double[] {re / 10, im / 10};
    }
    return out;
  }

  /** A(d) = Σ_i ē[i]·ē[i + d]. */
  private static double smoothedAuto(double[] es1, Run[] runs, int d) {
    double s = 0;
    for (int k = 0; k < 10; k++) {
      s += autocorrRuns(es1, runs, d + k - 9);
    }
    return s / 10;
  }

  private static double vertex(double y0, double y1, double y2) {
    double den = y0 - 2 * y1 + y2;
    return den >= 0 ? 0 : Math.max(-0.5, Math.min(0.5, 0.5 * (y0 - y2) / den));
  }

  /** A run {@code [start, end)} of constant non-zero value of the envelope. */
  private record Run(int start, int end, double value) {}

  /** The runs of {@code e} within [from, to) ({@code e} is zero outside). */
  private static Run[] runs(double[] e, int from, int to) {
    List<Run> out = new ArrayList<>();
    int i = from;
    while (i < to) {
      if (e[i] == 0) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < to && e[j] == e[i]) {
        j++;
      }
      out.add(new Run(i, j, e[i]));
      i = j;
    }
    return out.toArray(new Run[0]);
  }

  /** C at integer lag s0 (ms from data start): Σ_i v[s0+i]·e[i] by runs of e. */
  private static double[] corrRuns(double[] vr, double[] vi, Run[] runs, int s0) {
    int n = vr.length - 1;
    double re = 0;
    double im = 0;
    for (Run r : runs) {
      int a = clamp(s0 + r.start(), n);
      int b = clamp(s0 + r.end(), n);
      re += r.value() * (vr[b] - vr[a]);
      im += r.value() * (vi[b] - vi[a]);
    }
    return new double[] {re, im};
  }

  /** R(d) = Σ_i ē[i+d+9]·e[i] by runs of e (v[j] sums e over [j, j+10) ⇒ aligned with ē at j+9). */
  private static double autocorrRuns(double[] es1, Run[] runs, int d) {
    int n = es1.length - 1;
    double s = 0;
    for (Run r : runs) {
      s += r.value() * (es1[clamp(r.end() + d + 9, n)] - es1[clamp(r.start() + d + 9, n)]);
    }
    return s;
  }

  private static int clamp(int i, int n) {
    return i < 0 ? 0 : (i > n ? n : i);
  }
}
