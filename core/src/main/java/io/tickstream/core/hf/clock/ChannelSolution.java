package io.tickstream.core.hf.clock;

/**
 * One channel's (station's) D_clock within a solved minute.
 *
 * @param observation the input
 * @param path the chosen propagation mode and its delay, null when the channel gave no usable arrival
 * @param dClockMs this channel's own {@code arrivalOffsetMs − τ_mode}; NaN if unusable
 * @param uncertaintyMs its own 1σ incl. mode ambiguity; NaN if unusable
 * @param residualMs {@code dClockMs − fused D_clock}
 * @param inlier whether the channel contributed to the fused value (false = rejected outlier)
 * @param modeConfidence posterior probability of the chosen mode for this channel
 * @param runnerUp the next most probable mode of this channel, or null
 * @param grade grade of this channel's own value; X when it was rejected as an outlier (its value
 *     then rests on whichever mode lies nearest the fused one and is not a measurement of D_clock)
 * @param utcVerified a decoded time code on this channel agrees with the solution
 */
public record ChannelSolution(ArrivalObservation observation, ModePath path, double dClockMs,
    double uncertaintyMs, double residualMs, boolean inlier, double modeConfidence,
    ModePath runnerUp, QualityGrade grade, boolean utcVerified) {

  public PropagationMode mode() {
    return path == null ? null : path.mode();
  }

  public double propagationDelayMs() {
    return path == null ? Double.NaN : path.delayMs();
  }

  public double runnerUpDelayMs() {
    return runnerUp == null ? Double.NaN : runnerUp.delayMs();
  }
}
