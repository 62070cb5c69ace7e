package io.tickstream.core.hf;

/**
 * HamSCI scientific test signal (DOMAIN.md §5.3, §1.4 "Test signal") measured in a scheduled minute.
 *
 * @param station the station scheduled to send it this minute
 * @param detected confidence ≥ threshold
 * @param confidence 0.5·multitone + 0.3·noise + 0.2·chirp (grape weights, §1.4)
 * @param multitoneScore normalised correlation of the multitone section with the template
 * @param chirpScore normalised correlation of the chirp section
 * @param noiseScore normalised correlation of the two white-noise sections
 * @param overallCorrelation normalised correlation of the whole template at the best lag
 * @param toaOffsetMs arrival of the template's sample 0 relative to the system minute boundary (ms)
 * @param delaySpreadMs FWHM of the correlation peak minus the template's own FWHM (ms), ≥ 0
 * @param frequencySelectivityDb 10·log10((P2k+P3k)/(P4k+P5k)) in the multitone section (dB)
 * @param noise1Score normalised correlation of the first white-noise section (template 10–12 s)
 * @param noise2Score normalised correlation of the repeated white-noise section (template 37–39 s);
 *     {@code noiseScore} is their mean
 * @param burstToaOffsetMs arrival of the template's sample 0 from the single-cycle bursts alone
 *     (template 34–36 s: sharp, wideband, so a fine ToA), relative to the system minute boundary (ms);
 *     NaN if the section lies outside the data
 */
public record TestSignalResult(
    Station station,
    boolean detected,
    double confidence,
    double multitoneScore,
    double chirpScore,
    double noiseScore,
    double overallCorrelation,
    double toaOffsetMs,
    double delaySpreadMs,
    double frequencySelectivityDb,
    double noise1Score,
    double noise2Score,
    double burstToaOffsetMs) {

  /** Without the per-section noise scores and burst ToA. */
  public TestSignalResult(Station station, boolean detected, double confidence, double multitoneScore,
      double chirpScore, double noiseScore, double overallCorrelation, double toaOffsetMs, double delaySpreadMs,
      double frequencySelectivityDb) {
    this(station, detected, confidence, multitoneScore, chirpScore, noiseScore, overallCorrelation, toaOffsetMs,
        delaySpreadMs, frequencySelectivityDb, Double.NaN, Double.NaN, Double.NaN);
  }

  /**
   * {@code noise1Score − noise2Score}: the same noise sent twice 27 s apart correlates equally well
   * through a channel that did not change in between; a difference means the channel (multipath,
   * fading) changed within the minute (grape's {@code noise_coherence_diff}).
   */
  public double noiseCoherenceDiff() {
    return noise1Score - noise2Score;
  }
}
