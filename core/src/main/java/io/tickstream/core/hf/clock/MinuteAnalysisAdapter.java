package io.tickstream.core.hf.clock;

import io.tickstream.core.hf.MinuteAnalysis;
import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.StationTiming;
import io.tickstream.core.hf.TestSignalResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link MinuteAnalysis} (one channel, one minute) into solver observations: one per usable
 * station timing. Both stations of a shared frequency are independent measurements of the same
 * receiver clock, so each usable one is kept. Delay spread and FSS fall back to the minute's test
 * signal result for that station; Doppler spread falls back to the channel's (dominant station)
 * value. The decoded time code's UTC minute is attached for {@code utc_verified}.
 */
public final class MinuteAnalysisAdapter {
  private MinuteAnalysisAdapter() {}

  public static List<ArrivalObservation> observations(MinuteAnalysis a) {
    List<ArrivalObservation> out = new ArrayList<>();
    double fMHz = a.frequencyHz() / 1e6;
    Long utc = a.timeCode() != null && a.timeCode().valid() ? a.utcMinuteStartNs() : null;
    double disc = a.discrimination() == null ? Double.NaN : a.discrimination().confidence();
    double wwv = a.timing(Station.WWV).map(StationTiming::snrDb).orElse(Double.NaN);
    double wwvh = a.timing(Station.WWVH).map(StationTiming::snrDb).orElse(Double.NaN);
    var ctx = new ArrivalObservation.Context(wwv, wwvh, disc, -1);
    boolean dominantKnown = a.dominantTiming().isPresent();
    for (StationTiming t : a.stations()) {
      if (!t.usable() || !Double.isFinite(t.arrivalOffsetMs())) {
        continue;
      }
      TestSignalResult ts = a.testSignal() != null && a.testSignal().detected()
          && a.testSignal().station() == t.station() ? a.testSignal() : null;
      double spread = finite(t.delaySpreadMs()) ? t.delaySpreadMs()
          : ts != null ? ts.delaySpreadMs() : Double.NaN;
      double fss = finite(t.frequencySelectivityDb()) ? t.frequencySelectivityDb()
          : ts != null ? ts.frequencySelectivityDb() : Double.NaN;
      boolean dominant = dominantKnown && a.dominantTiming().get().station() == t.station();
      double dop = finite(t.dopplerSpreadHz()) ? t.dopplerSpreadHz()
          : dominant ? a.dopplerSpreadHz() : Double.NaN;
      out.add(new ArrivalObservation(a.channel(), Transmitter.of(t.station()), fMHz,
          a.minuteStartSystemNs(), t.arrivalOffsetMs(), t.arrivalUncertaintyMs(), t.snrDb(),
          spread, dop, fss, utc, ctx));
    }
    if (out.isEmpty()) {
      // keep the minute visible as an unusable (grade X) channel
      Station s = a.stations().isEmpty() ? Station.WWV : a.stations().get(0).station();
      out.add(new ArrivalObservation(a.channel(), Transmitter.of(s), fMHz,
          a.minuteStartSystemNs(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, utc, ctx));
    }
    return out;
  }

  private static boolean finite(double v) {
    return Double.isFinite(v);
  }
}
