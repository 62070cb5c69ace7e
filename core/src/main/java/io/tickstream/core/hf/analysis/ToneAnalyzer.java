package io.tickstream.core.hf.analysis;

import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.ToneEvidence;
import io.tickstream.core.hf.format.ToneSchedule;

/**
 * Station-ID tones (issue 4 item 2; DOMAIN.md §1.4). Powers at 500, 600, 440, 1000 and 1200 Hz are
 * the mean of 1 s Goertzel powers over seconds 15–44 of the minute (incoherent sum, as grape's 440 Hz
 * detector: tolerant of ±0.5 Hz frequency error); the noise reference is the mean 1 s power of 6 bins
 * 825–875 Hz (grape's noise band; no broadcast content there). SNRs are per 1 Hz bin. Harmonic
 * ratios follow seed 001: {@code 10·log10(P1000/P500)}, {@code 10·log10(P1200/P600)}.
 */
public final class ToneAnalyzer {
  /** SNR above which a tone counts as present (dB per 1 Hz bin over 30 s). */
  public static final double DETECT_DB = 10.0;

  private ToneAnalyzer() {}

  public static ToneEvidence analyze(MinuteSamples in, double onsetIndex, ToneSchedule schedule, int hour,
      int minute) {
    int fs = in.sampleRateHz();
    double[] a = in.audio();
    double[] freqs = {500, 600, 440, 1000, 1200, 825, 835, 845, 855, 865, 875};
    double[] p = new double[freqs.length];
    int segs = 0;
    for (int s = 15; s < 45; s++) {
      int start = (int) Math.round(onsetIndex + (double) s * fs);
      if (start < 0 || start + fs > a.length) {
        continue;
      }
      segs++;
      goertzelBank(a, start, fs, freqs, fs, p);
    }
    if (segs == 0) {
      return null;
    }
    double noise = 0;
    for (int i = 5; i < freqs.length; i++) {
      noise += p[i];
    }
    noise /= (freqs.length - 5);
    noise = Math.max(noise, 1e-30);
    double s500 = db(p[0] / noise);
    double s600 = db(p[1] / noise);
    double s440 = (minute == 1 || minute == 2) ? db(p[2] / noise) : Double.NaN;
    double s1000 = db(p[3] / noise);
    double s1200 = db(p[4] / noise);
    int wwvTone = schedule.toneHz(Station.WWV, hour, minute);
    int wwvhTone = schedule.toneHz(Station.WWVH, hour, minute);
    double wwvSnr = snrOf(wwvTone, s500, s600, db(p[2] / noise));
    double wwvhSnr = snrOf(wwvhTone, s500, s600, db(p[2] / noise));
    boolean exclusive = (wwvTone != 0 || wwvhTone != 0) && wwvTone != wwvhTone;
    return new ToneEvidence(s500, s600, s440, s1000, s1200, db(p[3] / Math.max(p[0], 1e-30)),
        db(p[4] / Math.max(p[1], 1e-30)), wwvTone, wwvhTone, wwvSnr, wwvhSnr, exclusive);
  }

  private static double snrOf(int tone, double s500, double s600, double s440) {
    return switch (tone) {
      case 500 -> s500;
      case 600 -> s600;
      case 440 -> s440;
      default -> Double.NaN;
    };
  }

  /** Adds |X(f_i)|² of {@code n} samples from {@code start} for every frequency (one fused pass). */
  static void goertzelBank(double[] x, int start, int n, double[] freqsHz, double fs, double[] acc) {
    int m = freqsHz.length;
    double[] coeff = new double[m];
    double[] s1 = new double[m];
    double[] s2 = new double[m];
    for (int i = 0; i < m; i++) {
      coeff[i] = 2 * Math.cos(2 * Math.PI * freqsHz[i] / fs);
    }
    for (int k = start; k < start + n; k++) {
      double v = x[k];
      for (int i = 0; i < m; i++) {
        double s0 = v + coeff[i] * s1[i] - s2[i];
        s2[i] = s1[i];
        s1[i] = s0;
      }
    }
    for (int i = 0; i < m; i++) {
      acc[i] += s1[i] * s1[i] + s2[i] * s2[i] - coeff[i] * s1[i] * s2[i];
    }
  }

  /** |X(f)|² of {@code n} samples from {@code start} by the Goertzel recursion (f in cycles/sample). */
  public static double goertzel(double[] x, int start, int n, double f) {
    double coeff = 2 * Math.cos(2 * Math.PI * f);
    double s1 = 0;
    double s2 = 0;
    for (int k = start; k < start + n; k++) {
      double s0 = x[k] + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coeff * s1 * s2;
  }

  static double db(double ratio) {
    return 10 * Math.log10(Math.max(ratio, 1e-30));
  }
}
