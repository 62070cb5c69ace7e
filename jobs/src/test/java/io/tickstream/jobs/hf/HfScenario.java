package io.tickstream.jobs.hf;

import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.clock.GeoPoint;
import io.tickstream.core.hf.clock.Maidenhead;
import io.tickstream.core.hf.clock.ModePath;
import io.tickstream.core.hf.clock.ParametricIonosphere;
import io.tickstream.core.hf.clock.PropagationMode;
import io.tickstream.core.hf.clock.PropagationModel;
import io.tickstream.core.hf.clock.Transmitter;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.StationProgram;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test input: generator-made WWV IQ for a receiver with a known clock offset (paths of the 1F mode
 * of the solver's own ionosphere), cut into 100 ms blocks with system-time sample indices, plus a
 * noise-free "BURST" channel holding one complex step of known UTC start and phase.
 */
final class HfScenario {
  static final String GRID = "EM38ww";
  static final GeoPoint RX = Maidenhead.toPoint(GRID);
  static final int FS = 8000;
  static final long MINUTE_NS = 60_000_000_000L;
  /** 2025-06-15 14:03 UTC (not the top of the hour). */
  static final long START_NS = 1_749_945_600_000_000_000L + (14 * 60 + 3) * MINUTE_NS;
  static final double BURST_AMPLITUDE = 0.5;
  static final double BURST_PHASE_RAD = 0.7;

  final double dClockMs;
  final int minutes;
  final long burstUtcNs;
  final Map<String, Double> channels = Map.of("WWV_10_MHz", 10e6, "WWV_15_MHz", 15e6, "BURST", 5e6);

  HfScenario(double dClockMs, int minutes) {
    this.dClockMs = dClockMs;
    this.minutes = minutes;
    this.burstUtcNs = START_NS + MINUTE_NS + 17_300_000_000L; // 1 min 17.3 s after the start
  }

  HfJobConfig config(String version, boolean phase3, boolean bounded) {
    return new HfJobConfig("test-rx", GRID, version, channels, 2.5, 2000, 0.5, phase3, bounded,
        java.time.Instant.parse("2026-01-01T00:00:00Z"), Map.of());
  }

  /** Blocks of every channel interleaved in time order. */
  List<IqBlock> blocks() {
    HfSignalGenerator gen = new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), 0.0, false, null));
    PropagationModel model = new PropagationModel(new ParametricIonosphere());
    int n = minutes * 60 * FS;
    Map<String, float[]> iq = new java.util.TreeMap<>();
    for (String ch : channels.keySet()) {
      if (ch.equals("BURST")) {
        iq.put(ch, burst(n));
        continue;
      }
      double fMHz = channels.get(ch) / 1e6;
      ModePath p = model.candidates(Transmitter.WWV, RX, fMHz, START_NS).stream()
          .filter(m -> m.mode() == PropagationMode.F1).findFirst().orElseThrow();
      var sc = new HfSignalGenerator.Scenario(List.of(HfSignalGenerator.Transmission.single(Station.WWV,
          p.delayMs(), 1.0)), dClockMs, 30, (long) fMHz);
      iq.put(ch, gen.iq(START_NS, n, FS, sc));
    }
    List<IqBlock> out = new ArrayList<>();
    int block = FS / 10;
    long first = START_NS / 1_000_000_000L * FS;
    for (int k = 0; k < n; k += block) {
      for (Map.Entry<String, float[]> e : iq.entrySet()) {
        float[] part = java.util.Arrays.copyOfRange(e.getValue(), 2 * k, 2 * (k + block));
        out.add(IqBlock.ofFloat32(e.getKey(), first + k, Rational.of(FS), START_NS + k * 1_000_000_000L / FS, true,
            part, 0));
      }
    }
    return out;
  }

  /** A complex step A·e^{jφ} starting at system time burstUtc + D_clock (so at UTC burstUtc), lasting 3 s. */
  private float[] burst(int n) {
    float[] x = new float[2 * n];
    double startSys = (burstUtcNs - START_NS) / 1e9 + dClockMs / 1e3;
    for (int k = 0; k < n; k++) {
      double t = k / (double) FS;
      if (t >= startSys && t < startSys + 3.0) {
        x[2 * k] = (float) (BURST_AMPLITUDE * Math.cos(BURST_PHASE_RAD));
        x[2 * k + 1] = (float) (BURST_AMPLITUDE * Math.sin(BURST_PHASE_RAD));
      }
    }
    return x;
  }
}
