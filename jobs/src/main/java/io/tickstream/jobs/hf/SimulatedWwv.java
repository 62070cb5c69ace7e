package io.tickstream.jobs.hf;

import io.tickstream.connectors.rtp.IqSignal;
import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.clock.Maidenhead;
import io.tickstream.core.hf.clock.ModePath;
import io.tickstream.core.hf.clock.ParametricIonosphere;
import io.tickstream.core.hf.clock.PropagationMode;
import io.tickstream.core.hf.clock.PropagationModel;
import io.tickstream.core.hf.clock.Transmitter;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.StationProgram;
import java.util.List;

/**
 * WWV as a receiver at {@code grid} hears it over the 1F path of the solver's own ionosphere, with
 * a known receiver clock offset, as an {@link IqSignal} for the RTP simulator (demo, tests).
 */
public final class SimulatedWwv {
  private SimulatedWwv() {}

  /** IQ at {@code rateHz} for samples {@code index = t_system·fs}; SNR 30 dB, amplitude 0.5. */
  public static IqSignal signal(String grid, double frequencyMHz, int rateHz, double dClockMs, long atNs, long seed) {
    HfSignalGenerator gen = new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), 0.0, false, null));
    ModePath p = new PropagationModel(new ParametricIonosphere())
        .candidates(Transmitter.WWV, Maidenhead.toPoint(grid), frequencyMHz, atNs).stream()
        .filter(m -> m.mode() == PropagationMode.F1).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no 1F path to " + grid + " at " + frequencyMHz + " MHz"));
    var sc = new HfSignalGenerator.Scenario(List.of(HfSignalGenerator.Transmission.single(Station.WWV, p.delayMs(), 0.5)),
        dClockMs, 30, seed);
    return (index, frames, iq) -> {
      long t = Math.floorDiv(index, rateHz) * 1_000_000_000L + Math.floorMod(index, rateHz) * 1_000_000_000L / rateHz;
      float[] x = gen.iq(t, frames, rateHz, sc);
      for (int k = 0; k < x.length; k++) {
        iq[k] = x[k];
      }
    };
  }
}
