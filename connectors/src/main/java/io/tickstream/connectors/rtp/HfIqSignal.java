package io.tickstream.connectors.rtp;

import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.HfSignalGenerator.Path;
import io.tickstream.core.hf.sim.HfSignalGenerator.Scenario;
import io.tickstream.core.hf.sim.HfSignalGenerator.Transmission;
import io.tickstream.core.hf.sim.StationProgram;
import io.tickstream.core.time.Rational;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulator content: WWV/WWVH (and CHU) broadcasts as a receiver would hear them, from
 * {@link HfSignalGenerator} (AM, carrier at 0 Hz, station programs per DOMAIN.md §5, propagation
 * delays, receiver clock offset, noise).
 */
public final class HfIqSignal implements IqSignal {
  private final HfSignalGenerator generator;
  private final Scenario scenario;
  private final Rational rate;

  public HfIqSignal(Scenario scenario, long sampleRateHz) {
    this.generator = new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), 0.0, false, null));
    this.scenario = scenario;
    this.rate = Rational.of(sampleRateHz);
  }

  /**
   * WWV at 7.5 ms and WWVH at 25 ms group delay (WWVH 6 dB weaker) for the stations expected on the
   * channel, with the receiver clock {@code dClockMs} off and {@code snrDb} SNR (10 kHz reference).
   */
  public static HfIqSignal typical(List<String> stations, double dClockMs, double snrDb, long sampleRateHz, long seed) {
    List<Transmission> tx = new ArrayList<>();
    for (String s : stations) {
      Station st = Station.valueOf(s);
      double delay = switch (st) {
        case WWV -> 7.5;
        case WWVH -> 25.0;
        default -> 3.0;
      };
      tx.add(new Transmission(st, List.of(Path.of(delay, st == Station.WWV ? 0.5 : 0.25))));
    }
    return new HfIqSignal(new Scenario(tx, dClockMs, snrDb, seed), sampleRateHz);
  }

  @Override
  public void render(long sampleIndex, int frames, double[] iq) {
    float[] x = generator.iq(rate.timeNsOfIndexFloor(sampleIndex), frames, rate.toDouble(), scenario);
    for (int i = 0; i < 2 * frames; i++) {
      iq[i] = x[i];
    }
  }
}
