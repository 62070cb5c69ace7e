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
    double frequencySelectivityDb) {}
