package io.tickstream.core.hf.testsignal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HamSCI scientific test signal as transmitted by WWV/WWVH (DOMAIN.md §5.3), loaded from the
 * headerless 48 kHz s16le mono file {@code ka9q/wwvsim:test.raw}
 * (shared/data/hf/ka9q_wwvsim_hamsci_test_signal_48k_s16le.raw, 42 s). Values are scaled to ±1 full
 * scale (= 100 % modulation) as wwvsim inserts them.
 *
 * <p>Sections (template time, measured from the file): voice 0–10 s, white noise 10–12 s, multitone
 * 2/3/4/5 kHz 13–23 s, chirps 24–32 s, single-cycle bursts 34–36 s, white noise 37–39 s.
 *
 * <p>Resampling to any rate band-limits to 5 kHz (the AM channel's ±5 kHz edge) with a
 * Blackman-windowed sinc (±0.5 ms, 64 fractional phases, linear between phases).
 */
public final class TestSignalTemplate {
  public static final double SOURCE_RATE_HZ = 48_000.0;
  public static final double CUTOFF_HZ = 5_000.0;
  public static final double NOISE1_START_S = 10, NOISE1_END_S = 12;
  public static final double MULTITONE_START_S = 13, MULTITONE_END_S = 23;
  public static final double CHIRP_START_S = 24, CHIRP_END_S = 32;
  public static final double NOISE2_START_S = 37, NOISE2_END_S = 39;
  public static final double BURST_START_S = 34, BURST_END_S = 36;

  private static final int HALF_TAPS = 24;
  private static final int PHASES = 64;
  private static final double[][] KERNEL = kernel();

  private final float[] x;

  private TestSignalTemplate(float[] x) {
    this.x = x;
  }

  /** Loads the 48 kHz s16le template; throws naming the file if it is missing or malformed. */
  public static TestSignalTemplate load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("HamSCI test-signal template not found: " + file);
    }
    byte[] b = Files.readAllBytes(file);
    if (b.length < 2 * 48_000 || b.length % 2 != 0) {
      throw new IOException("not a 48 kHz s16le template (" + b.length + " bytes): " + file);
    }
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    float[] x = new float[b.length / 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = bb.getShort() / 32767f;
    }
    return new TestSignalTemplate(x);
  }

  public double durationS() {
    return x.length / SOURCE_RATE_HZ;
  }

  private static double[][] kernel() {
    double[][] k = new double[PHASES + 1][2 * HALF_TAPS];
    double fc = CUTOFF_HZ / SOURCE_RATE_HZ;
    for (int p = 0; p <= PHASES; p++) {
      double frac = (double) p / PHASES;
      for (int j = 0; j < 2 * HALF_TAPS; j++) {
        double d = (j - HALF_TAPS + 1) - frac;
        double sinc = d == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * d) / (Math.PI * d);
        double u = (d + HALF_TAPS) / (2.0 * HALF_TAPS);
        double win = (u <= 0 || u >= 1) ? 0
            : 0.42 - 0.5 * Math.cos(2 * Math.PI * u) + 0.08 * Math.cos(4 * Math.PI * u);
        k[p][j] = sinc * win;
      }
    }
    return k;
  }

  /** Band-limited value at template time {@code tS} (0 outside the file). */
  public double valueAt(double tS) {
    double pos = tS * SOURCE_RATE_HZ;
    double fl = Math.floor(pos);
    int i0 = (int) fl;
    double frac = (pos - fl) * PHASES;
    int p = (int) frac;
    double a = frac - p;
    double[] k0 = KERNEL[p];
    double[] k1 = KERNEL[p + 1];
    double acc = 0;
    int first = i0 - HALF_TAPS + 1;
    for (int j = 0; j < 2 * HALF_TAPS; j++) {
      int i = first + j;
      if (i >= 0 && i < x.length) {
        acc += x[i] * (k0[j] + a * (k1[j] - k0[j]));
      }
    }
    return acc;
  }

  /** {@code n} samples at {@code tStartS + k/fs} (template time). */
  public double[] resample(double fs, double tStartS, int n) {
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = valueAt(tStartS + k / fs);
    }
    return v;
  }
}
