package io.tickstream.core.hf.clock;

/**
 * One row of the seed 003 clock-offset series ({@code clock_offset_series.csv}, DOMAIN.md §1.8):
 * a minute's D_clock with the station, mode and channel facts behind it.
 *
 * @param systemTimeNs system time of the minute boundary
 * @param utcTimeNs {@code systemTimeNs − D_clock} (the same instant on the UTC scale)
 * @param minuteBoundaryUtcNs UTC minute containing {@code utcTimeNs} (rounded to the nearest minute)
 * @param clockOffsetMs D_clock (ms), NaN when invalid
 * @param station transmitter of the primary channel
 * @param frequencyMHz primary channel frequency
 * @param propagationDelayMs primary channel's propagation delay
 * @param mode primary channel's mode, null when invalid
 * @param confidence mode-combination confidence 0..1
 * @param uncertaintyMs 1σ
 * @param grade quality grade
 * @param snrDb primary channel SNR
 * @param delaySpreadMs primary delay spread
 * @param dopplerStdHz primary Doppler spread
 * @param fssDb primary FSS
 * @param context discrimination/RTP facts of the primary channel
 * @param utcVerified decoded time code agrees
 * @param multiStationVerified ≥ 2 channels agree
 * @param channelCount channels (inliers) fused into this value
 */
public record ClockOffsetMeasurement(long systemTimeNs, long utcTimeNs, long minuteBoundaryUtcNs,
    double clockOffsetMs, Transmitter station, double frequencyMHz, double propagationDelayMs,
    PropagationMode mode, double confidence, double uncertaintyMs, QualityGrade grade,
    double snrDb, double delaySpreadMs, double dopplerStdHz, double fssDb,
    ArrivalObservation.Context context, boolean utcVerified, boolean multiStationVerified,
    int channelCount) {

  private static final long MINUTE_NS = 60_000_000_000L;

  public boolean valid() {
    return grade != QualityGrade.X && Double.isFinite(clockOffsetMs);
  }

  /** The fused minute, described by its primary (most precise inlier) channel. */
  public static ClockOffsetMeasurement fused(MinuteSolution s) {
    ChannelSolution p = s.primary();
    return of(s.minuteStartSystemNs(), s.dClockMs(), s.uncertaintyMs(), s.grade(),
        s.confidence(), p, s.utcVerified(), s.multiStationVerified(), (int) s.inlierCount());
  }

  /** One channel's own value within a solved minute. */
  public static ClockOffsetMeasurement channel(MinuteSolution s, ChannelSolution c) {
    return of(s.minuteStartSystemNs(), c.dClockMs(), c.uncertaintyMs(), c.grade(),
        c.modeConfidence(), c, c.utcVerified(), s.multiStationVerified() && c.inlier(),
        c.inlier() ? 1 : 0);
  }

  private static ClockOffsetMeasurement of(long systemNs, double dMs, double sigma,
      QualityGrade grade, double confidence, ChannelSolution p, boolean utcVerified,
      boolean multi, int n) {
    long utcNs = Double.isFinite(dMs) ? systemNs - Math.round(dMs * 1e6) : systemNs;
    long boundary = Math.floorDiv(utcNs + MINUTE_NS / 2, MINUTE_NS) * MINUTE_NS;
    ArrivalObservation o = p.observation();
    return new ClockOffsetMeasurement(systemNs, utcNs, boundary, dMs, o.station(),
        o.frequencyMHz(), p.propagationDelayMs(), p.mode(), confidence, sigma, grade, o.snrDb(),
        o.delaySpreadMs(), o.dopplerSpreadHz(), o.fssDb(), o.context(), utcVerified, multi, n);
  }
}
