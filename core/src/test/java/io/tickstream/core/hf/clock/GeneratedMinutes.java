package io.tickstream.core.hf.clock;

import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.StationTiming;
import io.tickstream.core.hf.analysis.MinuteSamples;
import io.tickstream.core.hf.analysis.TickTimer;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.format.UtcMinute;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.StationProgram;
import java.util.List;

/**
 * End-to-end harness: the real HF signal generator renders a minute of complex IQ for a scenario
 * (paths with delays from a "true" ionosphere, a known receiver clock offset, AWGN at an SNR) and
 * the real minute analysis timing stage measures the arrival of the on-time markers.
 */
final class GeneratedMinutes {
  static final int SAMPLE_RATE_HZ = 8000;
  private static final HfSignalGenerator GENERATOR =
      new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), 0.0, false, null));
  private static final TickTimer TIMER = new TickTimer(TickTimer.Config.defaults());

  private GeneratedMinutes() {}

  /** A station heard over {@code paths} (delays in ms, amplitudes linear). */
  static HfSignalGenerator.Transmission transmission(Transmitter tx, List<HfSignalGenerator.Path> paths) {
    return new HfSignalGenerator.Transmission(Station.valueOf(tx.name()), paths);
  }

  /** Renders one minute (plus 1 s margins) and measures {@code station}'s arrival. */
  static StationTiming measure(String channel, double frequencyMHz, Transmitter station,
      long minuteSystemNs, HfSignalGenerator.Scenario scenario) {
    long first = minuteSystemNs - 1_000_000_000L;
    int n = 62 * SAMPLE_RATE_HZ;
    float[] iq = GENERATOR.iq(first, n, SAMPLE_RATE_HZ, scenario);
    MinuteSamples ms = MinuteSamples.fromInterleavedIq(channel, frequencyMHz * 1e6,
        SAMPLE_RATE_HZ, first, minuteSystemNs, iq, 1.0);
    int minuteOfHour = UtcMinute.ofEpochNs(minuteSystemNs).minute();
    return TIMER.measure(ms, Station.valueOf(station.name()), minuteOfHour).timing();
  }

  /** Solver observation of a measured timing. */
  static ArrivalObservation observation(String channel, double frequencyMHz, Transmitter tx,
      long minuteSystemNs, StationTiming t) {
    return new ArrivalObservation(channel, tx, frequencyMHz, minuteSystemNs,
        t.usable() ? t.arrivalOffsetMs() : Double.NaN, t.arrivalUncertaintyMs(), t.snrDb(),
        t.delaySpreadMs(), t.dopplerSpreadHz(), t.frequencySelectivityDb(), null);
  }
}
