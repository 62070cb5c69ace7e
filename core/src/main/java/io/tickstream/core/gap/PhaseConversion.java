package io.tickstream.core.gap;

import java.io.Serializable;

/**
 * Converts a timescale offset (seconds of time) into a phase angle (radians).
 *
 * <ul>
 *   <li>{@link #earthRotationAngle()}: for UT1−UTC. The Earth rotation angle is
 *       {@code θ(T_u) = 2π·(0.7790572732640 + 1.00273781191135448·T_u)}, {@code T_u} = Julian UT1
 *       date − 2451545.0 (IERS Conventions 2010, eq. 5.15), so one second of UT1 is
 *       {@code 2π·1.00273781191135448/86400 ≈ 7.2921151e−5 rad} (the nominal ω): a UT1−UTC offset of {@code Δ}
 *       seconds is the angle {@code Δ·7.2921151e−5} by which the Earth is ahead of where UTC
 *       says it should be.
 *   <li>{@link #period(double)}: for an oscillator or periodic reference of period {@code P}
 *       seconds, an offset of {@code Δ} seconds is the phase {@code 2π·Δ/P}.
 *   <li>{@link #identity()}: the stream already holds radians.
 * </ul>
 *
 * @param radiansPerSecond radians per second of offset
 * @param name             how the conversion is recorded in provenance
 */
public record PhaseConversion(double radiansPerSecond, String name) implements Serializable {

  /** Sidereal-to-solar rate factor of the Earth rotation angle (IERS Conventions 2010, eq. 5.15). */
  public static final double ERA_RATE = 1.00273781191135448;

  public PhaseConversion {
    if (!(radiansPerSecond > 0) || !Double.isFinite(radiansPerSecond)) {
      throw new IllegalArgumentException("radiansPerSecond must be finite and > 0: " + radiansPerSecond);
    }
  }

  public static PhaseConversion earthRotationAngle() {
    return new PhaseConversion(2 * Math.PI * ERA_RATE / 86400.0, "earth_rotation_angle");
  }

  public static PhaseConversion period(double periodSeconds) {
    if (!(periodSeconds > 0)) {
      throw new IllegalArgumentException("period must be > 0 s: " + periodSeconds);
    }
    return new PhaseConversion(2 * Math.PI / periodSeconds, "period:" + periodSeconds + "s");
  }

  /** Values already in radians (the "offset" is a phase). */
  public static PhaseConversion identity() {
    return new PhaseConversion(1.0, "identity_rad");
  }

  /**
   * Parses {@code era}, {@code period:<seconds>} or {@code rad} (config / CLI form).
   */
  public static PhaseConversion parse(String spec) {
    String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("era") || s.equals("earth_rotation_angle")) {
      return earthRotationAngle();
    }
    if (s.equals("rad") || s.equals("identity_rad")) {
      return identity();
    }
    if (s.startsWith("period:")) {
      String v = s.substring("period:".length()).replaceAll("s$", "");
      try {
        return period(Double.parseDouble(v));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad period in phase conversion '" + spec + "'", e);
      }
    }
    throw new IllegalArgumentException("unknown phase conversion '" + spec
        + "' (expected era, rad or period:<seconds>)");
  }

  /** Radians for an offset of {@code offsetSeconds}. */
  public double toRadians(double offsetSeconds) {
    return offsetSeconds * radiansPerSecond;
  }

  /**
   * Seconds per unit for the offset units tickstream streams use ({@code s}, {@code ms},
   * {@code us}, {@code ns}); {@code rad} is handled by {@link #identity()}.
   */
  public static double secondsPerUnit(String unit) {
    return switch (unit.trim()) {
      case "s" -> 1.0;
      case "ms" -> 1e-3;
      case "us", "µs" -> 1e-6;
      case "ns" -> 1e-9;
      case "rad" -> 1.0;
      default -> throw new IllegalArgumentException("unsupported offset unit '" + unit
          + "' (expected s, ms, us, ns or rad)");
    };
  }
}
