package io.tickstream.core.hf.clock;

/**
 * One ionospheric hop over a spherical Earth (radius R = {@link GreatCircle#EARTH_RADIUS_KM}),
 * mirror reflection at virtual height h.
 *
 * <p>For a hop spanning ground central angle {@code θ} (half-hop angle {@code φ = θ/2}), the
 * straight ray from the ground point to the reflection point at radius {@code R+h} has length
 * (law of cosines)
 * <pre>  s = √(R² + (R+h)² − 2·R·(R+h)·cos φ)</pre>
 * and the hop's group path is {@code 2s}. The elevation angle at the ground is
 * <pre>  e = atan2((R+h)·cos φ − R, (R+h)·sin φ)</pre>
 * (negative ⇒ the reflection point is below the horizon: the hop is impossible). The angle of
 * incidence on the layer is {@code i} with {@code sin i = R·cos e/(R+h)}. Source: Davies,
 * "Ionospheric Radio" (IEE, 1990) §6.2; the flat-earth form {@code 2√((d/2)²+h²)} used by the
 * incumbent (DOMAIN.md §1.6) is the limit R → ∞ and underestimates the path by up to ~1 % at 2000 km.
 */
public record HopGeometry(double groundKm, double heightKm, double slantKm, double elevationDeg,
    double incidenceDeg) {

  /** Hop of ground length {@code groundKm} reflecting at {@code heightKm}. */
  public static HopGeometry of(double groundKm, double heightKm) {
    double r = GreatCircle.EARTH_RADIUS_KM;
    double rh = r + heightKm;
    double phi = groundKm / (2 * r);
    double s = Math.sqrt(r * r + rh * rh - 2 * r * rh * Math.cos(phi));
    double e = Math.atan2(rh * Math.cos(phi) - r, rh * Math.sin(phi));
    double sinI = r * Math.cos(e) / rh;
    double i = Math.asin(Math.min(1.0, sinI));
    return new HopGeometry(groundKm, heightKm, s, Math.toDegrees(e), Math.toDegrees(i));
  }

  /** Group path of the whole hop (up and down), km. */
  public double pathKm() {
    return 2 * slantKm;
  }

  /**
   * Slant factor for the vertical electron content crossed at height {@code shellKm} by a ray at
   * this hop's elevation: {@code 1/√(1 − (R·cos e/(R+h_shell))²)} (thin-shell mapping function,
   * DOMAIN.md §1.6), capped at 3.
   */
  public double slantFactor(double shellKm) {
    double r = GreatCircle.EARTH_RADIUS_KM;
    double x = r * Math.cos(Math.toRadians(Math.max(elevationDeg, 0.0))) / (r + shellKm);
    return Math.min(3.0, 1.0 / Math.sqrt(Math.max(1e-9, 1 - x * x)));
  }
}
