package io.tickstream.core.hf.clock;

import java.util.List;

/**
 * The receiver's D_clock for one minute, fused over every channel and station heard.
 *
 * @param minuteStartSystemNs system time of the minute boundary
 * @param dClockMs fused {@code D_clock = t_system − t_UTC} (ms); NaN when no channel was usable
 * @param uncertaintyMs fused 1σ (ms)
 * @param grade grade of the fused value
 * @param confidence posterior probability of the chosen mode combination (summed over
 *     combinations giving the same D_clock within 1σ)
 * @param channels every channel's own solution (inliers, outliers and unusable)
 * @param utcVerified a decoded time code agrees with the fused solution
 * @param multiStationVerified ≥ 2 inlier channels agree (different frequencies or stations)
 */
public record MinuteSolution(long minuteStartSystemNs, double dClockMs, double uncertaintyMs,
    QualityGrade grade, double confidence, List<ChannelSolution> channels, boolean utcVerified,
    boolean multiStationVerified) {

  public MinuteSolution {
    channels = List.copyOf(channels);
  }

  public boolean valid() {
    return grade != QualityGrade.X;
  }

  /** The inlier channel with the smallest own uncertainty (the "primary" for reporting). */
  public ChannelSolution primary() {
    return channels.stream().filter(ChannelSolution::inlier)
        .min((a, b) -> Double.compare(a.uncertaintyMs(), b.uncertaintyMs()))
        .orElse(channels.isEmpty() ? null : channels.get(0));
  }

  public long inlierCount() {
    return channels.stream().filter(ChannelSolution::inlier).count();
  }
}
