package io.tickstream.core.hf.clock;

/**
 * A point on the Earth's surface, geodetic latitude/longitude in degrees (treated as spherical by
 * {@link GreatCircle}). Latitude in [−90, 90], longitude normalised to [−180, 180).
 */
public record GeoPoint(double latDeg, double lonDeg) {
  public GeoPoint {
    if (!Double.isFinite(latDeg) || latDeg < -90 || latDeg > 90) {
      throw new IllegalArgumentException("latitude out of range [-90, 90]: " + latDeg);
    }
    if (!Double.isFinite(lonDeg)) {
      throw new IllegalArgumentException("longitude not finite: " + lonDeg);
    }
    lonDeg = ((lonDeg + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "(%.4f, %.4f)", latDeg, lonDeg);
  }
}
