package io.tickstream.core.hf;

import java.util.List;
import java.util.Optional;

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
 * @param windows the same three figures over the ticks of each 10 s window of the minute (seconds
 *     [0, 10), [10, 20), … [50, 60); grape reports ticks per 10 s window, DOMAIN.md §1.4/§1.8), in time
 *     order; a window with fewer than {@link #MIN_TICKS} tick seconds inside the data is left out
 */
public record TickIntegration(Station station, int ticks, double coherentSnrDb, double incoherentSnrDb,
    double coherenceQuality, double dopplerQuality, List<Window> windows) {

  /** Fewest tick seconds the figures are computed from (fewer: nothing measured). */
  public static final int MIN_TICKS = 3;

  /** Length of the sub-minute windows (s). */
  public static final int WINDOW_S = 10;

  public TickIntegration {
    windows = List.copyOf(windows);
  }

  /**
   * The integration figures of {@code ticks} tick seconds starting at second {@code startSecond}.
   *
   * @param startSecond first second of the span (0 for the whole minute)
   * @param ticks tick seconds combined (n)
   * @param coherentSnrDb 10·log10(|Σ C_s|² / (n·N₁))
   * @param incoherentSnrDb 10·log10((Σ|C_s|² − n·N₁) / (√n·N₁)); NaN when the energy does not exceed the noise
   * @param coherenceQuality |Σ C_s| / Σ|C_s|
   */
  public record Window(int startSecond, int ticks, double coherentSnrDb, double incoherentSnrDb,
      double coherenceQuality) {

    /**
     * From the sums over the span's tick seconds of the matched-filter outputs C_s at the onset lag:
     * {@code sumRe + i·sumIm = Σ C_s}, {@code sumPow = Σ|C_s|²}, {@code sumAbs = Σ|C_s|}; {@code n1} is
     * the per-tick noise power N₁ of the filter (formulas in the class comment).
     */
    public static Window of(int startSecond, int ticks, double sumRe, double sumIm, double sumPow, double sumAbs,
        double n1) {
      double incoherentExcess = sumPow - ticks * n1;
      return new Window(startSecond, ticks,
          10 * Math.log10(Math.max((sumRe * sumRe + sumIm * sumIm) / (ticks * n1), 1e-30)),
          incoherentExcess > 0 ? 10 * Math.log10(incoherentExcess / (Math.sqrt(ticks) * n1)) : Double.NaN,
          sumAbs > 0 ? Math.hypot(sumRe, sumIm) / sumAbs : Double.NaN);
    }

    /** {@code "coherent"} or {@code "incoherent"}, whichever gives the higher SNR; null if neither is known. */
    public String integrationMethod() {
      return betterMethod(coherentSnrDb, incoherentSnrDb);
    }
  }

  /** The whole minute's figures ({@code window}) with the Doppler quality and the 10 s windows. */
  public static TickIntegration of(Station station, Window minute, double dopplerQuality, List<Window> windows) {
    return new TickIntegration(station, minute.ticks(), minute.coherentSnrDb(), minute.incoherentSnrDb(),
        minute.coherenceQuality(), dopplerQuality, windows);
  }

  /** The whole minute's figures as a window from second 0. */
  public Window minute() {
    return new Window(0, ticks, coherentSnrDb, incoherentSnrDb, coherenceQuality);
  }

  /** The 10 s window starting at second {@code startSecond}, if measured. */
  public Optional<Window> window(int startSecond) {
    return windows.stream().filter(w -> w.startSecond() == startSecond).findFirst();
  }

  /** {@code "coherent"} or {@code "incoherent"}, whichever integration gives the higher SNR; null if neither is known. */
  public String integrationMethod() {
    return betterMethod(coherentSnrDb, incoherentSnrDb);
  }

  private static String betterMethod(double coherentSnrDb, double incoherentSnrDb) {
    if (Double.isNaN(coherentSnrDb) && Double.isNaN(incoherentSnrDb)) {
      return null;
    }
    return Double.isNaN(incoherentSnrDb) || coherentSnrDb > incoherentSnrDb ? "coherent" : "incoherent";
  }

  /** Nothing measured (too few ticks inside the data). */
  public static TickIntegration none(Station station) {
    return new TickIntegration(station, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of());
  }
}
