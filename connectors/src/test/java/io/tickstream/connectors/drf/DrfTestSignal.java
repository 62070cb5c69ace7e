package io.tickstream.connectors.drf;

/** The fixtures' deterministic test signal (shared/fixtures/drf/README.md "Signal formula"). */
final class DrfTestSignal {
  private static final long G = 0x9E3779B97F4A7C15L;

  private DrfTestSignal() {}

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long h(long seed, long n, int c, int q) {
    return mix(mix(mix(seed) ^ n) + (2L * c + q) * G);
  }

  static short int16(long seed, long n, int c, int q) {
    return (short) (Long.remainderUnsigned(h(seed, n, c, q) >>> 48, 65535) - 32767);
  }

  static float float32(long seed, long n, int c, int q) {
    return (float) (((h(seed, n, c, q) >>> 40) - (1L << 23)) / (double) (1 << 23));
  }
}
