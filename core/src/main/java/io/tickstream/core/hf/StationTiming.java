package io.tickstream.core.hf;

/**
 * Timing evidence of one station in one minute: when its on-time markers arrived relative to the
 * receiver's system-time second boundaries.
 *
 * <p>{@code arrivalOffsetMs = t_system(arrival of the on-time edge) − t_system(second boundary)},
 * combined over the minute marker and every second tick. Because the transmitter keys the tone on
 * the exact UTC second, {@code arrivalOffsetMs = τ_propagation + D_clock} with
 * {@code D_clock = t_system − t_UTC} (DOMAIN.md §0.5). The value is the one for the second-0 marker
 * of the minute (it may exceed ±500 ms if the clock is off by that much and the marker was found).
 *
 * @param station the transmitter
 * @param arrivalOffsetMs arrival of the on-time edge relative to the system-time minute boundary (ms)
 * @param arrivalUncertaintyMs 1σ of {@code arrivalOffsetMs} (ms), from the scatter of the per-tick
 *     arrivals divided by √n, floored by the Cramér–Rao bound of the combined matched filter
 * @param snrDb matched-filter SNR of one tick (dB): (Σ_s|C_s|² at the tick) / (median of Σ_s|C_s|² away
 *     from it) − 1, the incoherent tick stack of {@code analysis.TickTimer}
 * @param ticksUsed number of seconds (ticks/markers) combined
 * @param markerOffsetMs arrival of the minute marker alone (ms) from its own matched filter; NaN if
 *     not found
 * @param markerSnrDb matched-filter SNR of the minute marker (dB); NaN if not found
 * @param delaySpreadMs widening of the tick correlation envelope beyond the clean template (ms):
 *     FWHM_measured − FWHM_template, ≥ 0; NaN if not measured
 * @param dopplerHz mean carrier Doppler shift of this station (Hz) from tick phases; NaN if unknown
 *     (real audio input carries no carrier phase)
 * @param dopplerSpreadHz standard deviation of the per-second Doppler (Hz); NaN if unknown
 * @param frequencySelectivityDb HamSCI FSS 10·log10((P2k+P3k)/(P4k+P5k)) (dB) when the test signal
 *     of this station was measured this minute; NaN otherwise
 * @param usable whether the evidence passed the detection threshold and plausibility checks
 */
public record StationTiming(
    Station station,
    double arrivalOffsetMs,
    double arrivalUncertaintyMs,
    double snrDb,
    int ticksUsed,
    double markerOffsetMs,
    double markerSnrDb,
    double delaySpreadMs,
    double dopplerHz,
    double dopplerSpreadHz,
    double frequencySelectivityDb,
    boolean usable) {

  /** A copy with a different Doppler estimate. */
  public StationTiming withDoppler(double hz, double spreadHz) {
    return new StationTiming(station, arrivalOffsetMs, arrivalUncertaintyMs, snrDb, ticksUsed, markerOffsetMs,
        markerSnrDb, delaySpreadMs, hz, spreadHz, frequencySelectivityDb, usable);
  }

  /** A copy with a frequency-selectivity score. */
  public StationTiming withFrequencySelectivityDb(double fssDb) {
    return new StationTiming(station, arrivalOffsetMs, arrivalUncertaintyMs, snrDb, ticksUsed, markerOffsetMs,
        markerSnrDb, delaySpreadMs, dopplerHz, dopplerSpreadHz, fssDb, usable);
  }

  /** The same evidence, marked not usable for timing. */
  public StationTiming unusable() {
    return new StationTiming(station, arrivalOffsetMs, arrivalUncertaintyMs, snrDb, ticksUsed, markerOffsetMs,
        markerSnrDb, delaySpreadMs, dopplerHz, dopplerSpreadHz, frequencySelectivityDb, false);
  }
}
