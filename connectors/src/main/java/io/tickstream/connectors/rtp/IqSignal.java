package io.tickstream.connectors.rtp;

/**
 * A source of complex baseband samples for the simulator, full scale ±1.0 (radiod's float scale).
 */
@FunctionalInterface
public interface IqSignal {
  /**
   * Writes {@code frames} interleaved I,Q values for samples {@code sampleIndex..sampleIndex+frames-1}
   * (Digital RF index: samples since the epoch at the channel rate) into {@code iq[0..2·frames)}.
   */
  void render(long sampleIndex, int frames, double[] iq);

  /** A steady complex tone of {@code offsetHz} at amplitude {@code amplitude} (a carrier seen off-centre). */
  static IqSignal tone(double offsetHz, double amplitude, long sampleRateHz) {
    return (index, frames, iq) -> {
      for (int k = 0; k < frames; k++) {
        double ph = 2 * Math.PI * offsetHz * ((index + k) % (sampleRateHz * 1000L)) / sampleRateHz;
        iq[2 * k] = amplitude * Math.cos(ph);
        iq[2 * k + 1] = amplitude * Math.sin(ph);
      }
    };
  }
}
