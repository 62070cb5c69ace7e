package io.tickstream.core.hf.clock;

/**
 * 1σ error budget of one channel's D_clock under one propagation mode. Components add in quadrature
 * (independent):
 * <pre>
 *   σ² = σ_arrival² + σ_spread² + σ_doppler² + σ_model² + σ_sys²
 *   σ_arrival = arrivalScale · σ_analysis            (the analysis' own 1σ of the arrival), or
 *             = snrCoefficientMs / √(10^(SNR/10))   when the analysis gives none (1 ms if no SNR)
 *   σ_slip    = √P_slip · T_cycle,  P_slip = 1/(1 + exp((SNR − slipCentreDb)/slipWidthDb))
 *               (the phase-based onset locks onto the wrong 1000/1200 Hz cycle, T_cycle = 1 ms /
 *               0.833 ms, when the per-tick SNR is low; measured on generated minutes, see
 *               docs/CLOCK_SOLVER.md — the analysis' own σ does not include it)
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
    double slipCentreDb, double slipWidthDb, double spreadFraction, double dopplerMsPerHz, double heightSigmaKm, double ionoFraction,
    double systematicFloorMs) {

  /** Calibrated defaults (docs/CLOCK_SOLVER.md). */
  public static final UncertaintyModel DEFAULT =
      new UncertaintyModel(1.0, 0.013, -0.5, 1.5, 0.3, 0.1, 17.0, 0.3, 0.03);

  /** Measurement part (independent between channels): arrival, spread, Doppler. */
  public double measurementSigmaMs(ArrivalObservation o) {
    double arrival = Double.isFinite(o.arrivalUncertaintyMs()) && o.arrivalUncertaintyMs() > 0
        ? arrivalScale * o.arrivalUncertaintyMs()
        : Double.isFinite(o.snrDb()) ? snrCoefficientMs / Math.sqrt(Math.pow(10, o.snrDb() / 10))
        : 1.0;
    double slip = Double.isFinite(o.snrDb())
        ? Math.sqrt(slipProbability(o.snrDb())) * o.station().tickCycleMs() : 0;
    arrival = Math.sqrt(arrival * arrival + slip * slip);
    double spread = spreadSigmaMs(o);
    double doppler = Double.isFinite(o.dopplerSpreadHz()) ? dopplerMsPerHz * o.dopplerSpreadHz() : 0;
    return Math.sqrt(arrival * arrival + spread * spread + doppler * doppler);
  }

  /** The multipath (leading-edge) part of {@link #measurementSigmaMs}: it delays every channel. */
  public double spreadSigmaMs(ArrivalObservation o) {
    return Double.isFinite(o.delaySpreadMs()) ? spreadFraction * o.delaySpreadMs() : 0;
  }

  /** Probability that the arrival is off by a whole tick cycle at per-tick SNR {@code snrDb}. */
  public double slipProbability(double snrDb) {
    return 1.0 / (1.0 + Math.exp((snrDb - slipCentreDb) / slipWidthDb));
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
