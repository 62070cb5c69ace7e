package io.tickstream.core.hf.clock;

/**
 * Independent prior knowledge of D_clock used only to choose between propagation-mode hypotheses
 * (never blended into the reported value): e.g. the previous minutes' fused series, or a host known
 * to be disciplined by PTP/GPS. A single channel cannot tell modes apart by delay alone because
 * {@code arrival = τ_mode + D_clock}; without a prior the choice rests on physical plausibility and
 * the ambiguity shows in the uncertainty.
 *
 * @param offsetMs prior D_clock
 * @param sigmaMs its 1σ; +∞ for none
 */
public record ClockPrior(double offsetMs, double sigmaMs) {
  /** No prior. */
  public static final ClockPrior NONE = new ClockPrior(0.0, Double.POSITIVE_INFINITY);

  public ClockPrior {
    if (!Double.isFinite(offsetMs) || !(sigmaMs > 0)) {
      throw new IllegalArgumentException(
          "clock prior needs a finite offset and sigma > 0, got " + offsetMs + " ± " + sigmaMs);
    }
  }

  public boolean informative() {
    return Double.isFinite(sigmaMs);
  }
}
