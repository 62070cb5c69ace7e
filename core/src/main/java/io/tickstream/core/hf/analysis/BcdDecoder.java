package io.tickstream.core.hf.analysis;

import io.tickstream.core.hf.TimeCode;
import io.tickstream.core.hf.format.BcdTimeCode;

/**
 * Slices and decodes the WWV/WWVH BCD time code (issue 4 item 3; DOMAIN.md §5.1).
 *
 * <p>The 100 Hz subcarrier amplitude is measured in 10 ms blocks aligned (to 1 ms) to each second's
 * on-time edge (the station's measured arrival): block sums of {@code audio·e^{−i2π·100t}} (a 10 ms
 * boxcar has nulls at every multiple of 100 Hz, so the 500/600/1000/1200 Hz tones and the 200 Hz image
 * vanish), taken from the 1 kHz baseband of {@link BcdCorrelator#baseband1k} when fs is a multiple of
 * 1 kHz.
 * Per second the mean amplitude in 40–180 ms ({@code A}, on for every symbol), 250–480 ms ({@code B},
 * on for 1 and marker), 550–780 ms ({@code C}, marker only) and 850–980 ms (low level) gives the point
 * {@code ((B−low)/(A−low), (C−low)/(A−low))}, classified to the nearest of 0 = (0,0), 1 = (1,0),
 * marker = (1,1). Pulse-width thresholds 350/650 ms of hf-timestd are equivalent in the noise-free case.
 * Confidence = mean decision margin (distance to second-nearest minus nearest, ≤ 1).
 */
public final class BcdDecoder {
  private BcdDecoder() {}

  /** Symbols (index = second 0..59; second 0 and seconds outside the data = {@link BcdTimeCode#NONE}). */
  public record Sliced(int[] symbols, double confidence, int secondsRead) {}

  /**
   * @param onsetIndex absolute fractional sample index of the second-0 on-time edge (from the ticks)
   */
  public static Sliced slice(MinuteSamples in, double onsetIndex) {
    int fs = in.sampleRateHz();
    double[] a = in.audio();
    int blk = fs / 100;
    double omega = 2 * Math.PI * 100.0 / fs;
    int[] sym = new int[60];
    sym[0] = BcdTimeCode.NONE;
    double marginSum = 0;
    int read = 0;
    double[] amp = new double[100];
    int perMs = fs / 1000;
    double[][] bb = perMs * 1000 == fs ? BcdCorrelator.baseband1k(a, perMs) : null;
    for (int s = 1; s < 60; s++) {
      int start = (int) Math.round(onsetIndex + (double) s * fs);
      if (start < 0 || start + 100 * blk > a.length) {
        sym[s] = BcdTimeCode.NONE;
        continue;
      }
      int startMs = bb == null ? 0 : (int) Math.round((onsetIndex + (double) s * fs) / perMs);
      for (int b = 0; b < 100; b++) {
        if (bb != null && startMs + 10 * b + 10 < bb[0].length) {
          int i = startMs + 10 * b;
          amp[b] = Math.hypot(bb[0][i + 10] - bb[0][i], bb[1][i + 10] - bb[1][i]);
        } else {
          double[] c = Correlators.at(a, start + b * blk, blk, omega);
          amp[b] = Math.hypot(c[0], c[1]);
        }
      }
      double hi = mean(amp, 4, 18);
      double mb = mean(amp, 25, 48);
      double mc = mean(amp, 55, 78);
      double lo = mean(amp, 85, 98);
      double scale = Math.max(hi - lo, 1e-12);
      double x = (mb - lo) / scale;
      double y = (mc - lo) / scale;
      double d0 = Math.hypot(x, y);
      double d1 = Math.hypot(x - 1, y);
      double d2 = Math.hypot(x - 1, y - 1);
      double[] d = {d0, d1, d2};
      int bi = 0;
      for (int i = 1; i < 3; i++) {
        if (d[i] < d[bi]) {
          bi = i;
        }
      }
      double second = Double.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        if (i != bi) {
          second = Math.min(second, d[i]);
        }
      }
      marginSum += Math.min(1.0, second - d[bi]);
      sym[s] = bi == 0 ? BcdTimeCode.ZERO : (bi == 1 ? BcdTimeCode.ONE : BcdTimeCode.MARKER);
      read++;
    }
    return new Sliced(sym, read == 0 ? 0 : marginSum / read, read);
  }

  /** Decodes a sliced frame into a {@link TimeCode}; null when fewer than 59 seconds were read. */
  public static TimeCode decode(Sliced sliced, boolean dut1SignOneIsPositive) {
    if (sliced.secondsRead() < 58) {
      return null;
    }
    int[] sym = sliced.symbols().clone();
    if (sym[59] == BcdTimeCode.NONE) {
      sym[59] = BcdTimeCode.MARKER; // second 59 outside the data: its marker carries no information
    }
    BcdTimeCode.Decoded d = BcdTimeCode.decode(sym, dut1SignOneIsPositive);
    long utcNs;
    try {
      utcNs = d.minute().epochNs();
    } catch (RuntimeException e) {
      utcNs = Long.MIN_VALUE;
    }
    return new TimeCode(TimeCode.Source.BCD, d.minute().year(), d.minute().dayOfYear(), d.minute().hour(),
        d.minute().minute(), d.dut1Tenths() / 10.0, d.leapWarning(), d.dstBits(), -1, utcNs,
        d.errors() == 0 && utcNs != Long.MIN_VALUE, sliced.confidence(), d.errors());
  }

  private static double mean(double[] v, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += v[i];
    }
    return s / (to - from);
  }
}
