package io.tickstream.core.hf.clock;

/**
 * Solver input: one station heard on one channel in one minute (built from a
 * {@code MinuteAnalysis}/{@code StationTiming} by {@link MinuteAnalysisAdapter}, or synthesised).
 *
 * <p>{@code arrivalOffsetMs = t_system(arrival of the on-time marker) − t_system(minute boundary)
 * = τ_propagation + D_clock} (the transmitter keys the marker on the exact UTC second).
 *
 * @param channel channel name (e.g. "WWV_10_MHz")
 * @param station transmitter heard
 * @param frequencyMHz carrier frequency
 * @param minuteStartSystemNs system time of the minute boundary analysed
 * @param arrivalOffsetMs arrival offset (ms), see above
 * @param arrivalUncertaintyMs 1σ of the arrival measurement (ms); NaN ⇒ derived from SNR
 * @param snrDb per-tick matched-filter SNR (dB)
 * @param delaySpreadMs multipath delay spread (ms); NaN if not measured
 * @param dopplerSpreadHz Doppler spread (Hz); NaN if not measured
 * @param fssDb HamSCI frequency-selectivity score (dB); NaN if not measured this minute
 * @param utcMinuteStartNs UTC minute start decoded from a valid time code, or null
 */
public record ArrivalObservation(String channel, Transmitter station, double frequencyMHz,
    long minuteStartSystemNs, double arrivalOffsetMs, double arrivalUncertaintyMs, double snrDb,
    double delaySpreadMs, double dopplerSpreadHz, double fssDb, Long utcMinuteStartNs) {

  public ArrivalObservation {
    if (channel == null || station == null) {
      throw new IllegalArgumentException("observation needs a channel and a station");
    }
    if (!(frequencyMHz > 0)) {
      throw new IllegalArgumentException(
          "observation " + channel + ": frequency must be > 0 MHz, got " + frequencyMHz);
    }
  }

  /** Whether the arrival is a finite number the solver can use. */
  public boolean hasArrival() {
    return Double.isFinite(arrivalOffsetMs);
  }
}
