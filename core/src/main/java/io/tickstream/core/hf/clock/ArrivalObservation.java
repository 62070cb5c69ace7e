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
 * @param context reporting-only channel facts (discrimination, RTP), or null
 */
public record ArrivalObservation(String channel, Transmitter station, double frequencyMHz,
    long minuteStartSystemNs, double arrivalOffsetMs, double arrivalUncertaintyMs, double snrDb,
    double delaySpreadMs, double dopplerSpreadHz, double fssDb, Long utcMinuteStartNs,
    Context context) {

  /**
   * Facts carried through to the CSV but not used by the solver.
   *
   * @param wwvPowerDb WWV tone/tick SNR on this channel (dB), NaN if unknown
   * @param wwvhPowerDb WWVH tone/tick SNR (dB), NaN if unknown
   * @param discriminationConfidence station discrimination confidence 0..1, NaN if unknown
   * @param rtpTimestamp RTP timestamp of the minute boundary, or −1
   */
  public record Context(double wwvPowerDb, double wwvhPowerDb, double discriminationConfidence,
      long rtpTimestamp) {
    public static final Context NONE = new Context(Double.NaN, Double.NaN, Double.NaN, -1);
  }

  /** Observation without reporting context. */
  public ArrivalObservation(String channel, Transmitter station, double frequencyMHz,
      long minuteStartSystemNs, double arrivalOffsetMs, double arrivalUncertaintyMs, double snrDb,
      double delaySpreadMs, double dopplerSpreadHz, double fssDb, Long utcMinuteStartNs) {
    this(channel, station, frequencyMHz, minuteStartSystemNs, arrivalOffsetMs,
        arrivalUncertaintyMs, snrDb, delaySpreadMs, dopplerSpreadHz, fssDb, utcMinuteStartNs,
        Context.NONE);
  }

  public ArrivalObservation {
    if (channel == null || station == null) {
      throw new IllegalArgumentException("observation needs a channel and a station");
    }
    if (!(frequencyMHz > 0)) {
      throw new IllegalArgumentException(
          "observation " + channel + ": frequency must be > 0 MHz, got " + frequencyMHz);
    }
    if (context == null) {
      context = Context.NONE;
    }
  }

  /** Whether the arrival is a finite number the solver can use. */
  public boolean hasArrival() {
    return Double.isFinite(arrivalOffsetMs);
  }
}
