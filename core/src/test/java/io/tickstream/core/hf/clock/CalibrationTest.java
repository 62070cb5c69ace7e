package io.tickstream.core.hf.clock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Honesty of the stated uncertainty and grades over generated minutes, using the documented fast
 * path ({@link SyntheticArrivals}: analysis-level observations with the arrival noise measured on the
 * real generator + analysis). Each minute: random time of day (June), the true ionosphere's layer
 * heights offset uniformly in ±30 km from the solver's defaults and its D/E content scaled 0.5–1.5,
 * 1–4 WWV/WWVH channels at 2.5/5/10/15 MHz, per-channel per-tick analysis SNR uniform in [−6, 14] dB (covering the cycle-slip regime below ≈ 1 dB), true mode drawn
 * from the true ionosphere's mode plausibility, true D_clock ~ N(0, 3 ms), no clock prior.
 */
class CalibrationTest {
  static final GeoPoint RX = Maidenhead.toPoint("EM38ww");
  static final long START_NS = 1_749_945_600L * 1_000_000_000L; // 2025-06-15 00:00 UTC
  static final double[] FREQS = {2.5, 5, 10, 15};

  record Row(double errMs, double sigmaMs, QualityGrade grade, double snrDb, int channels) {}

  static List<Row> run(int minutes, long seed) {
    ParametricIonosphere base = new ParametricIonosphere();
    ClockSolver solver = ClockSolver.withDefaults(RX);
    List<Row> rows = new ArrayList<>();
    java.util.Random r = new java.util.Random(seed);
    for (int k = 0; k < minutes; k++) {
      long minute = START_NS + (long) (r.nextDouble() * 3 * 86400) / 60 * 60 * 1_000_000_000L;
      IonosphereModel truthIono = base.perturbed(uniform(r, 30), uniform(r, 30),
          0.5 + r.nextDouble());
      var syn = new SyntheticArrivals(RX, truthIono, r.nextLong());
      double truth = 3.0 * r.nextGaussian();
      int n = 1 + r.nextInt(4);
      List<ArrivalObservation> obs = new ArrayList<>();
      double bestSnr = -99;
      for (int i = 0; i < n; i++) {
        Transmitter tx = r.nextDouble() < 0.8 ? Transmitter.WWV : Transmitter.WWVH;
        double f = FREQS[i];
        double snr = -6 + 20 * r.nextDouble();
        bestSnr = Math.max(bestSnr, snr);
        obs.add(syn.observe(tx, f, minute, syn.drawMode(tx, f, minute), truth, snr));
      }
      MinuteSolution s = solver.solve(obs, ClockPrior.NONE);
      rows.add(new Row(s.dClockMs() - truth, s.uncertaintyMs(), s.grade(), bestSnr, n));
    }
    return rows;
  }

  static double uniform(java.util.Random r, double halfWidth) {
    return (2 * r.nextDouble() - 1) * halfWidth;
  }

  @Test
  void statedUncertaintyCoversTheTrueErrorAndGradeAIsHonest() {
    List<Row> rows = run(1200, 20261122L);
    double covered = rows.stream().filter(x -> Math.abs(x.errMs) <= x.sigmaMs).count()
        / (double) rows.size();
    System.out.println(table(rows));
    System.out.printf("fraction of minutes with |true error| ≤ stated 1σ: %.3f (n=%d)%n", covered,
        rows.size());
    List<Row> a = rows.stream().filter(x -> x.grade == QualityGrade.A).toList();
    double aGood = a.stream().filter(x -> Math.abs(x.errMs) < 0.5).count() / (double) a.size();
    System.out.printf("grade A: %d minutes, |error| < 0.5 ms in %.3f%n", a.size(), aGood);
    assertTrue(covered >= 0.60 && covered <= 0.80, "1σ coverage " + covered);
    assertTrue(a.size() >= 100, "enough grade-A minutes to judge: " + a.size());
    assertTrue(aGood >= 0.95, "grade A honest: " + aGood);
  }

  static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder(
        "grade      n   within1σ  |err|<0.5ms  median|err|ms  median σ ms\n");
    Map<QualityGrade, List<Row>> by = new EnumMap<>(QualityGrade.class);
    for (Row x : rows) {
      by.computeIfAbsent(x.grade, g -> new ArrayList<>()).add(x);
    }
    for (var e : by.entrySet()) {
      List<Row> g = e.getValue();
      sb.append(String.format("%-5s %6d   %8.3f  %11.3f  %13.3f  %11.3f%n", e.getKey(), g.size(),
          frac(g, x -> Math.abs(x.errMs) <= x.sigmaMs), frac(g, x -> Math.abs(x.errMs) < 0.5),
          median(g.stream().mapToDouble(x -> Math.abs(x.errMs)).toArray()),
          median(g.stream().mapToDouble(Row::sigmaMs).toArray())));
    }
    for (int n = 1; n <= 4; n++) {
      final int nn = n;
      List<Row> g = rows.stream().filter(x -> x.channels == nn).toList();
      sb.append(String.format("%d ch  %6d   %8.3f  %11.3f  %13.3f  %11.3f%n", n, g.size(),
          frac(g, x -> Math.abs(x.errMs) <= x.sigmaMs), frac(g, x -> Math.abs(x.errMs) < 0.5),
          median(g.stream().mapToDouble(x -> Math.abs(x.errMs)).toArray()),
          median(g.stream().mapToDouble(Row::sigmaMs).toArray())));
    }
    return sb.toString();
  }

  static double frac(List<Row> g, java.util.function.Predicate<Row> p) {
    return g.isEmpty() ? Double.NaN : g.stream().filter(p).count() / (double) g.size();
  }

  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] c = v.clone();
    java.util.Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }
}
