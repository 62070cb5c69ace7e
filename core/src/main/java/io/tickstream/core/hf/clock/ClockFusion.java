package io.tickstream.core.hf.clock;

import io.tickstream.core.hf.MinuteAnalysis;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Multi-channel wiring: minute analyses of every channel of one receiver, grouped by system-time
 * minute and solved jointly by {@link ClockSolver} (all channels share one D_clock).
 */
public final class ClockFusion {
  private final ClockSolver solver;
  private final ClockPrior prior;

  public ClockFusion(ClockSolver solver, ClockPrior prior) {
    this.solver = solver;
    this.prior = prior;
  }

  /** Solves every minute present in {@code analyses} (any channels, any order), in time order. */
  public List<MinuteSolution> solveAll(Collection<MinuteAnalysis> analyses) {
    Map<Long, List<ArrivalObservation>> byMinute = new TreeMap<>();
    for (MinuteAnalysis a : analyses) {
      byMinute.computeIfAbsent(a.minuteStartSystemNs(), k -> new ArrayList<>())
          .addAll(MinuteAnalysisAdapter.observations(a));
    }
    List<MinuteSolution> out = new ArrayList<>(byMinute.size());
    for (List<ArrivalObservation> obs : byMinute.values()) {
      out.add(solver.solve(obs, prior));
    }
    return out;
  }

  /** The clock-offset series of solved minutes (fused values). */
  public static ClockOffsetSeries series(List<MinuteSolution> minutes) {
    ClockOffsetSeries s = new ClockOffsetSeries();
    minutes.forEach(m -> s.add(ClockOffsetMeasurement.fused(m)));
    return s;
  }
}
