package io.tickstream.core.hf.clock;

/**
 * 1σ error budget of one channel's D_clock under one propagation mode. Components add in quadrature
 * (independent):
 * <pre>
 *   σ² = σ_arrival² + σ_spread² + σ_doppler² + σ_model² + σ_sys²
 *   σ_arrival = arrivalScale · σ_analysis            (the analysis' own 1σ of the arrival), or
 *             = snrCoefficientMs / √(10^(SNR/10))   when the analysis gives none
 *   σ_spread  = spreadFraction · delaySpread        (leading-edge bias under multipath)
 *   σ_doppler = dopplerMsPerHz · dopplerSpread      (ionospheric motion within the minute)
 *   σ_model   = √((heightSigmaKm · ∂τ/∂h)² + (ionoFraction · τ_iono)²)
 *   σ_sys     = systematic floor (receiver filter group delay, ADC clock, template alignment)
 * </pre>
 * Mode ambiguity is added by the solver from the spread of the competing hypotheses
 * ({@link ClockSolver}). The incumbent's budget (DOMAIN.md §1.7: σ_snr = 100 ms/√SNR, σ_prop =
 * delay spread, σ_stab = 10 ms/Hz·Doppler std, σ_sys = 1 ms) made every minute grade C/D; these
 * coefficients are calibrated against generated minutes (docs/CLOCK_SOLVER.md, "Calibration").
 */
public record UncertaintyModel(double arrivalScale, double snrCoefficientMs,
    double spreadFraction, double dopplerMsPerHz, double heightSigmaKm, double ionoFraction,
    double systematicFloorMs) {

  /** Calibrated defaults (docs/CLOCK_SOLVER.md). */
  public static final UncertaintyModel DEFAULT =
      new UncertaintyModel(1.0, 1.0, 0.3, 0.1, 17.0, 0.3, 0.03);

  /** Measurement part (independent between channels): arrival, spread, Doppler. */
  public double measurementSigmaMs(ArrivalObservation o) {
    double arrival = Double.isFinite(o.arrivalUncertaintyMs()) && o.arrivalUncertaintyMs() > 0
        ? arrivalScale * o.arrivalUncertaintyMs()
        : snrCoefficientMs / Math.sqrt(Math.max(1.0, Math.pow(10, o.snrDb() / 10)));
    double spread = Double.isFinite(o.delaySpreadMs()) ? spreadFraction * o.delaySpreadMs() : 0;
    double doppler = Double.isFinite(o.dopplerSpreadHz()) ? dopplerMsPerHz * o.dopplerSpreadHz() : 0;
    return Math.sqrt(arrival * arrival + spread * spread + doppler * doppler);
  }

  /** Propagation-model part of one mode (partly common between channels). */
  public double modelSigmaMs(ModePath p) {
    double h = heightSigmaKm * p.heightSensitivityMsPerKm();
    double i = ionoFraction * p.ionoDelayMs();
    return Math.sqrt(h * h + i * i);
  }

  /** Total for one channel and mode, without mode ambiguity. */
  public double totalSigmaMs(ArrivalObservation o, ModePath p) {
    double m = measurementSigmaMs(o);
    double model = modelSigmaMs(p);
    return Math.sqrt(m * m + model * model + systematicFloorMs * systematicFloorMs);
  }
}
