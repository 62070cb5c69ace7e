package io.tickstream.connectors.series;

import java.util.Map;

/**
 * One row for the {@code observation} table: instant (ns since epoch, UTC), value in the stream
 * unit, optional 1-σ uncertainty ({@code NaN} if none), quality flags ({@link #FLAG_PREDICTED}, …)
 * and the raw source fields (stored as {@code observation.raw} JSON for provenance).
 */
public record SeriesObservation(long tUtcNs, double value, double uncertainty, int qualityFlags,
                                Map<String, Object> raw) {
  /** The value is a prediction, not a measurement (IERS finals.all flag {@code P}). */
  public static final int FLAG_PREDICTED = 1;
  /** A leap second lies between this and the previous observation (the value may step by ±1 s). */
  public static final int FLAG_AFTER_LEAP_SECOND = 2;

  public SeriesObservation {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("non-finite value at t=" + tUtcNs + ": " + value);
    }
    raw = raw == null ? Map.of() : Map.copyOf(raw);
  }

  public boolean hasFlag(int flag) {
    return (qualityFlags & flag) != 0;
  }
}
