package io.tickstream.core.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MeshPhaseGapTest {
  private static final long HOUR_NS = 3_600_000_000_000L;

  @Test
  void linearSeriesGivesSlopeGapAndEta() {
    // c = 10 - 2 ms/day * t over 24 h sampled hourly
    long[] t = new long[25];
    double[] c = new double[25];
    for (int i = 0; i < 25; i++) {
      t[i] = 1_700_000_000_000_000_000L + i * HOUR_NS;
      c[i] = 10 - 2.0 * i / 24.0;
    }
    MeshPhaseGap g = MeshPhaseGap.of(t, c);
    assertEquals(-2.0, g.slopeMsPerDay(), 1e-9);
    assertEquals(8.0, g.phaseGapMs(), 1e-9);
    assertEquals(4.0, g.etaDays(), 1e-9, "8 ms closing at 2 ms/day");
    assertEquals(25, g.nPoints());
    // positive gap growing: not closing; the mirror image closes the same way
    double[] grow = new double[25];
    double[] neg = new double[25];
    for (int i = 0; i < 25; i++) {
      grow[i] = 10 + 2.0 * i / 24.0;
      neg[i] = -c[i];
    }
    assertNull(MeshPhaseGap.of(t, grow).etaDays());
    assertEquals(4.0, MeshPhaseGap.of(t, neg).etaDays(), 1e-9);
    // the seed's running-mean baseline: gap -1 (last 8 vs mean 9), same sign as the slope
    MeshPhaseGap seed = MeshPhaseGap.of(t, c, 9.0);
    assertEquals(-1.0, seed.phaseGapMs(), 1e-9);
    assertNull(seed.etaDays());
  }

  @Test
  void emptyAndSinglePoint() {
    assertNull(MeshPhaseGap.of(new long[0], new double[0]));
    MeshPhaseGap one = MeshPhaseGap.of(new long[] {5}, new double[] {2.0});
    assertEquals(2.0, one.phaseGapMs());
    assertEquals(Double.NaN, one.slopeMsPerDay());
    assertNull(one.etaDays());
  }
}
