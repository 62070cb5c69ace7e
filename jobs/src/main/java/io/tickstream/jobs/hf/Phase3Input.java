package io.tickstream.jobs.hf;

import io.tickstream.core.signal.UtcDecimator;
import io.tickstream.core.time.Rational;

/**
 * What Phase 3 needs of one assembled minute: its window's stage-A (400 Hz, system-time grid)
 * series, which does not depend on D_clock ({@link UtcDecimator#stageA}). Computed in the chain
 * where the full-rate minute is, so only ≈ 1/25 of the samples (20 kHz input) are shuffled to, and
 * kept in the state of, {@link Phase3Product}; the 10 Hz output is bit-identical to decimating the
 * full-rate minute there.
 *
 * @param channel channel name
 * @param frequencyHz carrier (Hz)
 * @param sampleRateHz full input rate (Hz)
 * @param minuteStartSystemNs the minute boundary (system time)
 * @param firstIndex global input index of the window's first sample
 * @param numSamples input samples in the window (with margins)
 * @param completeness present fraction of [minute, minute + 60 s)
 * @param stageA the window's 400 Hz series
 */
public record Phase3Input(String channel, double frequencyHz, int sampleRateHz, long minuteStartSystemNs,
    long firstIndex, int numSamples, double completeness, UtcDecimator.StageA stageA) {

  /** Stage A of minute {@code m}. */
  public static Phase3Input of(AssembledMinute m) {
    return new Phase3Input(m.channel(), m.frequencyHz(), m.sampleRateHz(), m.minuteStartSystemNs(), m.firstIndex(),
        m.numSamples(), m.completeness(), UtcDecimator.stageA(Rational.of(m.sampleRateHz()), m.firstIndex(), m.iq()));
  }
}
