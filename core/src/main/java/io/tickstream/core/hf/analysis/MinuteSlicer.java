package io.tickstream.core.hf.analysis;

import io.tickstream.core.hf.io.SampleFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a contiguous recording into per-minute {@link MinuteSamples}: each system-time minute
 * boundary M inside the recording gets the samples of [M − margin, M + 60 s + margin] (clipped to the
 * recording) and its completeness = covered fraction of [M, M + 60 s). Minutes less than
 * {@code minCompleteness} covered are skipped.
 */
public final class MinuteSlicer {
  public static final long MINUTE_NS = 60_000_000_000L;

  private MinuteSlicer() {}

  public static List<MinuteSamples> slice(SampleFile file, String channel, double frequencyHz, long tFirstSystemNs,
      double marginS, double minCompleteness) {
    int fs = file.sampleRateHz();
    long n = file.numSamples();
    long tEndNs = tFirstSystemNs + Math.round(n * 1e9 / fs);
    List<MinuteSamples> out = new ArrayList<>();
    long m = Math.floorDiv(tFirstSystemNs, MINUTE_NS) * MINUTE_NS;
    for (; m < tEndNs; m += MINUTE_NS) {
      long covStart = Math.max(m, tFirstSystemNs);
      long covEnd = Math.min(m + MINUTE_NS, tEndNs);
      double completeness = Math.max(0, covEnd - covStart) / (double) MINUTE_NS;
      if (completeness < minCompleteness) {
        continue;
      }
      long k0 = Math.max(0, (long) Math.floor((m - tFirstSystemNs - marginS * 1e9) * fs / 1e9));
      long k1 = Math.min(n, (long) Math.ceil((m + MINUTE_NS - tFirstSystemNs + marginS * 1e9) * fs / 1e9));
      long t0 = tFirstSystemNs + Math.round(k0 * 1e9 / fs);
      int c = file.complex() ? 2 : 1;
      float[] seg = Arrays.copyOfRange(file.samples(), (int) (k0 * c), (int) (k1 * c));
      out.add(file.complex()
          ? MinuteSamples.fromInterleavedIq(channel, frequencyHz, fs, t0, m, seg, completeness)
          : MinuteSamples.fromAudio(channel, frequencyHz, fs, t0, m, seg, completeness));
    }
    return out;
  }
}
