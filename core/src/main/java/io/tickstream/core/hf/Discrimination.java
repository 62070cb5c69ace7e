package io.tickstream.core.hf;

import java.util.List;

/**
 * Which station dominates a minute on a shared frequency, from weighted votes (see
 * {@code io.tickstream.core.hf.discrimination.StationDiscriminator} for weights and their reasons).
 *
 * @param dominant the decision
 * @param confidence 0..1 (normalised score margin)
 * @param wwvScore Σ weights voting WWV / Σ weights that voted
 * @param wwvhScore Σ weights voting WWVH / Σ weights that voted
 * @param votes each method's vote
 */
public record Discrimination(
    DominantStation dominant, double confidence, double wwvScore, double wwvhScore, List<Vote> votes) {

  public Discrimination {
    votes = List.copyOf(votes);
  }

  /**
   * One method's vote.
   *
   * @param method e.g. "tone_500_600", "tone_440", "tick_snr", "test_signal", "bcd"
   * @param station voted station, or {@code null} when the method abstained
   * @param weight weight of the vote
   * @param ratioDb the evidence ratio behind it (dB, WWV over WWVH); NaN if not applicable
   */
  public record Vote(String method, Station station, double weight, double ratioDb) {}
}
