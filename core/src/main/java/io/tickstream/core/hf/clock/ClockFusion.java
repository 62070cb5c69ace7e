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
 *
 * <p>With tracking on, the last grade A/B minute no more than {@link #TRACK_MAX_AGE_NS} earlier
 * becomes the clock prior of the next minute: {@code D_prev ± √(σ_prev² + q·Δt + σ_track²)} (q as
 * {@link ClockOffsetSeries#DEFAULT_WANDER_MS2_PER_S}, σ_track = {@value #TRACK_FLOOR_MS} ms). It only
 * steers the mode choice (the prior never enters a reported value), so a minute heard on one channel
 * keeps the modes that the multi-channel minutes before it established. A wrong start propagates
 * while tracking, which is why only grade A/B minutes seed it.
 */
public final class ClockFusion {
  /** Oldest minute that may seed the tracking prior. */
  public static final long TRACK_MAX_AGE_NS = 300_000_000_000L;
  /** Extra 1σ added to the tracked prior (ms). */
  public static final double TRACK_FLOOR_MS = 0.05;

  private final ClockSolver solver;
  private final ClockPrior prior;
  private final boolean track;

  public ClockFusion(ClockSolver solver, ClockPrior prior) {
    this(solver, prior, false);
  }

  /** @param track use the previous good minute as the prior of the next (see class comment) */
  public ClockFusion(ClockSolver solver, ClockPrior prior, boolean track) {
    this.solver = solver;
    this.prior = prior;
    this.track = track;
  }

  /** Solves every minute present in {@code analyses} (any channels, any order), in time order. */
  public List<MinuteSolution> solveAll(Collection<MinuteAnalysis> analyses) {
    Map<Long, List<ArrivalObservation>> byMinute = new TreeMap<>();
    for (MinuteAnalysis a : analyses) {
      byMinute.computeIfAbsent(a.minuteStartSystemNs(), k -> new ArrayList<>())
          .addAll(MinuteAnalysisAdapter.observations(a));
    }
    return solveMinutes(byMinute.values());
  }

  /** Solves minutes given as observation lists (each list one minute), in the order given. */
  public List<MinuteSolution> solveMinutes(Collection<List<ArrivalObservation>> minutes) {
    List<MinuteSolution> out = new ArrayList<>(minutes.size());
    MinuteSolution last = null;
    for (List<ArrivalObservation> obs : minutes) {
      ClockPrior p = prior;
      long t = obs.get(0).minuteStartSystemNs();
      if (track && last != null && t - last.minuteStartSystemNs() <= TRACK_MAX_AGE_NS) {
        double dtS = (t - last.minuteStartSystemNs()) / 1e9;
        p = new ClockPrior(last.dClockMs(), Math.sqrt(last.uncertaintyMs() * last.uncertaintyMs()
            + ClockOffsetSeries.DEFAULT_WANDER_MS2_PER_S * dtS + TRACK_FLOOR_MS * TRACK_FLOOR_MS));
      }
      MinuteSolution s = solver.solve(obs, p);
      out.add(s);
      if (s.grade() == QualityGrade.A || s.grade() == QualityGrade.B) {
        last = s;
      }
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
