package io.tickstream.core.gap;

import java.util.Arrays;

/** Small order-statistics helpers shared by the robust estimators. */
final class Stats {
  private Stats() {}

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return medianOfSorted(sorted);
  }

  static double medianOfSorted(double[] sorted) {
    int n = sorted.length;
    if (n == 0) {
      throw new IllegalArgumentException("median of an empty array");
    }
    return (n % 2 == 1) ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }

  /** Average ranks (1-based), ties share the mean of their ranks (as SciPy {@code rankdata}). */
  static double[] ranks(double[] values) {
    int n = values.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] ranks = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = avg;
      }
      i = j + 1;
    }
    return ranks;
  }

  /** Sizes of the groups of equal values (only groups of 2 or more). */
  static int[] tieGroupSizes(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int[] groups = new int[sorted.length];
    int g = 0;
    int i = 0;
    while (i < sorted.length) {
      int j = i;
      while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
        j++;
      }
      if (j > i) {
        groups[g++] = j - i + 1;
      }
      i = j + 1;
    }
    return Arrays.copyOf(groups, g);
  }
}
