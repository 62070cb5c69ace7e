package io.tickstream.core.hf.analysis;

import io.tickstream.core.hf.MarkerTone;
import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.StationTiming;

/** Measures the {@link MarkerTone} of a station whose minute marker {@link TickTimer} found. */
public final class MarkerToneMeter {
  private static final double[] NEIGHBOURS_HZ = {-50, -30, -10, 10, 30, 50};

  private MarkerToneMeter() {}

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
    double tone = ToneAnalyzer.goertzel(a, start, n, f / fs);
    double ref = 0;
    for (double d : NEIGHBOURS_HZ) {
      ref += ToneAnalyzer.goertzel(a, start, n, (f + d) / fs);
    }
    ref /= NEIGHBOURS_HZ.length;
    return new MarkerTone(st, f, durationS, t.markerOffsetMs(), t.markerSnrDb(), ToneAnalyzer.db(tone / Math.max(ref, 1e-30)),
        MarkerTone.confidenceOf(t.markerSnrDb()), t.usable());
  }
}
