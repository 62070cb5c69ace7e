package io.tickstream.core.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.time.Rational;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UtcDecimatorTest {
  private static final int FS = 20_000;
  /** 2026-11-22T00:00:00Z in seconds. */
  private static final long T0_S = 1_795_305_600L;

  /** Complex tone exp(j2π f (t_sys − D)) sampled at system-time indices, i.e. a tone in UTC. */
  private static double[] tone(long firstIndex, int n, double fHz, double dClockMs, double amp) {
    double[] iq = new double[2 * n];
    for (int k = 0; k < n; k++) {
      long idx = firstIndex + k;
      double tSys = (idx - T0_S * FS) / (double) FS; // seconds since T0 (exact small numbers)
      double tUtc = tSys - dClockMs / 1000.0;
      double ph = 2 * Math.PI * fHz * tUtc;
      iq[2 * k] = amp * Math.cos(ph);
      iq[2 * k + 1] = amp * Math.sin(ph);
    }
    return iq;
  }

  private record Out(long k, double re, double im) {}

  private static List<Out> run(UtcDecimator dec, long firstIndex, double[] iq, int block, double dClockMs) {
    int n = iq.length / 2;
    List<Out> out = new ArrayList<>();
    long[] next = {Long.MIN_VALUE};
    for (int at = 0; at < n; at += block) {
      int len = Math.min(block, n - at);
      dec.push(firstIndex + at, iq, 2 * at, len);
      long ready = dec.lastReadyUtcIndex(Math.abs(dClockMs) + 1);
      if (next[0] == Long.MIN_VALUE) {
        next[0] = (T0_S + 5) * 10; // start well after the first input (edge outputs are NaN)
      }
      if (ready >= next[0]) {
        dec.emit(next[0], ready + 1, t -> dClockMs, (k, re, im) -> out.add(new Out(k, re, im)));
        next[0] = ready + 1;
      }
    }
    return out;
  }

  @Test
  void inBandToneComesOutWithZeroLagAndUnityGain() {
    double f = 1.3;
    double dClockMs = 12.345;
    long first = T0_S * FS;
    double[] iq = tone(first, FS * 30, f, dClockMs, 0.5);
    List<Out> out = run(new UtcDecimator(Rational.of(FS)), first, iq, 1234, dClockMs);
    assertTrue(out.size() > 200, "outputs: " + out.size());
    double worstPhase = 0;
    double worstAmp = 0;
    for (Out o : out) {
      double tUtc = (o.k() - T0_S * 10) / 10.0;
      double expectPh = 2 * Math.PI * f * tUtc;
      double ph = Math.atan2(o.im(), o.re());
      double dph = Math.IEEEremainder(ph - expectPh, 2 * Math.PI);
      worstPhase = Math.max(worstPhase, Math.abs(dph));
      worstAmp = Math.max(worstAmp, Math.abs(Math.hypot(o.re(), o.im()) - 0.5));
    }
    // 1/fs rounding of the instant: phase error <= 2π·1.3 Hz·25 µs ≈ 2e-4 rad
    assertTrue(worstPhase < 3e-4, "phase error " + worstPhase);
    assertTrue(worstAmp < 1e-4, "amplitude error " + worstAmp);
  }

  @Test
  void aliasRejectionAtLeast90Db() {
    long first = T0_S * FS;
    double[] freqs = {6.0, 7.3, 9.9, 13.0, 50.0, 199.0, 394.5, 400.0, 403.0, 1000.0, 5003.0, 9990.0, -6.5, -400.0};
    for (double f : freqs) {
      List<Out> out = run(new UtcDecimator(Rational.of(FS)), first, tone(first, FS * 20, f, 0, 1.0), 4000, 0);
      double peak = 0;
      for (Out o : out) {
        peak = Math.max(peak, Math.hypot(o.re(), o.im()));
      }
      double db = 20 * Math.log10(peak);
      System.out.printf("alias rejection at %.1f Hz: %.1f dB%n", f, db);
      assertTrue(db <= -90, "tone at " + f + " Hz leaks at " + db + " dB");
    }
  }

  @Test
  void blockSizeDoesNotChangeTheOutput() {
    long first = T0_S * FS + 7;
    double[] iq = tone(first, FS * 12, 0.7, -3.2, 1.0);
    for (int k = 0; k < iq.length; k += 97) {
      iq[k] += 0.3 * Math.sin(k * 0.001); // some structure
    }
    List<Out> a = run(new UtcDecimator(Rational.of(FS)), first, iq, 160, -3.2);
    List<Out> b = run(new UtcDecimator(Rational.of(FS)), first, iq, 20_000, -3.2);
    int common = Math.min(a.size(), b.size());
    assertTrue(common > 40);
    for (int i = 0; i < common; i++) {
      assertEquals(a.get(i).k(), b.get(i).k());
      assertEquals(a.get(i).re(), b.get(i).re(), 1e-12);
      assertEquals(a.get(i).im(), b.get(i).im(), 1e-12);
    }
  }

  @Test
  void gapMakesOnlyNearbyOutputsNaN() {
    UtcDecimator dec = new UtcDecimator(Rational.of(FS));
    long first = T0_S * FS;
    double[] iq = tone(first, FS * 40, 1.0, 0, 1.0);
    long gapStart = first + FS * 20L;
    int gapLen = 400; // 20 ms of lost packets
    List<Out> out = new ArrayList<>();
    dec.push(first, iq, 0, FS * 20);
    dec.push(gapStart + gapLen, iq, 2 * (FS * 20 + gapLen), FS * 20 - gapLen);
    long ready = dec.lastReadyUtcIndex(1);
    dec.emit((T0_S + 5) * 10, ready + 1, t -> 0.0, (k, re, im) -> out.add(new Out(k, re, im)));
    long halfNs = dec.supportHalfWidthNs();
    long gapStartNs = T0_S * 1_000_000_000L + 20_000_000_000L;
    long gapEndNs = gapStartNs + 20_000_000L;
    int nan = 0;
    for (Out o : out) {
      long tNs = o.k() * 100_000_000L;
      boolean touches = tNs + halfNs >= gapStartNs && tNs - halfNs < gapEndNs;
      if (touches) {
        assertTrue(Double.isNaN(o.re()), "output at " + o.k() + " overlaps the gap but is a number");
        nan++;
      } else {
        assertFalse(Double.isNaN(o.re()), "output at " + o.k() + " is NaN far from the gap");
        double tUtc = (o.k() - T0_S * 10) / 10.0;
        assertEquals(Math.cos(2 * Math.PI * tUtc), o.re(), 1e-4);
      }
    }
    assertTrue(nan > 0 && nan < 80, "NaN outputs: " + nan);
  }

  @Test
  void toneBurstAppearsAtItsUtcInstant() {
    // a 0.5 Hz-wide Gaussian burst centred at UTC T0+15.3 s; D_clock = +47.5 ms
    double dClockMs = 47.5;
    long first = T0_S * FS;
    int n = FS * 30;
    double[] iq = new double[2 * n];
    for (int k = 0; k < n; k++) {
      double tUtc = k / (double) FS - dClockMs / 1000.0;
      double env = Math.exp(-0.5 * Math.pow((tUtc - 15.3) / 0.6, 2));
      iq[2 * k] = env * Math.cos(2 * Math.PI * 0.8 * tUtc);
      iq[2 * k + 1] = env * Math.sin(2 * Math.PI * 0.8 * tUtc);
    }
    List<Out> out = run(new UtcDecimator(Rational.of(FS)), first, iq, 5000, dClockMs);
    Out peak = out.stream().max((x, y) -> Double.compare(Math.hypot(x.re(), x.im()), Math.hypot(y.re(), y.im())))
        .orElseThrow();
    assertEquals(T0_S * 10 + 153, peak.k(), "burst peak index");
    double ph = Math.atan2(peak.im(), peak.re());
    assertEquals(0.0, Math.IEEEremainder(ph - 2 * Math.PI * 0.8 * 15.3, 2 * Math.PI), 1e-3, "phase at peak");
  }

  @Test
  void stageAAheadOfTimeGivesBitIdenticalOutputs() {
    // one 65 s window (as Phase 3 gets it), start not on the 400 Hz grid, NaN gap inside; D_clock varies
    long first = T0_S * FS - 2 * FS - 17;
    int n = FS * 65;
    double[] iq = tone(first, n, 1.7, 3.2, 0.8);
    float[] f = new float[iq.length];
    for (int k = 0; k < iq.length; k++) {
      f[k] = (float) iq[k];
    }
    java.util.Arrays.fill(f, 2 * FS * 30, 2 * (FS * 30 + 333), Float.NaN);
    double[] asDouble = new double[f.length];
    for (int k = 0; k < f.length; k++) {
      asDouble[k] = f[k];
    }
    UtcDecimator.ClockCorrection d = t -> 3.2 + (t - T0_S * 1_000_000_000L) * 1e-12;
    UtcDecimator whole = new UtcDecimator(Rational.of(FS));
    whole.push(first, asDouble, 0, n);
    UtcDecimator split = new UtcDecimator(Rational.of(FS), 70);
    split.pushStageA(first, n, UtcDecimator.stageA(Rational.of(FS), first, f));
    assertEquals(whole.lastReadyUtcIndex(5), split.lastReadyUtcIndex(5));
    List<Out> a = new ArrayList<>();
    List<Out> b = new ArrayList<>();
    long from = (T0_S - 3) * 10;
    long to = whole.lastReadyUtcIndex(5) + 1;
    whole.emit(from, to, d, (k, re, im) -> a.add(new Out(k, re, im)));
    split.emit(from, to, d, (k, re, im) -> b.add(new Out(k, re, im)));
    assertEquals(a, b, "identical outputs (records compare each double with Double.compare)");
    assertTrue(a.stream().anyMatch(o -> Double.isNaN(o.re())) && a.stream().anyMatch(o -> !Double.isNaN(o.re())));
    assertThrows(IllegalStateException.class, () -> split.push(first + n, iq, 0, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new UtcDecimator(Rational.of(FS)).pushStageA(first + FS / 400, n, UtcDecimator.stageA(Rational.of(FS), first, f)));
  }

  @Test
  void clearErrors() {
    assertThrows(IllegalArgumentException.class, () -> new UtcDecimator(Rational.of(200, 3)));
    UtcDecimator dec = new UtcDecimator(Rational.of(FS));
    dec.push(1000, new double[20], 0, 10);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> dec.push(1005, new double[20], 0, 10));
    assertTrue(e.getMessage().contains("backwards"));
  }
}
