package io.tickstream.core.hf.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MediansTest {
  /** The quickselect median is the sorted-array median, for odd and even counts and with ties. */
  @Test
  void medianEqualsSortedMedian() {
    Random rnd = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rnd.nextInt(300);
      double[] v = new double[n + 5];
      for (int i = 0; i < v.length; i++) {
        v[i] = trial % 3 == 0 ? rnd.nextInt(5) : rnd.nextGaussian();
      }
      double[] c = java.util.Arrays.copyOf(v, n);
      java.util.Arrays.sort(c);
      double expect = n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
      assertEquals(expect, Medians.of(v, n), 0.0, "n=" + n);
    }
  }
}
