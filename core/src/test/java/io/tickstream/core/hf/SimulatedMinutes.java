package io.tickstream.core.hf;

import io.tickstream.core.hf.analysis.MinuteSamples;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.StationProgram;
import io.tickstream.core.hf.testsignal.TestSignalTemplate;

/** Test helper: one simulated minute (with margins) as the analyzer receives it. */
final class SimulatedMinutes {
  static final int FS = 20_000;
  static final double MARGIN_S = 1.0;

  private SimulatedMinutes() {}

  static HfSignalGenerator generator(double dut1, TestSignalTemplate tpl) {
    return new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), dut1, false, tpl));
  }

  /**
   * Minute starting at UTC {@code utcMinuteNs}, received with {@code scenario}; the system-time
   * minute boundary analysed is {@code utcMinuteNs} (so arrivalOffsetMs = delay + D_clock).
   */
  static MinuteSamples minute(HfSignalGenerator g, long utcMinuteNs, HfSignalGenerator.Scenario scenario,
      double frequencyHz) {
    long t0 = utcMinuteNs - (long) (MARGIN_S * 1e9);
    int n = (int) ((60 + 2 * MARGIN_S) * FS);
    float[] iq = g.iq(t0, n, FS, scenario);
    return MinuteSamples.fromInterleavedIq("SIM", frequencyHz, FS, t0, utcMinuteNs, iq, 1.0);
  }

  static double median(double[] v) {
    double[] c = v.clone();
    java.util.Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
  }
}
