package io.tickstream.core.hf.testsignal;

import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.TestSignalResult;
import io.tickstream.core.hf.analysis.MinuteSamples;
import io.tickstream.core.hf.analysis.ToneAnalyzer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * HamSCI test-signal detection (issue 4 item 4; DOMAIN.md §1.4 "Test signal", §5.3).
 *
 * <p>The AM audio from −0.5 s to +40.5 s of the minute is cross-correlated (FFT) with the template
 * band-limited to 5 kHz and resampled to the input rate; lags within ±0.5 s of the system minute are
 * searched. At the best lag (parabolic refinement) the normalised correlations of the sections give
 * the multitone, chirp and noise scores; {@code confidence = 0.5·multitone + 0.3·noise + 0.2·chirp},
 * detected if ≥ 0.20 (grape's weights and threshold). The frequency-selectivity score is
 * {@code 10·log10((P2k+P3k)/(P4k+P5k))} of the received multitone minus the same ratio of the template
 * (so a flat channel gives 0 dB). Delay spread = widening of the correlation main lobe (FWHM of the
 * envelope) over the template's autocorrelation. The two white-noise sections are also scored
 * separately (their difference shows a channel change within the minute), and the single-cycle bursts
 * give their own ToA near the whole-template lag.
 */
public final class TestSignalDetector {
  public static final double DETECT_THRESHOLD = 0.20;
  private static final double SEARCH_S = 0.5;
  private static final double LENGTH_S = 40.0;

  private static final Map<String, double[]> RESAMPLED = new ConcurrentHashMap<>();

  private TestSignalDetector() {}

  private static double[] template(TestSignalTemplate t, int fs) {
    return RESAMPLED.computeIfAbsent(System.identityHashCode(t) + "@" + fs,
        k -> t.resample(fs, 0.0, (int) Math.round(Math.min(LENGTH_S, t.durationS()) * fs)));
  }

  public static TestSignalResult detect(MinuteSamples in, TestSignalTemplate tpl, Station station) {
    int fs = in.sampleRateHz();
    double[] a = in.audio();
    double[] t = template(tpl, fs);
    int m = t.length;
    int w = (int) Math.round(SEARCH_S * fs);
    int s0 = (int) Math.floor(in.minuteIndex()) - w;
    int segLen = m + 2 * w;
    int from = Math.max(0, s0);
    int to = Math.min(a.length, s0 + segLen);
    if (to - from < m / 2) {
      return null;
    }
    int p = Integer.highestOneBit(segLen - 1) << 1;
    double[] fa = new double[p];
    System.arraycopy(a, from, fa, from - s0, to - from); // samples outside the data stay 0
    double[] ft = new double[p];
    System.arraycopy(t, 0, ft, 0, m);
    DoubleFFT_1D fft = new DoubleFFT_1D(p);
    fft.realForward(fa);
    fft.realForward(ft);
    double[] auto = ft.clone();
    mulConj(fa, ft, p);
    mulConj(auto, ft, p);
    fft.realInverse(fa, true);
    fft.realInverse(auto, true);
    int best = 0;
    for (int l = 1; l <= 2 * w; l++) {
      if (fa[l] > fa[best]) {
        best = l;
      }
    }
    double frac = 0;
    if (best > 0 && best < 2 * w) {
      double y0 = fa[best - 1];
      double y1 = fa[best];
      double y2 = fa[best + 1];
      double den = y0 - 2 * y1 + y2;
      frac = den == 0 ? 0 : Math.max(-0.5, Math.min(0.5, 0.5 * (y0 - y2) / den));
    }
    int at = s0 + best;
    double overall = fa[best] / Math.sqrt(energy(t, 0, m) * energy(a, Math.max(0, at), m));
    double multitone = sectionScore(a, at, t, fs, TestSignalTemplate.MULTITONE_START_S, TestSignalTemplate.MULTITONE_END_S);
    double chirp = sectionScore(a, at, t, fs, TestSignalTemplate.CHIRP_START_S, TestSignalTemplate.CHIRP_END_S);
    double noise1 = sectionScore(a, at, t, fs, TestSignalTemplate.NOISE1_START_S, TestSignalTemplate.NOISE1_END_S);
    double noise2 = sectionScore(a, at, t, fs, TestSignalTemplate.NOISE2_START_S, TestSignalTemplate.NOISE2_END_S);
    double noise = 0.5 * (noise1 + noise2);
    double confidence = 0.5 * Math.max(0, multitone) + 0.3 * Math.max(0, noise) + 0.2 * Math.max(0, chirp);
    double fss = fss(a, at, fs) - fss(t, 0, fs);
    double spread = Math.max(0, lobeWidth(fa, best, 2 * w + 1) - lobeWidth(auto, 0, p)) * 1000.0 / fs;
    double toaMs = (at + frac - in.minuteIndex()) * 1000.0 / fs;
    double burstToaMs = burstToa(a, at + frac, t, fs, in.minuteIndex());
    return new TestSignalResult(station, confidence >= DETECT_THRESHOLD, confidence, multitone, chirp, noise,
        overall, toaMs, spread, fss, noise1, noise2, burstToaMs);
  }

  private static void mulConj(double[] x, double[] y, int p) {
    // JTransforms realForward packing: [0]=Re0, [1]=Re(n/2), then (Re,Im) pairs
    x[0] *= y[0];
    x[1] *= y[1];
    for (int k = 2; k < p; k += 2) {
      double ar = x[k];
      double ai = x[k + 1];
      double br = y[k];
      double bi = y[k + 1];
      x[k] = ar * br + ai * bi;
      x[k + 1] = ai * br - ar * bi;
    }
  }

  private static double energy(double[] x, int from, int n) {
    double e = 0;
    for (int i = from; i < from + n && i < x.length; i++) {
      e += x[i] * x[i];
    }
    return Math.max(e, 1e-30);
  }

  private static double sectionScore(double[] a, int at, double[] t, int fs, double fromS, double toS) {
    int i0 = (int) Math.round(fromS * fs);
    int i1 = Math.min(t.length, (int) Math.round(toS * fs));
    double c = 0;
    double ea = 0;
    double et = 0;
    for (int i = Math.max(i0, -at); i < i1 && at + i < a.length; i++) {
      c += a[at + i] * t[i];
      ea += a[at + i] * a[at + i];
      et += t[i] * t[i];
    }
    return c / Math.sqrt(Math.max(ea * et, 1e-30));
  }

  /**
   * ToA from the single-cycle burst section alone: the lag (±{@value #BURST_SEARCH_MS} ms around the
   * whole-template lag {@code at}) maximising Σ a[lag+i]·t[i] over the burst section, parabolic
   * refinement; returned like {@code toaOffsetMs} (ms from the system minute boundary).
   */
  private static double burstToa(double[] a, double at, double[] t, int fs, double minuteIndex) {
    int i0 = (int) Math.round(TestSignalTemplate.BURST_START_S * fs);
    int i1 = Math.min(t.length, (int) Math.round(TestSignalTemplate.BURST_END_S * fs));
    int w = (int) Math.ceil(BURST_SEARCH_MS * fs / 1000.0);
    int c = (int) Math.round(at);
    if (c - w + i0 < 0 || c + w + i1 > a.length || i1 <= i0) {
      return Double.NaN;
    }
    double[] r = new double[2 * w + 1];
    int best = 0;
    for (int l = -w; l <= w; l++) {
      double sum = 0;
      int base = c + l;
      for (int i = i0; i < i1; i++) {
        sum += a[base + i] * t[i];
      }
      r[l + w] = sum;
      if (sum > r[best]) {
        best = l + w;
      }
    }
    double frac = 0;
    if (best > 0 && best < 2 * w) {
      double den = r[best - 1] - 2 * r[best] + r[best + 1];
      frac = den >= 0 ? 0 : Math.max(-0.5, Math.min(0.5, 0.5 * (r[best - 1] - r[best + 1]) / den));
    }
    return (c + best - w + frac - minuteIndex) * 1000.0 / fs;
  }

  private static final double BURST_SEARCH_MS = 2.0;

  private static double fss(double[] x, int at, int fs) {
    int i0 = at + (int) Math.round(TestSignalTemplate.MULTITONE_START_S * fs);
    int n = (int) Math.round((TestSignalTemplate.MULTITONE_END_S - TestSignalTemplate.MULTITONE_START_S) * fs);
    if (i0 < 0 || i0 + n > x.length) {
      return Double.NaN;
    }
    double p2 = ToneAnalyzer.goertzel(x, i0, n, 2000.0 / fs);
    double p3 = ToneAnalyzer.goertzel(x, i0, n, 3000.0 / fs);
    double p4 = ToneAnalyzer.goertzel(x, i0, n, 4000.0 / fs);
    double p5 = ToneAnalyzer.goertzel(x, i0, n, 5000.0 / fs);
    return 10 * Math.log10(Math.max(p2 + p3, 1e-30) / Math.max(p4 + p5, 1e-30));
  }

  /** Width (samples) of the main lobe of |c| above half its peak, searching circularly within n. */
  private static double lobeWidth(double[] c, int peak, int n) {
    double half = Math.abs(c[peak]) / 2;
    int l = 0;
    while (l < n / 2 && Math.abs(c[Math.floorMod(peak - l - 1, n)]) >= half) {
      l++;
    }
    int r = 0;
    while (r < n / 2 && Math.abs(c[Math.floorMod(peak + r + 1, n)]) >= half) {
      r++;
    }
    return l + r + 1;
  }
}
