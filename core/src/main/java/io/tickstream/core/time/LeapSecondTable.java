package io.tickstream.core.time;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * TAI−UTC as a step function of UTC: the table of leap seconds (IANA/IERS
 * {@code leap-seconds.list}; IERS Bulletin C). Each {@link Step} says "from this UTC instant on,
 * TAI−UTC = n seconds". Before the first step (1972-01-01) the table is undefined and
 * {@link #taiMinusUtcSeconds(long)} throws; after the expiry date the last value is returned but
 * {@link #isExpiredAt(long)} reports it.
 *
 * <p>Series of offsets against UTC (UT1−UTC, a clock's D_clock) jump by ±1 s when a leap second
 * is inserted or deleted; {@link #leapSecondsBetween(long, long)} tells a fitter how many steps
 * lie between two instants, so it can remove them explicitly (docs/PHASE_GAP.md).
 */
public final class LeapSecondTable implements Serializable {
  private static final long serialVersionUID = 1L;

  /** From {@code effectiveUtcNs} on, TAI−UTC is {@code taiMinusUtcSeconds}. */
  public record Step(long effectiveUtcNs, int taiMinusUtcSeconds) implements Serializable {
    public Instant effective() {
      return Instant.ofEpochSecond(Math.floorDiv(effectiveUtcNs, 1_000_000_000L));
    }
  }

  private final List<Step> steps;
  private final long expiresUtcNs;

  /** @param steps ascending by time, strictly; {@code expiresUtcNs} may be {@link Long#MAX_VALUE} */
  public LeapSecondTable(List<Step> steps, long expiresUtcNs) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("leap-second table is empty");
    }
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).effectiveUtcNs() <= steps.get(i - 1).effectiveUtcNs()) {
        throw new IllegalArgumentException("leap-second steps not strictly ascending at entry " + i
            + ": " + steps.get(i).effective() + " after " + steps.get(i - 1).effective());
      }
    }
    this.steps = List.copyOf(steps);
    this.expiresUtcNs = expiresUtcNs;
  }

  public List<Step> steps() {
    return steps;
  }

  public long expiresUtcNs() {
    return expiresUtcNs;
  }

  public boolean isExpiredAt(long tUtcNs) {
    return tUtcNs >= expiresUtcNs;
  }

  /** TAI−UTC in whole seconds at {@code tUtcNs}. */
  public int taiMinusUtcSeconds(long tUtcNs) {
    if (tUtcNs < steps.get(0).effectiveUtcNs()) {
      throw new IllegalArgumentException("TAI−UTC undefined before " + steps.get(0).effective()
          + " (UTC had no integer leap seconds): " + Instant.ofEpochSecond(0, 0).plusNanos(tUtcNs));
    }
    int value = steps.get(0).taiMinusUtcSeconds();
    for (Step s : steps) {
      if (s.effectiveUtcNs() <= tUtcNs) {
        value = s.taiMinusUtcSeconds();
      } else {
        break;
      }
    }
    return value;
  }

  /** Net leap seconds introduced in {@code (fromUtcNs, toUtcNs]} (negative if deleted or reversed). */
  public int leapSecondsBetween(long fromUtcNs, long toUtcNs) {
    return taiMinusUtcSeconds(toUtcNs) - taiMinusUtcSeconds(fromUtcNs);
  }

  /** The steps whose effective instant lies in {@code (fromUtcNs, toUtcNs]}. */
  public List<Step> stepsBetween(long fromUtcNs, long toUtcNs) {
    List<Step> out = new ArrayList<>();
    for (Step s : steps) {
      if (s.effectiveUtcNs() > fromUtcNs && s.effectiveUtcNs() <= toUtcNs) {
        out.add(s);
      }
    }
    return out;
  }
}
