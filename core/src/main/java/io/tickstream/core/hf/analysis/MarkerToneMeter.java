package io.tickstream.core.hf.analysis;

import io.tickstream.core.hf.MarkerTone;
import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.StationTiming;

/** Measures the {@link MarkerTone} of a station whose minute marker {@link TickTimer} found. */
public final class MarkerToneMeter {
  private static final double[] NEIGHBOURS_HZ = {-50, -30, -10, 10, 30, 50};

  private MarkerToneMeter() {}

  /**
   * Goertzel |X|² at f and f ± 10/30/50 Hz over {@code n} samples from {@code start}, in one pass with
   * the seven recursions in locals (the array-based bank of {@link ToneAnalyzer} costs ≈ 3× as much).
   */
  static double[] powers(double[] x, int start, int n, double f, int fs) {
    double c0 = coeff(f, fs);
    double c1 = coeff(f + NEIGHBOURS_HZ[0], fs);
    double c2 = coeff(f + NEIGHBOURS_HZ[1], fs);
    double c3 = coeff(f + NEIGHBOURS_HZ[2], fs);
    double c4 = coeff(f + NEIGHBOURS_HZ[3], fs);
    double c5 = coeff(f + NEIGHBOURS_HZ[4], fs);
    double c6 = coeff(f + NEIGHBOURS_HZ[5], fs);
    double a0 = 0, b0 = 0, a1 = 0, b1 = 0, a2 = 0, b2 = 0, a3 = 0, b3 = 0, a4 = 0, b4 = 0, a5 = 0, b5 = 0, a6 = 0, b6 = 0;
    for (int k = start; k < start + n; k++) {
      double v = x[k];
      double t;
      t = v + c0 * a0 - b0; b0 = a0; a0 = t;
      t = v + c1 * a1 - b1; b1 = a1; a1 = t;
      t = v + c2 * a2 - b2; b2 = a2; a2 = t;
      t = v + c3 * a3 - b3; b3 = a3; a3 = t;
      t = v + c4 * a4 - b4; b4 = a4; a4 = t;
      t = v + c5 * a5 - b5; b5 = a5; a5 = t;
      t = v + c6 * a6 - b6; b6 = a6; a6 = t;
    }
    return new double[] {pow(a0, b0, c0), pow(a1, b1, c1), pow(a2, b2, c2), pow(a3, b3, c3), pow(a4, b4, c4),
        pow(a5, b5, c5), pow(a6, b6, c6)};
  }

  private static double coeff(double hz, int fs) {
    return 2 * Math.cos(2 * Math.PI * hz / fs);
  }

  private static double pow(double s1, double s2, double c) {
    return s1 * s1 + s2 * s2 - c * s1 * s2;
  }

  /**
   * @param r the station's tick/marker result (marker onset = {@code r.markerOnsetIndex()})
   * @param minuteOfHour program minute (1500 Hz marker at the hour for WWV/WWVH)
   * @return the marker tone, or {@code null} if the marker was not found or lies outside the data
   */
  public static MarkerTone measure(MinuteSamples in, TickTimer.Result r, int minuteOfHour) {
    StationTiming t = r.timing();
    if (!r.secondResolved() || Double.isNaN(t.markerOffsetMs()) || Double.isNaN(r.markerOnsetIndex())) {
      return null;
    }
    Station st = t.station();
    double f = st != Station.CHU && minuteOfHour == 0 ? 1500.0 : st.tickFrequencyHz();
    double durationS = st == Station.CHU ? 0.5 : 0.8;
    int fs = in.sampleRateHz();
    int n = (int) Math.round(durationS * fs);
    int start = (int) Math.round(r.markerOnsetIndex());
    double[] a = in.audio();
    if (start < 0 || start + n > a.length) {
      return null;
    }
    double[] p = powers(a, start, n, f, fs);
    double tone = p[0];
    double ref = 0;
    for (int i = 1; i < p.length; i++) {
      ref += p[i];
    }
    ref /= NEIGHBOURS_HZ.length;
    return new MarkerTone(st, f, durationS, t.markerOffsetMs(), t.markerSnrDb(), ToneAnalyzer.db(tone / Math.max(ref, 1e-30)),
        MarkerTone.confidenceOf(t.markerSnrDb()), t.usable());
  }
}
