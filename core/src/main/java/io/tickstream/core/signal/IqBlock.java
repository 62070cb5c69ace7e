package io.tickstream.core.signal;

import io.tickstream.core.time.Rational;
import java.util.Objects;

/**
 * A contiguous run of samples of one channel, in its original encoding, as it travels from a source
 * (radiod RTP, Digital RF archive) to the Phase 1 archive and Phase 2 analysis.
 *
 * <p>Samples are interleaved {@code I0,Q0,I1,Q1,…} when {@link #complex()} (one value per sample
 * otherwise), in exactly one of {@link #int16()} / {@link #float32()} according to {@link #type()}.
 * Sample {@code k} of the block has global index {@code firstSampleIndex + k} in the channel's
 * sample clock ({@code index = t · sampleRateHz}, Digital RF convention) and system time
 * {@code tSystemNs + k / sampleRateHz}.
 *
 * <p>{@code gapSamplesBefore} is the number of missing samples immediately before this block
 * (0 when contiguous with the previous block, or unknown for the first block). A gap is never
 * zero-filled.
 *
 * <p>Immutable by contract: the arrays are not copied (20 kHz streams make copies expensive), so a
 * producer must not modify an array after handing it to a block.
 */
public record IqBlock(
    String channel,
    long firstSampleIndex,
    Rational sampleRateHz,
    long tSystemNs,
    boolean complex,
    SampleType type,
    short[] int16,
    float[] float32,
    long gapSamplesBefore) {

  public IqBlock {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(sampleRateHz, "sampleRateHz");
    Objects.requireNonNull(type, "type");
    int components = complex ? 2 : 1;
    if (type == SampleType.INT16) {
      if (int16 == null || float32 != null) {
        throw new IllegalArgumentException("INT16 block needs int16[] only (channel " + channel + ")");
      }
      if (int16.length % components != 0) {
        throw new IllegalArgumentException("odd interleaved length " + int16.length + " (channel " + channel + ")");
      }
    } else {
      if (float32 == null || int16 != null) {
        throw new IllegalArgumentException("FLOAT32 block needs float32[] only (channel " + channel + ")");
      }
      if (float32.length % components != 0) {
        throw new IllegalArgumentException("odd interleaved length " + float32.length + " (channel " + channel + ")");
      }
    }
    if (gapSamplesBefore < 0) {
      throw new IllegalArgumentException("gapSamplesBefore < 0 (channel " + channel + ")");
    }
  }

  public static IqBlock ofInt16(String channel, long firstSampleIndex, Rational rate, long tSystemNs,
      boolean complex, short[] samples, long gapSamplesBefore) {
    return new IqBlock(channel, firstSampleIndex, rate, tSystemNs, complex, SampleType.INT16, samples, null,
        gapSamplesBefore);
  }

  public static IqBlock ofFloat32(String channel, long firstSampleIndex, Rational rate, long tSystemNs,
      boolean complex, float[] samples, long gapSamplesBefore) {
    return new IqBlock(channel, firstSampleIndex, rate, tSystemNs, complex, SampleType.FLOAT32, null, samples,
        gapSamplesBefore);
  }

  /** Number of (complex or real) samples in the block. */
  public int numSamples() {
    int n = type == SampleType.INT16 ? int16.length : float32.length;
    return complex ? n / 2 : n;
  }

  /** Global index one past the last sample. */
  public long endSampleIndex() {
    return firstSampleIndex + numSamples();
  }

  /** In-phase (or real) component of sample {@code k} as a double (int16 values unscaled). */
  public double i(int k) {
    int at = complex ? 2 * k : k;
    return type == SampleType.INT16 ? int16[at] : float32[at];
  }

  /** Quadrature component of sample {@code k}; 0 for real blocks. */
  public double q(int k) {
    if (!complex) {
      return 0.0;
    }
    return type == SampleType.INT16 ? int16[2 * k + 1] : float32[2 * k + 1];
  }
}
