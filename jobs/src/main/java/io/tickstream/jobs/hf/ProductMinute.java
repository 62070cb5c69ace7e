package io.tickstream.jobs.hf;

/**
 * Phase 3 output of one channel and system-time minute: 10 Hz complex samples on the UTC grid
 * (Digital RF index {@code firstUtcIndex} at 10 Hz), NaN where input was missing or D_clock unknown.
 *
 * @param dClockMs D_clock applied at the minute boundary (NaN if unknown)
 * @param uncertaintyMs its 1σ (NaN if unknown)
 */
public record ProductMinute(String channel, double frequencyHz, int inputSampleRateHz, long minuteStartSystemNs,
    long firstUtcIndex,
    float[] iq, double dClockMs, double uncertaintyMs, double completeness) {

  public int numSamples() {
    return iq.length / 2;
  }
}
