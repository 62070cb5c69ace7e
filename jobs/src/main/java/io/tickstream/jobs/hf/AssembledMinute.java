package io.tickstream.jobs.hf;

/**
 * One system-time minute of one channel with its margins, as assembled from IQ blocks: interleaved
 * complex samples {@code I,Q} from global index {@code firstIndex}, NaN where samples are missing
 * (gaps are never zero-filled here).
 *
 * @param channel channel name
 * @param frequencyHz carrier (Hz)
 * @param sampleRateHz integer sample rate
 * @param minuteStartSystemNs the minute boundary (system time)
 * @param firstIndex global sample index of {@code iq[0..1]} ({@code index = t·fs})
 * @param iq interleaved samples, NaN = missing
 * @param completeness present fraction of [minute, minute + 60 s)
 */
public record AssembledMinute(String channel, double frequencyHz, int sampleRateHz, long minuteStartSystemNs,
    long firstIndex, float[] iq, double completeness) {

  public int numSamples() {
    return iq.length / 2;
  }

  /** System time of sample 0 (ns). */
  public long tFirstSystemNs() {
    return Math.floorDiv(firstIndex, sampleRateHz) * 1_000_000_000L
        + Math.floorMod(firstIndex, sampleRateHz) * 1_000_000_000L / sampleRateHz;
  }
}
