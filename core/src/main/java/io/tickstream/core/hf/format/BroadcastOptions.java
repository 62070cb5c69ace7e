package io.tickstream.core.hf.format;

/**
 * Broadcast-format choices where the sources disagree (DOMAIN.md §0, §5). Shared by the signal
 * generator and the analysis so that both read the same conventions.
 *
 * @param schedule 500/600/440 Hz table; default {@link ToneSchedule#WWVSIM}
 * @param wwvTestMinute minute of the HamSCI test signal on WWV; default 8 (all sources agree)
 * @param wwvhTestMinute minute of the HamSCI test signal on WWVH; default 48 per the NIST
 *     scientific-modulation working-group page (grape/hf-timestd and Zenodo say 44)
 * @param dut1SignOneIsPositive BCD bit 50: true = 1 means DUT1 ≥ 0 ({@code ka9q/wwvsim}; agrees with
 *     the real recording's answer key, data/README.md); false = hf-timestd decoder doc
 * @param chuFraming CHU FSK character framing; default {@link ChuFraming#MILLS_TWO_STOP_BITS}
 */
public record BroadcastOptions(
    ToneSchedule schedule, int wwvTestMinute, int wwvhTestMinute, boolean dut1SignOneIsPositive,
    ChuFraming chuFraming) {

  public BroadcastOptions {
    if (schedule == null || chuFraming == null) {
      throw new IllegalArgumentException("schedule and chuFraming are required");
    }
    if (wwvTestMinute < 0 || wwvTestMinute > 59 || wwvhTestMinute < 0 || wwvhTestMinute > 59) {
      throw new IllegalArgumentException("test-signal minutes must be 0..59");
    }
  }

  /** The documented defaults. */
  public static BroadcastOptions defaults() {
    return new BroadcastOptions(ToneSchedule.WWVSIM, 8, 48, true, ChuFraming.MILLS_TWO_STOP_BITS);
  }

  public BroadcastOptions withSchedule(ToneSchedule s) {
    return new BroadcastOptions(s, wwvTestMinute, wwvhTestMinute, dut1SignOneIsPositive, chuFraming);
  }

  public BroadcastOptions withWwvhTestMinute(int m) {
    return new BroadcastOptions(schedule, wwvTestMinute, m, dut1SignOneIsPositive, chuFraming);
  }

  /**
   * CHU FSK character framing (DOMAIN.md §1.4, §5.4).
   */
  public enum ChuFraming {
    /** Start bit (space), 8 data bits LSB first, 2 stop bits (mark): Mills {@code refclock_chu.c}. */
    MILLS_TWO_STOP_BITS,
    /** Start bit, 8 data bits, even parity bit, 1 stop bit: hf-timestd 2026 decoder. */
    EVEN_PARITY_ONE_STOP_BIT
  }
}
