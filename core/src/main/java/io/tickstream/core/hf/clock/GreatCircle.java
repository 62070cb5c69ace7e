package io.tickstream.core.hf.clock;

/**
 * Great-circle geometry on a sphere of radius {@link #EARTH_RADIUS_KM} (mean Earth radius, the
 * incumbent's {@code EARTH_RADIUS_KM = 6371.0}, DOMAIN.md §1.2).
 *
 * <ul>
 *   <li>central angle (haversine): {@code θ = 2·asin(√(sin²(Δφ/2) + cosφ1·cosφ2·sin²(Δλ/2)))},
 *       distance {@code d = R·θ};
 *   <li>initial bearing: {@code atan2(sinΔλ·cosφ2, cosφ1·sinφ2 − sinφ1·cosφ2·cosΔλ)};
 *   <li>midpoint: {@code Bx = cosφ2·cosΔλ, By = cosφ2·sinΔλ, φm = atan2(sinφ1+sinφ2,
 *       √((cosφ1+Bx)²+By²)), λm = λ1 + atan2(By, cosφ1+Bx)}.
 * </ul>
 * Source: Sinnott, "Virtues of the Haversine", Sky &amp; Telescope 68(2), 1984; Williams, Aviation
 * Formulary.
 */
public final class GreatCircle {
  /** Mean Earth radius, km. */
  public static final double EARTH_RADIUS_KM = 6371.0;

  private GreatCircle() {}

  /** Central angle between two points, radians. */
  public static double centralAngleRad(GeoPoint a, GeoPoint b) {
    double p1 = Math.toRadians(a.latDeg());
    double p2 = Math.toRadians(b.latDeg());
    double dp = p2 - p1;
    double dl = Math.toRadians(b.lonDeg() - a.lonDeg());
    double h = Math.sin(dp / 2) * Math.sin(dp / 2)
        + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * Math.asin(Math.min(1.0, Math.sqrt(h)));
  }

  /** Great-circle ground distance, km. */
  public static double distanceKm(GeoPoint a, GeoPoint b) {
    return EARTH_RADIUS_KM * centralAngleRad(a, b);
  }

  /** Initial bearing from {@code a} towards {@code b}, degrees clockwise from true north [0, 360). */
  public static double initialBearingDeg(GeoPoint a, GeoPoint b) {
    double p1 = Math.toRadians(a.latDeg());
    double p2 = Math.toRadians(b.latDeg());
    double dl = Math.toRadians(b.lonDeg() - a.lonDeg());
    double y = Math.sin(dl) * Math.cos(p2);
    double x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
    return (Math.toDegrees(Math.atan2(y, x)) + 360.0) % 360.0;
  }

  /** Midpoint of the great-circle path. */
  public static GeoPoint midpoint(GeoPoint a, GeoPoint b) {
    double p1 = Math.toRadians(a.latDeg());
    double l1 = Math.toRadians(a.lonDeg());
    double p2 = Math.toRadians(b.latDeg());
    double dl = Math.toRadians(b.lonDeg() - a.lonDeg());
    double bx = Math.cos(p2) * Math.cos(dl);
    double by = Math.cos(p2) * Math.sin(dl);
    double pm = Math.atan2(Math.sin(p1) + Math.sin(p2),
        Math.sqrt((Math.cos(p1) + bx) * (Math.cos(p1) + bx) + by * by));
    double lm = l1 + Math.atan2(by, Math.cos(p1) + bx);
    return new GeoPoint(Math.toDegrees(pm), Math.toDegrees(lm));
  }
}
