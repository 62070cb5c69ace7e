package io.tickstream.core.hf.clock;

/**
 * Ionosphere at a path's control point (the great-circle midpoint) at one instant.
 *
 * @param cosSolarZenith cos χ of the sun at the control point (≤ 0 at night)
 * @param foEMHz E-layer critical frequency
 * @param foF2MHz F2-layer critical frequency
 * @param eVirtualHeightKm virtual reflection height of the E layer
 * @param fBaseVirtualHeightKm F-layer virtual height for a low equivalent-vertical frequency
 * @param fHeightRiseKm rise of the F virtual height as the equivalent vertical frequency
 *     approaches foF2 (group retardation near the layer peak): {@code h'F(fv) = base +
 *     rise·min(1, fv/foF2)²}
 * @param underlyingTecu vertical electron content (TECU, 10¹⁶ el/m²) below the reflecting layer
 *     (D/E region) that the ray crosses twice per hop without being reflected by it
 */
public record IonosphereState(double cosSolarZenith, double foEMHz, double foF2MHz,
    double eVirtualHeightKm, double fBaseVirtualHeightKm, double fHeightRiseKm,
    double underlyingTecu) {

  /** Virtual F reflection height for an equivalent vertical frequency {@code fvMHz}. */
  public double fVirtualHeightKm(double fvMHz) {
    double x = Math.min(1.0, fvMHz / foF2MHz);
    return fBaseVirtualHeightKm + fHeightRiseKm * x * x;
  }

  /** Daylight factor {@code max(0, cos χ)}. */
  public double daylight() {
    return Math.max(0.0, cosSolarZenith);
  }
}
