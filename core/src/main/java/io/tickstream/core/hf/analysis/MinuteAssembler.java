package io.tickstream.core.hf.analysis;

import io.tickstream.core.signal.IqBlock;
import java.util.List;

/**
 * Builds the {@link MinuteSamples} of one system-time minute from a channel's {@link IqBlock}s
 * (radiod RTP or Digital RF), with {@code marginS} seconds either side. Blocks are placed by their
 * global sample index (the sample clock, not their system timestamps, which may jitter); the index of
 * the minute boundary comes from the first block's index/time pair. Missing samples (gaps) are left
 * 0 — never interpolated — and counted in {@code completeness}. int16 blocks are scaled to ±1.
 */
public final class MinuteAssembler {
  private MinuteAssembler() {}

  public static MinuteSamples assemble(List<IqBlock> blocks, double frequencyHz, long minuteStartSystemNs,
      double marginS) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("no blocks for minute " + minuteStartSystemNs);
    }
    IqBlock ref = blocks.get(0);
    if (ref.sampleRateHz().denominator() != 1) {
      throw new IllegalArgumentException("channel " + ref.channel() + ": non-integer sample rate "
          + ref.sampleRateHz() + " Hz is not supported by the minute analysis");
    }
    int fs = (int) ref.sampleRateHz().numerator();
    boolean complex = ref.complex();
    long minuteIndex = ref.firstSampleIndex() + Math.round((minuteStartSystemNs - ref.tSystemNs()) * (double) fs / 1e9);
    long margin = Math.round(marginS * fs);
    long w0 = minuteIndex - margin;
    int n = (int) (60L * fs + 2 * margin);
    float[] out = new float[complex ? 2 * n : n];
    long present = 0;
    for (IqBlock b : blocks) {
      if (b.complex() != complex || !b.sampleRateHz().equals(ref.sampleRateHz())) {
        throw new IllegalArgumentException("channel " + b.channel() + ": block at index " + b.firstSampleIndex()
            + " changes rate or complexity");
      }
      double scale = b.type() == io.tickstream.core.signal.SampleType.INT16 ? 1.0 / 32768 : 1.0;
      for (int k = 0; k < b.numSamples(); k++) {
        long at = b.firstSampleIndex() + k - w0;
        if (at < 0 || at >= n) {
          continue;
        }
        int i = (int) at;
        if (complex) {
          out[2 * i] = (float) (b.i(k) * scale);
          out[2 * i + 1] = (float) (b.q(k) * scale);
        } else {
          out[i] = (float) (b.i(k) * scale);
        }
        long inMinute = b.firstSampleIndex() + k - minuteIndex;
        if (inMinute >= 0 && inMinute < 60L * fs) {
          present++;
        }
      }
    }
    double completeness = present / (60.0 * fs);
    long tFirst = minuteStartSystemNs - Math.round(margin * 1e9 / fs);
    return complex
        ? MinuteSamples.fromInterleavedIq(ref.channel(), frequencyHz, fs, tFirst, minuteStartSystemNs, out, completeness)
        : MinuteSamples.fromAudio(ref.channel(), frequencyHz, fs, tFirst, minuteStartSystemNs, out, completeness);
  }
}
