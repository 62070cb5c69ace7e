package io.tickstream.core.hf.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockFusionTest {
  static final long MIN = 60_000_000_000L;

  /**
   * Two minutes heard on four channels (WWV 2.5/5/10 + WWVH 10 MHz) fix the modes; the next eight
   * minutes are heard on WWV 10 MHz only. With tracking the single-channel minutes keep the true 1E
   * and a good grade; without it they fall back to plausibility (1F) and report the ambiguity.
   */
  @Test
  void trackingCarriesTheModesIntoSingleChannelMinutes() {
    var syn = new SyntheticArrivals(ClockSolverTest.RX, new ParametricIonosphere(), 21);
    double truth = 1.3;
    List<List<ArrivalObservation>> minutes = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      long t = ClockSolverTest.NOON_NS + k * MIN;
      List<ArrivalObservation> obs = new ArrayList<>();
      obs.add(syn.observe(Transmitter.WWV, 10, t,
          syn.path(Transmitter.WWV, 10, t, PropagationMode.E1), truth, 10));
      if (k < 2) {
        obs.add(syn.observe(Transmitter.WWV, 5, t,
            syn.path(Transmitter.WWV, 5, t, PropagationMode.F1), truth, 10));
        obs.add(syn.observe(Transmitter.WWV, 2.5, t,
            syn.path(Transmitter.WWV, 2.5, t, PropagationMode.F2), truth, 10));
        obs.add(syn.observe(Transmitter.WWVH, 10, t,
            syn.path(Transmitter.WWVH, 10, t, PropagationMode.F2), truth, 10));
      }
      minutes.add(obs);
    }
    ClockSolver solver = ClockSolver.withDefaults(ClockSolverTest.RX);
    List<MinuteSolution> tracked = new ClockFusion(solver, ClockPrior.NONE, true).solveMinutes(minutes);
    List<MinuteSolution> plain = new ClockFusion(solver, ClockPrior.NONE, false).solveMinutes(minutes);
    int trackedRight = 0;
    int plainRight = 0;
    for (int k = 2; k < 10; k++) {
      MinuteSolution t = tracked.get(k);
      MinuteSolution p = plain.get(k);
      System.out.printf("minute %d: tracked %s %+.3f ±%.3f %s | plain %s %+.3f ±%.3f %s%n", k,
          t.primary().mode(), t.dClockMs(), t.uncertaintyMs(), t.grade(), p.primary().mode(),
          p.dClockMs(), p.uncertaintyMs(), p.grade());
      trackedRight += Math.abs(t.dClockMs() - truth) < 0.1 ? 1 : 0;
      plainRight += Math.abs(p.dClockMs() - truth) < 0.1 ? 1 : 0;
      assertTrue(p.uncertaintyMs() > t.uncertaintyMs(), "untracked single channel is ambiguous");
    }
    assertEquals(8, trackedRight, "tracked single-channel minutes keep the 1E mode");
    assertTrue(plainRight < 8, "without tracking, plausibility alone picks 1F");
    assertEquals(truth, tracked.get(0).dClockMs(), 0.1);
  }
}
