package io.tickstream.core.hf.clock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A receiver's D_clock over time, one measurement per minute, with interpolation and gaps
 * (seeds/003 §4.5 {@code ClockOffsetSeries.get_offset_at_time}).
 *
 * <p>Between two valid measurements (D₀, σ₀ at t₀; D₁, σ₁ at t₁; α = (t − t₀)/(t₁ − t₀)) no more
 * than {@code maxGapNs} apart: {@code D(t) = (1−α)·D₀ + α·D₁} with
 * <pre>  σ(t)² = (1−α)²σ₀² + α²σ₁² + q·α(1−α)·(t₁ − t₀)</pre>
 * (independent endpoint errors plus the variance of a random-walk clock pinned at both ends, a
 * Brownian bridge; q = {@code wanderMs2PerS}). Within {@code maxExtrapolationNs} of the nearest
 * valid measurement outside such a pair: {@code D(t) = D_near}, {@code σ² = σ_near² + q·|t − t_near|}.
 * Elsewhere the series has a gap and {@link #offsetAt} is empty. Invalid (grade X) minutes are kept
 * but never used for interpolation.
 */
public final class ClockOffsetSeries {
  /** Default longest interval bridged by interpolation: 5 minutes. */
  public static final long DEFAULT_MAX_GAP_NS = 300_000_000_000L;
  /** Default reach of extrapolation beyond the first/last valid minute: 60 s. */
  public static final long DEFAULT_MAX_EXTRAPOLATION_NS = 60_000_000_000L;
  /** Default clock random-walk intensity q (ms²/s): ≈ 0.04 ms σ in the middle of one minute. */
  public static final double DEFAULT_WANDER_MS2_PER_S = 1e-4;

  private final NavigableMap<Long, ClockOffsetMeasurement> byTime = new TreeMap<>();
  private final NavigableMap<Long, ClockOffsetMeasurement> valid = new TreeMap<>();
  private final long maxGapNs;
  private final long maxExtrapolationNs;
  private final double wanderMs2PerS;

  public ClockOffsetSeries() {
    this(DEFAULT_MAX_GAP_NS, DEFAULT_MAX_EXTRAPOLATION_NS, DEFAULT_WANDER_MS2_PER_S);
  }

  public ClockOffsetSeries(long maxGapNs, long maxExtrapolationNs, double wanderMs2PerS) {
    this.maxGapNs = maxGapNs;
    this.maxExtrapolationNs = maxExtrapolationNs;
    this.wanderMs2PerS = wanderMs2PerS;
  }

  /** An interpolated offset. */
  public record OffsetEstimate(long tSystemNs, double offsetMs, double uncertaintyMs,
      boolean interpolated) {}

  /** A stretch without valid measurements, {@code [fromNs, toNs]} between valid neighbours. */
  public record Gap(long fromNs, long toNs) {
    public long durationNs() {
      return toNs - fromNs;
    }
  }

  /** Adds (or replaces, same minute) a measurement. */
  public void add(ClockOffsetMeasurement m) {
    byTime.put(m.systemTimeNs(), m);
    if (m.valid()) {
      valid.put(m.systemTimeNs(), m);
    } else {
      valid.remove(m.systemTimeNs());
    }
  }

  public void addAll(Collection<ClockOffsetMeasurement> ms) {
    ms.forEach(this::add);
  }

  /** All measurements in time order (valid and invalid). */
  public List<ClockOffsetMeasurement> measurements() {
    return List.copyOf(byTime.values());
  }

  public int size() {
    return byTime.size();
  }

  /** D_clock at system time {@code tSystemNs}, or empty inside a gap / beyond the ends. */
  public Optional<OffsetEstimate> offsetAt(long tSystemNs) {
    Map.Entry<Long, ClockOffsetMeasurement> lo = valid.floorEntry(tSystemNs);
    Map.Entry<Long, ClockOffsetMeasurement> hi = valid.ceilingEntry(tSystemNs);
    if (lo != null && lo.getKey() == tSystemNs) {
      ClockOffsetMeasurement m = lo.getValue();
      return Optional.of(new OffsetEstimate(tSystemNs, m.clockOffsetMs(), m.uncertaintyMs(), false));
    }
    if (lo != null && hi != null && hi.getKey() - lo.getKey() <= maxGapNs) {
      ClockOffsetMeasurement a = lo.getValue();
      ClockOffsetMeasurement b = hi.getValue();
      double span = hi.getKey() - lo.getKey();
      double alpha = (tSystemNs - lo.getKey()) / span;
      double d = (1 - alpha) * a.clockOffsetMs() + alpha * b.clockOffsetMs();
      double var = sq((1 - alpha) * a.uncertaintyMs()) + sq(alpha * b.uncertaintyMs())
          + wanderMs2PerS * alpha * (1 - alpha) * span / 1e9;
      return Optional.of(new OffsetEstimate(tSystemNs, d, Math.sqrt(var), true));
    }
    Map.Entry<Long, ClockOffsetMeasurement> near = nearest(lo, hi, tSystemNs);
    if (near == null || Math.abs(tSystemNs - near.getKey()) > maxExtrapolationNs) {
      return Optional.empty();
    }
    ClockOffsetMeasurement m = near.getValue();
    double var = sq(m.uncertaintyMs())
        + wanderMs2PerS * Math.abs(tSystemNs - near.getKey()) / 1e9;
    return Optional.of(new OffsetEstimate(tSystemNs, m.clockOffsetMs(), Math.sqrt(var), true));
  }

  /** Intervals between consecutive valid measurements longer than the interpolation limit. */
  public List<Gap> gaps() {
    List<Gap> out = new ArrayList<>();
    Long prev = null;
    for (Long t : valid.keySet()) {
      if (prev != null && t - prev > maxGapNs) {
        out.add(new Gap(prev, t));
      }
      prev = t;
    }
    return out;
  }

  private static Map.Entry<Long, ClockOffsetMeasurement> nearest(
      Map.Entry<Long, ClockOffsetMeasurement> lo, Map.Entry<Long, ClockOffsetMeasurement> hi,
      long t) {
    if (lo == null) {
      return hi;
    }
    if (hi == null) {
      return lo;
    }
    return t - lo.getKey() <= hi.getKey() - t ? lo : hi;
  }

  private static double sq(double x) {
    return x * x;
  }
}
