package io.tickstream.core.hf.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.hf.sim.HfSignalGenerator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two-channel case of {@code AnalyzeDrfCliTest}: generated WWV at 10 and 5 MHz to EM38ww on
 * 2025-06-15 18:20/18:21 UTC, both over the default model's 1F path, D_clock +3.70 ms, no prior.
 * 1E/1E and 1F/1F differ by a nearly common shift (≈0.45 ms); only the 5−10 MHz differential
 * (1F/1F 0.149 ms, 1E/1E 0.058 ms, measured 0.149 ms) tells them apart, and only when the evidence
 * treats the common parts of the error budget as common (docs/CLOCK_SOLVER.md §3, "Evidence
 * covariance"). With independent errors the solver reported +4.19 ms (1E/1E, grade C).
 */
class ClockTwoChannelFusedTest {
  static final GeoPoint RX = Maidenhead.toPoint("EM38ww");
  static final long MINUTE = (1_749_945_600L + 18 * 3600 + 20 * 60) * 1_000_000_000L;

  static ModePath f1(PropagationModel m, double mhz, long minute) {
    return m.candidates(Transmitter.WWV, RX, mhz, minute).stream()
        .filter(p -> p.mode() == PropagationMode.F1).findFirst().orElseThrow();
  }

  @Test
  void tenAndFiveMegahertzFusedPickOneF() {
    PropagationModel model = new PropagationModel(new ParametricIonosphere());
    double dClock = 3.7;
    List<List<ArrivalObservation>> minutes = new ArrayList<>();
    for (long minute : new long[] {MINUTE, MINUTE + 60_000_000_000L}) {
      List<ArrivalObservation> obs = new ArrayList<>();
      for (double f : new double[] {10, 5}) {
        var sc = new HfSignalGenerator.Scenario(List.of(GeneratedMinutes.transmission(
            Transmitter.WWV, List.of(HfSignalGenerator.Path.of(f1(model, f, minute).delayMs(), 1.0)))),
            dClock, 20, (long) f);
        obs.addAll(GeneratedMinutes.observe("WWV_" + f + "_MHz", f, minute, sc));
      }
      minutes.add(obs);
    }
    List<MinuteSolution> solved =
        new ClockFusion(ClockSolver.withDefaults(RX), ClockPrior.NONE).solveMinutes(minutes);
    for (MinuteSolution s : solved) {
      System.out.printf("10+5 MHz fused: D_clock %+.3f ± %.3f ms grade %s (truth %+.3f)%n",
          s.dClockMs(), s.uncertaintyMs(), s.grade(), dClock);
      assertEquals(dClock, s.dClockMs(), 0.05, s.toString());
      List<ChannelSolution> wwv = s.channels().stream()
          .filter(c -> c.observation().station() == Transmitter.WWV).toList();
      assertEquals(2, wwv.size(), s.toString());
      for (ChannelSolution c : wwv) {
        assertTrue(c.inlier() && c.path().mode() == PropagationMode.F1, c.toString());
      }
    }
  }
}
