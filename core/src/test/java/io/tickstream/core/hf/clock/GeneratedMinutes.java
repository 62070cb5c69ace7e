package io.tickstream.core.hf.clock;

import io.tickstream.core.hf.HfMinuteAnalyzer;
import io.tickstream.core.hf.MinuteAnalysis;
import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.analysis.MinuteSamples;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.StationProgram;
import java.util.List;

/**
 * End-to-end harness: the real HF signal generator renders a minute of complex IQ for a scenario
 * (paths with delays from a "true" ionosphere, a known receiver clock offset, AWGN at an SNR) and
 * the real minute analysis ({@link HfMinuteAnalyzer}, default configuration for the carrier: both
 * WWV and WWVH searched on shared frequencies) produces the {@link MinuteAnalysis} that
 * {@link MinuteAnalysisAdapter} turns into solver observations.
 */
public final class GeneratedMinutes {
  static final int SAMPLE_RATE_HZ = 8000;
  private static final HfSignalGenerator GENERATOR =
      new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), 0.0, false, null));

  private GeneratedMinutes() {}

  /** A station heard over {@code paths} (delays in ms, amplitudes linear). */
  public static HfSignalGenerator.Transmission transmission(Transmitter tx, List<HfSignalGenerator.Path> paths) {
    return new HfSignalGenerator.Transmission(Station.valueOf(tx.name()), paths);
  }

  /** Renders one minute (plus 1 s margins) of a channel and analyses it. */
  public static MinuteAnalysis analyse(String channel, double frequencyMHz, long minuteSystemNs,
      HfSignalGenerator.Scenario scenario) {
    long first = minuteSystemNs - 1_000_000_000L;
    int n = 62 * SAMPLE_RATE_HZ;
    float[] iq = GENERATOR.iq(first, n, SAMPLE_RATE_HZ, scenario);
    MinuteSamples ms = MinuteSamples.fromInterleavedIq(channel, frequencyMHz * 1e6,
        SAMPLE_RATE_HZ, first, minuteSystemNs, iq, 1.0);
    return new HfMinuteAnalyzer(HfMinuteAnalyzer.Config.defaultsFor(frequencyMHz * 1e6, null))
        .analyze(ms);
  }

  /** Generated, analysed and adapted: the solver observations of one channel-minute. */
  public static List<ArrivalObservation> observe(String channel, double frequencyMHz,
      long minuteSystemNs, HfSignalGenerator.Scenario scenario) {
    return MinuteAnalysisAdapter.observations(analyse(channel, frequencyMHz, minuteSystemNs,
        scenario));
  }
}
