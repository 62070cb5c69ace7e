package io.tickstream.core.hf.clock;

import java.util.List;
import java.util.Random;

/**
 * Fast path for calibration: synthesises analysis-level observations (what the minute analysis
 * would report) from a "true" ionosphere, a true mode and a true D_clock, with the arrival noise
 * model measured on the real generator + analysis ({@link #arrivalSigmaMs}).
 */
final class SyntheticArrivals {
  /**
   * Arrival noise of the real analysis (TickTimer on HfSignalGenerator minutes, docs/CLOCK_SOLVER.md
   * "Measured analysis noise"): reported 1σ ≈ 0.013 ms·10^(−SNR/20) at per-tick SNR; true scatter
   * ≈ 0.8 × reported; below ≈ 1 dB the onset slips by whole tick cycles with probability
   * {@link UncertaintyModel#slipProbability} (measured 0.89 at −6.3 dB, 0.5 at −0.4 dB, 0 at +2.4 dB).
   */
  static final double ARRIVAL_COEFFICIENT_MS = 0.013;
  static final double TRUE_OVER_REPORTED = 0.8;

  private final GeoPoint receiver;
  private final PropagationModel truth;
  private final Random rnd;

  SyntheticArrivals(GeoPoint receiver, IonosphereModel trueIonosphere, long seed) {
    this.receiver = receiver;
    this.truth = new PropagationModel(trueIonosphere);
    this.rnd = new Random(seed);
  }

  static double arrivalSigmaMs(double snrDb) {
    return ARRIVAL_COEFFICIENT_MS / Math.sqrt(Math.pow(10, snrDb / 10));
  }

  /** Arrival error of one measurement: Gaussian scatter plus whole-cycle slips at low SNR. */
  double arrivalErrorMs(Transmitter tx, double snrDb) {
    double e = TRUE_OVER_REPORTED * arrivalSigmaMs(snrDb) * rnd.nextGaussian();
    if (rnd.nextDouble() < UncertaintyModel.DEFAULT.slipProbability(snrDb)) {
      e += (rnd.nextBoolean() ? 1 : -1) * tx.tickCycleMs();
    }
    return e;
  }

  /** A mode drawn with probability ∝ the true model's prior weight. */
  ModePath drawMode(Transmitter tx, double fMHz, long tUtcNs) {
    List<ModePath> modes = truth.candidates(tx, receiver, fMHz, tUtcNs);
    double sum = modes.stream().mapToDouble(ModePath::priorWeight).sum();
    double u = rnd.nextDouble() * sum;
    for (ModePath m : modes) {
      u -= m.priorWeight();
      if (u <= 0) {
        return m;
      }
    }
    return modes.get(modes.size() - 1);
  }

  ModePath path(Transmitter tx, double fMHz, long tUtcNs, PropagationMode mode) {
    return truth.candidates(tx, receiver, fMHz, tUtcNs).stream().filter(p -> p.mode() == mode)
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no " + mode));
  }

  /** Observation of {@code path} at per-tick analysis SNR {@code snrDb} for true clock offset {@code dClockMs}. */
  ArrivalObservation observe(Transmitter tx, double fMHz, long minuteNs, ModePath path,
      double dClockMs, double snrDb) {
    double sigma = arrivalSigmaMs(snrDb);
    double arrival = path.delayMs() + dClockMs + arrivalErrorMs(tx, snrDb);
    return new ArrivalObservation(tx + "_" + fMHz + "MHz", tx, fMHz, minuteNs, arrival, sigma,
        snrDb, Double.NaN, Double.NaN, Double.NaN, null);
  }

  Random random() {
    return rnd;
  }
}
