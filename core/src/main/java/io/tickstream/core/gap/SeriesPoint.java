package io.tickstream.core.gap;

import java.io.Serializable;

/**
 * One observation of a curated stream: instant (ns since epoch, UTC), value in the stream's unit,
 * optional 1-σ uncertainty in the same unit ({@code NaN} when unknown).
 */
public record SeriesPoint(long tUtcNs, double value, double uncertainty) implements Serializable {
  public SeriesPoint {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("non-finite value at t=" + tUtcNs + ": " + value);
    }
  }

  public boolean hasUncertainty() {
    return Double.isFinite(uncertainty) && uncertainty > 0;
  }
}
