package io.tickstream.core.hf.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ToneNullingCorrelatorTest {
  private static final int FS = 20_000;
  private static final int LEN = 100; // 5 ms
  private static final double OMEGA = 2 * Math.PI * 1200.0 / FS;

  private static ToneNullingCorrelator correlator() {
    return new ToneNullingCorrelator(LEN, OMEGA, TickTimer.toneOmegas(FS));
  }

  /** WWV's 500 Hz tone and BCD subcarrier, which leak into the plain 1200 Hz tick filter, are gone. */
  @Test
  void steadyTonesAreNulled() {
    double[] y = new double[4000];
    for (int q = 0; q < y.length; q++) {
      y[q] = 0.5 * Math.cos(2 * Math.PI * 500 * q / FS + 0.3) + 0.5 * Math.sin(2 * Math.PI * 100 * q / FS + 1.1)
          + 0.4 * Math.cos(2 * Math.PI * 600 * q / FS);
    }
    double[] re = new double[3000];
    double[] im = new double[3000];
    correlator().sliding(y, 0, 3000, re, im);
    double[] pr = new double[3000];
    double[] pi = new double[3000];
    Correlators.sliding(y, 0, 3000, LEN, OMEGA, pr, pi);
    double maxNulled = 0;
    double maxPlain = 0;
    for (int j = 0; j < 3000; j++) {
      maxNulled = Math.max(maxNulled, Math.hypot(re[j], im[j]));
      maxPlain = Math.max(maxPlain, Math.hypot(pr[j], pi[j]));
    }
    assertTrue(maxPlain > 1.0, "the plain filter leaks: " + maxPlain);
    assertTrue(maxNulled < 1e-6 * maxPlain, "nulled " + maxNulled + " vs plain " + maxPlain);
  }

  /** A tick at ω keeps its phase and all but the stated energy share. */
  @Test
  void tickSurvives() {
    ToneNullingCorrelator c = correlator();
    double[] y = new double[LEN];
    for (int n = 0; n < LEN; n++) {
      y[n] = Math.sin(OMEGA * n);
    }
    double[] re = new double[1];
    double[] im = new double[1];
    c.sliding(y, 0, 1, re, im);
    double[] plain = Correlators.at(y, 0, LEN, OMEGA);
    double ratio = (re[0] * re[0] + im[0] * im[0]) / (plain[0] * plain[0] + plain[1] * plain[1]);
    assertTrue(c.tickEnergyLoss() < 0.1, "loss " + c.tickEnergyLoss());
    assertEquals(1 - c.tickEnergyLoss(), Math.sqrt(ratio), 0.05);
    assertEquals(Math.atan2(plain[1], plain[0]), Math.atan2(im[0], re[0]), 0.05);
  }

  /** The fast run over a program step equals the window-by-window projection, and removes the step. */
  @Test
  void gatedRunMatchesGatedAndRemovesTheStep() {
    ToneNullingCorrelator c = correlator();
    Random rnd = new Random(7);
    int edge = 600;
    for (boolean on : new boolean[] {true, false}) {
      double[] y = new double[1200];
      for (int q = 0; q < y.length; q++) {
        boolean program = on ? q >= edge : q < edge;
        y[q] = (program ? 0.5 * Math.cos(2 * Math.PI * 500 * q / FS) + 0.5 * Math.sin(2 * Math.PI * 100 * q / FS) : 0)
            + 1e-3 * rnd.nextGaussian();
      }
      double[] gr = new double[LEN];
      double[] gi = new double[LEN];
      c.gatedRun(y, edge, on, gr, gi);
      double worstPlain = 0;
      for (int k = 1; k < LEN; k++) {
        double[] one = c.gated(y, edge - k, k, on);
        assertEquals(one[0], gr[k], 1e-9, "re, k=" + k);
        assertEquals(one[1], gi[k], 1e-9, "im, k=" + k);
        double[] plain = Correlators.at(y, edge - k, LEN, OMEGA);
        worstPlain = Math.max(worstPlain, Math.hypot(plain[0], plain[1]));
        assertTrue(Math.hypot(gr[k], gi[k]) < 0.05 * worstPlain + 0.05, "k=" + k + " " + Math.hypot(gr[k], gi[k]));
      }
      assertTrue(worstPlain > 1.0, "the step leaks into the plain filter: " + worstPlain);
    }
  }
}
