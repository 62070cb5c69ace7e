package io.tickstream.core.hf;

/**
 * A decoded broadcast time code: WWV/WWVH BCD on the 100 Hz subcarrier or CHU Bell 103 FSK
 * (DOMAIN.md §5.1, §5.4). Fields that a format does not carry are {@code -1} / NaN.
 *
 * @param source which code was decoded
 * @param year four-digit year (BCD carries two digits: 2000 + yy)
 * @param dayOfYear 1..366
 * @param hour 0..23
 * @param minute 0..59 (UTC minute the frame labels: WWV/WWVH frame = its own minute; CHU = the
 *     minute containing the decoded second)
 * @param dut1Seconds UT1−UTC as broadcast (s, multiple of 0.1)
 * @param leapSecondWarning leap second pending at the end of the month
 * @param dstBits WWV/WWVH: bit 55 (DST1) × 2 + bit 2 (DST2); CHU: Canadian DST code; −1 if absent
 * @param taiMinusUtcSeconds CHU frame B only; −1 otherwise
 * @param utcMinuteStartNs the decoded UTC minute start, ns since the epoch
 * @param valid all structural checks passed (markers, digit ranges, CHU redundancy)
 * @param confidence 0..1: mean decision margin of the sliced bits
 * @param errors number of failed structural checks (0 when valid)
 */
public record TimeCode(
    Source source,
    int year,
    int dayOfYear,
    int hour,
    int minute,
    double dut1Seconds,
    boolean leapSecondWarning,
    int dstBits,
    int taiMinusUtcSeconds,
    long utcMinuteStartNs,
    boolean valid,
    double confidence,
    int errors) {

  /** Which broadcast time code. */
  public enum Source {
    /** WWV/WWVH IRIG-H-like BCD on 100 Hz. */
    BCD,
    /** CHU Bell 103 FSK frames A/B. */
    CHU_FSK
  }
}
