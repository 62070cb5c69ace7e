package io.tickstream.core.gap;

import io.tickstream.core.time.LeapSecondTable;
import java.util.Locale;

/**
 * How a stream's values relate to UTC, i.e. what a leap second does to them.
 *
 * <p>A positive leap second sets UTC back by 1 s relative to TAI (TAI−UTC grows by 1). So a series
 * {@code X − UTC} (UT1−UTC, a receiver's {@code D_clock = t_system − t_UTC} when the system clock
 * does not step) jumps by {@code +1 s}, and {@code UTC − X} by {@code −1 s}. A fitter removes the
 * jumps by expressing every value in the UTC of the window end {@code t_e}:
 * <pre>
 *   X_MINUS_UTC:  v'(t) = v(t) − [ΔAT(t) − ΔAT(t_e)]   (ΔAT = TAI−UTC, seconds)
 *   UTC_MINUS_X:  v'(t) = v(t) + [ΔAT(t) − ΔAT(t_e)]
 * </pre>
 * so the most recent value is unchanged and earlier values become continuous with it
 * (equivalently: fit {@code X − TAI}, then add back today's ΔAT).
 */
public enum LeapHandling {
  /** Values do not step at leap seconds (TAI-like scales, phases, frequencies). */
  NONE(0),
  /** Values are {@code X − UTC}: +1 s per inserted leap second. */
  X_MINUS_UTC(-1),
  /** Values are {@code UTC − X}: −1 s per inserted leap second. */
  UTC_MINUS_X(+1);

  private final int sign;

  LeapHandling(int sign) {
    this.sign = sign;
  }

  /** Correction in seconds to add to a value at {@code tUtcNs} to refer it to the UTC of {@code refUtcNs}. */
  public double correctionSeconds(LeapSecondTable table, long tUtcNs, long refUtcNs) {
    if (this == NONE) {
      return 0;
    }
    return sign * (double) table.leapSecondsBetween(refUtcNs, tUtcNs);
  }

  public static LeapHandling parse(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
      case "none" -> NONE;
      case "x_minus_utc" -> X_MINUS_UTC;
      case "utc_minus_x" -> UTC_MINUS_X;
      default -> throw new IllegalArgumentException("unknown leap handling '" + s
          + "' (expected none, x-minus-utc or utc-minus-x)");
    };
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
