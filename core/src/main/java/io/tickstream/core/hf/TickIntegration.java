package io.tickstream.core.hf;

/**
 * How one station's second ticks add up over a minute (the ticks CSV of DOMAIN.md §1.8:
 * {@code coherent_/incoherent_*_snr_db, coherence_quality_*, integration_method}) and how steady its
 * carrier phase was (the Doppler CSV's {@code doppler_quality}). Computed by
 * {@code analysis.TickTimer} from the quadrature matched filter {@code C_s} of each tick second s at
 * the measured onset lag, and the per-tick noise power {@code N₁} of that filter (median of the
 * stacked |C|² away from the tick, per stacked second).
 *
 * <ul>
 *   <li>{@code coherentSnrDb = 10·log10(|Σ_s C_s|² / (n·N₁))}: the tone is keyed at the same phase on
 *       every UTC second and a second is an integer number of samples, so in-phase ticks add as
 *       amplitudes (gain n over one tick);
 *   <li>{@code incoherentSnrDb = 10·log10((Σ_s |C_s|² − n·N₁) / (√n·N₁))}: the deflection of the
 *       energy (square-law) detector, whose gain over one tick is √n (Richards, <i>Fundamentals of
 *       Radar Signal Processing</i>, §6.3 noncoherent integration); NaN when the stack does not exceed
 *       the noise;
 *   <li>{@code coherenceQuality = |Σ_s C_s| / Σ_s |C_s|} ∈ [0, 1]: 1 when every tick has the same phase;
 *       co-channel beating (the envelope detector multiplies a weaker station's modulation by cos of
 *       the carrier phase difference) and noise lower it;
 *   <li>{@code integrationMethod}: {@code "coherent"} when the coherent SNR is the higher, else
 *       {@code "incoherent"} (the choice grape makes per window, DOMAIN.md §1.8);
 *   <li>{@code dopplerQuality = 1 − var(residual)/(π²/3)} of the straight-line fit to the unwrapped
 *       per-second carrier phases (DOMAIN.md §1.4 "Doppler from ticks"; π²/3 is the variance of a phase
 *       uniform on (−π, π], so 1 = perfectly linear phase, ≤ 0 = no phase memory); clamped to [0, 1]; NaN
 *       without carrier phase (real audio input) or without detected ticks.
 * </ul>
 *
 * @param station the station
 * @param ticks tick seconds combined (n)
 * @param coherentSnrDb see above (dB)
 * @param incoherentSnrDb see above (dB)
 * @param coherenceQuality see above
 * @param dopplerQuality see above
 */
public record TickIntegration(Station station, int ticks, double coherentSnrDb, double incoherentSnrDb,
    double coherenceQuality, double dopplerQuality) {

  /** {@code "coherent"} or {@code "incoherent"}, whichever integration gives the higher SNR; null if neither is known. */
  public String integrationMethod() {
    if (Double.isNaN(coherentSnrDb) && Double.isNaN(incoherentSnrDb)) {
      return null;
    }
    return Double.isNaN(incoherentSnrDb) || coherentSnrDb > incoherentSnrDb ? "coherent" : "incoherent";
  }

  /** Nothing measured (too few ticks inside the data). */
  public static TickIntegration none(Station station) {
    return new TickIntegration(station, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }
}
