package io.tickstream.core.hf.analysis;

import java.util.Arrays;

/** Medians by quickselect (Hoare 1961, "Algorithm 65: FIND", CACM 4(7)): the value sorting gives, in O(n). */
final class Medians {
  private Medians() {}

  /** Median of the first n values (the same value as sorting; quickselect, O(n)). */
  static double of(double[] v, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    double[] c = Arrays.copyOf(v, n);
    double hi = select(c, n / 2);
    if (n % 2 == 1) {
      return hi;
    }
    double lo = c[0]; // after select, c[0 .. n/2) holds the values ≤ hi: the largest of them
    for (int i = 1; i < n / 2; i++) {
      lo = Math.max(lo, c[i]);
    }
    return 0.5 * (lo + hi);
  }

  /** The k-th smallest of c (0-based), partially reordering c so that c[0..k) ≤ c[k] ≤ c[k+1..). */
  private static double select(double[] c, int k) {
    int left = 0;
    int right = c.length - 1;
    while (right > left) {
      double pivot = c[(left + right) >>> 1];
      int i = left;
      int j = right;
      while (i <= j) {
        while (c[i] < pivot) {
          i++;
        }
        while (c[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = c[i];
          c[i] = c[j];
          c[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        right = j;
      } else if (k >= i) {
        left = i;
      } else {
        break;
      }
    }
    return c[k];
  }
}
