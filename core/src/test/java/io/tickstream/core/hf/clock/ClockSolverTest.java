package io.tickstream.core.hf.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockSolverTest {
  static final GeoPoint RX = Maidenhead.toPoint("EM38ww");
  static final long NOON_NS = 1_750_010_400L * 1_000_000_000L; // 2025-06-15 18:00 UTC ≈ 11:50 LST at midpoint
  static final ClockSolver SOLVER = ClockSolver.withDefaults(RX);

  @Test
  void singleChannelWithTightPriorRecoversModeAndOffset() {
    var syn = new SyntheticArrivals(RX, new ParametricIonosphere(), 1);
    ModePath f1 = syn.path(Transmitter.WWV, 10, NOON_NS, PropagationMode.F2);
    ArrivalObservation o = syn.observe(Transmitter.WWV, 10, NOON_NS, f1, 0.2, 40);
    MinuteSolution s = SOLVER.solve(List.of(o), new ClockPrior(0.0, 0.3));
    ChannelSolution c = s.channels().get(0);
    System.out.println("single: " + s.dClockMs() + " ± " + s.uncertaintyMs() + " " + c.mode()
        + " runner-up " + c.runnerUp().mode() + " @ " + c.runnerUpDelayMs());
    assertEquals(PropagationMode.F2, c.mode());
    assertEquals(0.2, s.dClockMs(), 0.03);
    assertTrue(c.runnerUp() != null && c.runnerUp().mode() != PropagationMode.F2);
  }

  @Test
  void singleChannelWithoutPriorReportsModeAmbiguityInTheUncertainty() {
    var syn = new SyntheticArrivals(RX, new ParametricIonosphere(), 2);
    ModePath p = syn.path(Transmitter.WWV, 10, NOON_NS, PropagationMode.F1);
    MinuteSolution s = SOLVER.solve(List.of(syn.observe(Transmitter.WWV, 10, NOON_NS, p, 3.0, 40)),
        ClockPrior.NONE);
    System.out.println("no prior: " + s.dClockMs() + " ± " + s.uncertaintyMs() + " conf "
        + s.confidence() + " grade " + s.grade());
    assertTrue(s.uncertaintyMs() > 0.3, "ambiguity between modes must show: " + s.uncertaintyMs());
    assertTrue(s.confidence() < 0.9);
  }

  @Test
  void multiChannelFusionFindsTheModeCombinationAndRejectsAnOutlier() {
    var syn = new SyntheticArrivals(RX, new ParametricIonosphere(), 3);
    double truth = -1.7;
    List<ArrivalObservation> obs = new ArrayList<>();
    PropagationMode[] modes = {PropagationMode.F1, PropagationMode.F1, PropagationMode.F2,
        PropagationMode.F2};
    double[] f = {5, 10, 15, 2.5};
    for (int i = 0; i < 4; i++) {
      obs.add(syn.observe(Transmitter.WWV, f[i], NOON_NS, syn.path(Transmitter.WWV, f[i], NOON_NS,
          modes[i]), truth, 30));
    }
    ModePath wwvh = syn.path(Transmitter.WWVH, 10, NOON_NS, PropagationMode.F2);
    obs.add(syn.observe(Transmitter.WWVH, 10, NOON_NS, wwvh, truth, 25));
    // a channel locked on something else: 9 ms late
    ArrivalObservation bad = syn.observe(Transmitter.WWV, 20, NOON_NS,
        syn.path(Transmitter.WWV, 20, NOON_NS, PropagationMode.F1), truth + 9.0, 30);
    obs.add(bad);
    MinuteSolution s = SOLVER.solve(obs, ClockPrior.NONE);
    for (ChannelSolution c : s.channels()) {
      System.out.printf("%-14s %s D=%.3f ±%.3f r=%.3f inlier=%s%n", c.observation().channel(),
          c.mode(), c.dClockMs(), c.uncertaintyMs(), c.residualMs(), c.inlier());
    }
    System.out.printf("fused %.3f ± %.3f grade %s conf %.2f multi=%s%n", s.dClockMs(),
        s.uncertaintyMs(), s.grade(), s.confidence(), s.multiStationVerified());
    assertEquals(truth, s.dClockMs(), 0.1);
    for (int i = 0; i < 4; i++) {
      assertEquals(modes[i], s.channels().get(i).mode(), "channel " + i);
      assertTrue(s.channels().get(i).inlier());
    }
    assertFalse(s.channels().get(5).inlier(), "the 9 ms channel is rejected");
    assertEquals(QualityGrade.X, s.channels().get(5).grade());
    assertTrue(s.channels().get(5).residualMs() > 3.0, "outlier residual stays visible");
    assertTrue(s.multiStationVerified());
  }

  @Test
  void unusableChannelsAreReportedAsGradeX() {
    ArrivalObservation nan = new ArrivalObservation("WWV_5_MHz", Transmitter.WWV, 5, NOON_NS,
        Double.NaN, Double.NaN, -5, Double.NaN, Double.NaN, Double.NaN, null);
    MinuteSolution s = SOLVER.solve(List.of(nan), ClockPrior.NONE);
    assertEquals(QualityGrade.X, s.grade());
    assertFalse(s.valid());
    assertEquals(QualityGrade.X, s.channels().get(0).grade());
  }

  @Test
  void utcVerifiedWhenTheDecodedMinuteMatches() {
    var syn = new SyntheticArrivals(RX, new ParametricIonosphere(), 4);
    ModePath p = syn.path(Transmitter.WWV, 10, NOON_NS, PropagationMode.F1);
    ArrivalObservation o = syn.observe(Transmitter.WWV, 10, NOON_NS, p, 0.4, 30);
    ArrivalObservation ok = withUtc(o, NOON_NS);
    ArrivalObservation wrong = withUtc(o, NOON_NS - 60_000_000_000L);
    assertTrue(SOLVER.solve(List.of(ok), ClockPrior.NONE).utcVerified());
    assertFalse(SOLVER.solve(List.of(wrong), ClockPrior.NONE).utcVerified());
    assertFalse(SOLVER.solve(List.of(o), ClockPrior.NONE).utcVerified());
  }

  @Test
  void evidenceShiftsTheModePosterior() {
    var syn = new SyntheticArrivals(RX, new ParametricIonosphere(), 6);
    ArrivalObservation o = syn.observe(Transmitter.WWV, 10, NOON_NS,
        syn.path(Transmitter.WWV, 10, NOON_NS, PropagationMode.F1), 0.0, 10);
    // FSS −2.4 dB is what three D-layer passes give (−0.8 dB per hop); spread 2 ms means several rays
    ArrivalObservation multiHop = new ArrivalObservation(o.channel(), o.station(), o.frequencyMHz(),
        o.minuteStartSystemNs(), o.arrivalOffsetMs(), o.arrivalUncertaintyMs(), o.snrDb(), 2.0, 0.8,
        -2.4, null);
    assertTrue(ModeEvidence.logLikelihood(multiHop, PropagationMode.F3)
        > ModeEvidence.logLikelihood(multiHop, PropagationMode.F1) + 1.0);
    ClockPrior loose = new ClockPrior(0.0, 1.0);
    ChannelSolution plain = SOLVER.solve(List.of(o), loose).channels().get(0);
    ChannelSolution withEvidence = SOLVER.solve(List.of(multiHop), loose).channels().get(0);
    System.out.printf("no evidence: %s (p=%.2f); FSS −2.4 dB + 2 ms spread: %s (p=%.2f)%n",
        plain.mode(), plain.modeConfidence(), withEvidence.mode(), withEvidence.modeConfidence());
    assertEquals(PropagationMode.F1, plain.mode());
    assertTrue(withEvidence.mode().hops() >= 2, "multi-hop evidence moves the choice");
  }

  @Test
  void observationsOfDifferentMinutesAreRejected() {
    var syn = new SyntheticArrivals(RX, new ParametricIonosphere(), 8);
    ModePath p = syn.path(Transmitter.WWV, 10, NOON_NS, PropagationMode.F1);
    var a = syn.observe(Transmitter.WWV, 10, NOON_NS, p, 0, 10);
    var b = syn.observe(Transmitter.WWV, 5, NOON_NS + 60_000_000_000L, p, 0, 10);
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> SOLVER.solve(List.of(a, b), ClockPrior.NONE));
    assertTrue(e.getMessage().contains(b.channel()), e.getMessage());
  }

  @Test
  void gradesFollowTheSeedTable() {
    // thresholds on the expanded uncertainty 2σ: A < 0.5, B < 1.5, C < 3, D ≥ 3 ms
    assertEquals(QualityGrade.A, QualityGrade.of(0.249));
    assertEquals(QualityGrade.B, QualityGrade.of(0.25));
    assertEquals(QualityGrade.B, QualityGrade.of(0.749));
    assertEquals(QualityGrade.C, QualityGrade.of(1.45));
    assertEquals(QualityGrade.D, QualityGrade.of(1.5));
    assertEquals(QualityGrade.X, QualityGrade.of(Double.NaN));
  }

  static ArrivalObservation withUtc(ArrivalObservation o, long utcNs) {
    return new ArrivalObservation(o.channel(), o.station(), o.frequencyMHz(),
        o.minuteStartSystemNs(), o.arrivalOffsetMs(), o.arrivalUncertaintyMs(), o.snrDb(),
        o.delaySpreadMs(), o.dopplerSpreadHz(), o.fssDb(), utcNs);
  }
}
