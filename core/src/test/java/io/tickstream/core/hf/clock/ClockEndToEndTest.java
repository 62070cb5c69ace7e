package io.tickstream.core.hf.clock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.HfSignalGenerator.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Acceptance with the real signal generator and the real minute analysis: IQ minutes are
 * rendered with path delays from a "true" ionosphere and a known receiver clock offset, analysed by
 * {@code HfMinuteAnalyzer}, adapted and solved. Receiver EM38ww (the seeds' grid).
 */
class ClockEndToEndTest {
  static final GeoPoint RX = Maidenhead.toPoint("EM38ww");
  static final long DAY_NS = 1_749_945_600L * 1_000_000_000L; // 2025-06-15 00:00 UTC
  static final long MINUTE_NS = 60_000_000_000L;
  static final double[] FREQS = {2.5, 5, 10, 15};

  /** A minute at a random time of the day, avoiding the top of the hour (1500 Hz marker) . */
  static long randomMinute(Random r) {
    int hour = r.nextInt(24);
    int minute = 3 + r.nextInt(50);
    return DAY_NS + (hour * 60L + minute) * MINUTE_NS;
  }

  static ModePath mostPlausible(PropagationModel m, Transmitter tx, double f, long t, int rank) {
    List<ModePath> c = new ArrayList<>(m.candidates(tx, RX, f, t));
    c.sort(Comparator.comparingDouble(ModePath::priorWeight).reversed());
    return c.get(Math.min(rank, c.size() - 1));
  }

  @Test
  void singleChannelSingleKnownModeAt30dB() {
    PropagationModel truth = new PropagationModel(new ParametricIonosphere());
    ClockSolver solver = ClockSolver.withDefaults(RX);
    Random r = new Random(5);
    int n = 30;
    int modeRight = 0;
    double[] err = new double[n];
    for (int k = 0; k < n; k++) {
      long minute = DAY_NS + (15 + 40L * k) * MINUTE_NS; // spread over the day
      ModePath p = truth.candidates(Transmitter.WWV, RX, 10, minute).stream()
          .filter(m -> m.mode() == PropagationMode.F1).findFirst().orElseThrow();
      double dClock = 0.2 * (r.nextDouble() - 0.5);
      var sc = new HfSignalGenerator.Scenario(List.of(GeneratedMinutes.transmission(
          Transmitter.WWV, List.of(new Path(p.delayMs(), 1.0, 0.05, r.nextDouble() * 6)))),
          dClock, 30, k);
      // an independent clock prior, as from a PTP/GPS-disciplined host: 0 ± 0.15 ms
      MinuteSolution s = solver.solve(GeneratedMinutes.observe("WWV_10_MHz", 10, minute, sc),
          new ClockPrior(0, 0.15));
      err[k] = Math.abs(s.dClockMs() - dClock);
      if (s.primary().mode() == PropagationMode.F1) {
        modeRight++;
      }
    }
    double median = CalibrationTest.median(err);
    System.out.printf("single channel 1F @30 dB: median |D_clock − truth| = %.4f ms, mode correct %d/%d%n",
        median, modeRight, n);
    assertTrue(median <= 0.05, "median error " + median);
    assertTrue(modeRight >= 0.95 * n, "mode correct " + modeRight + "/" + n);
  }

  @Test
  void realisticMixedModeIonosphereWithHeightErrors() {
    ClockSolver solver = ClockSolver.withDefaults(RX);
    Random r = new Random(7);
    int n = 16;
    double[] err = new double[n];
    int bad = 0;
    for (int k = 0; k < n; k++) {
      long minute = randomMinute(r);
      // the real ionosphere's layers sit 30 km above or below the solver's defaults
      double dE = r.nextBoolean() ? 30 : -30;
      double dF = r.nextBoolean() ? 30 : -30;
      PropagationModel truth = new PropagationModel(
          new ParametricIonosphere().perturbed(dE, dF, 0.5 + r.nextDouble()));
      double dClock = 3 * r.nextGaussian();
      List<ArrivalObservation> obs = new ArrayList<>();
      for (double f : FREQS) {
        ModePath main = mostPlausible(truth, Transmitter.WWV, f, minute, 0);
        ModePath second = mostPlausible(truth, Transmitter.WWV, f, minute, 1);
        var sc = new HfSignalGenerator.Scenario(List.of(GeneratedMinutes.transmission(
            Transmitter.WWV, List.of(new Path(main.delayMs(), 1.0, 0.1, r.nextDouble() * 6),
                new Path(second.delayMs(), 0.5, -0.2, r.nextDouble() * 6)))),
            dClock, 20 * r.nextDouble(), r.nextLong());
        String ch = "WWV_" + f + "_MHz";
        obs.addAll(GeneratedMinutes.observe(ch, f, minute, sc));
      }
      MinuteSolution s = solver.solve(obs, ClockPrior.NONE);
      err[k] = Math.abs(s.dClockMs() - dClock);
      bad += err[k] > s.uncertaintyMs() ? 1 : 0;
    }
    double median = CalibrationTest.median(err);
    System.out.printf("mixed-mode, heights ±30 km off, 4 channels fused, no clock prior: median |error| %.3f ms,"
        + " outside 1σ %d/%d%n", median, bad, n);
    assertTrue(median <= 0.5, "median error " + median);
  }

  @Test
  void fourChannelFusionBeatsTheBestSingleChannel() {
    ClockSolver solver = ClockSolver.withDefaults(RX);
    Random r = new Random(11);
    int n = 16;
    double[][] single = new double[FREQS.length][n];
    double[] fused = new double[n];
    for (int k = 0; k < n; k++) {
      long minute = randomMinute(r);
      // the true virtual heights are off by a part common to all frequencies (±20 km) and a part of
      // each frequency's own (±20 km: each reflects at a different height of the real profile)
      double commonE = 40 * (r.nextDouble() - 0.5);
      double commonF = 40 * (r.nextDouble() - 0.5);
      double dClock = 3 * r.nextGaussian();
      List<ArrivalObservation> obs = new ArrayList<>();
      for (double f : FREQS) {
        PropagationModel truth = new PropagationModel(new ParametricIonosphere().perturbed(
            commonE + 40 * (r.nextDouble() - 0.5), commonF + 40 * (r.nextDouble() - 0.5),
            0.5 + r.nextDouble()));
        ModePath main = mostPlausible(truth, Transmitter.WWV, f, minute, 0);
        var sc = new HfSignalGenerator.Scenario(List.of(GeneratedMinutes.transmission(
            Transmitter.WWV, List.of(new Path(main.delayMs(), 1.0, 0.1, r.nextDouble() * 6)))),
            dClock, -9 + 25 * r.nextDouble(), r.nextLong());
        String ch = "WWV_" + f + "_MHz";
        obs.addAll(GeneratedMinutes.observe(ch, f, minute, sc));
      }
      ClockPrior prior = new ClockPrior(dClock + 0.5 * r.nextGaussian(), 0.5); // NTP-grade
      for (int i = 0; i < FREQS.length; i++) {
        String ch = "WWV_" + FREQS[i] + "_MHz";
        MinuteSolution one = solver.solve(
            obs.stream().filter(o -> o.channel().equals(ch)).toList(), prior);
        single[i][k] = one.valid() ? Math.abs(one.dClockMs() - dClock) : 50.0;
      }
      fused[k] = Math.abs(solver.solve(obs, prior).dClockMs() - dClock);
    }
    double best = Double.MAX_VALUE;
    for (int i = 0; i < FREQS.length; i++) {
      double m = CalibrationTest.median(single[i]);
      System.out.printf("  %4.1f MHz alone: median |error| %.4f ms%n", FREQS[i], m);
      best = Math.min(best, m);
    }
    double mf = CalibrationTest.median(fused);
    System.out.printf("four channels fused: median |error| %.4f ms (best single %.4f ms)%n", mf, best);
    assertTrue(mf < best, "fused " + mf + " vs best single " + best);
  }
}
