package io.tickstream.core.hf.clock;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Climatological ionosphere driven by the solar zenith angle at the control point. It stands in
 * for IRI when no ionosonde/IRI data are wired in; its errors are covered by the solver's model
 * uncertainty ({@link UncertaintyModel#heightSigmaKm()}).
 *
 * <ul>
 *   <li>solar declination {@code δ = −23.44°·cos(2π(doy+10)/365)}, hour angle
 *       {@code H = 15°·(UT_h + λ/15 − 12)}, {@code cos χ = sinφ·sinδ + cosφ·cosδ·cosH}
 *       (Spencer-free approximation, ±0.5°);
 *   <li>{@code foE = 0.9·((180 + 1.44·R12)·cos χ)^¼} MHz by day (CCIR Report 340 / ITU-R P.1239),
 *       night floor 0.5 MHz;
 *   <li>{@code foF2 = 4.0 + 5.0·√max(0,cos χ)} MHz, scaled by {@code 1 + 0.004·(R12 − 80)};
 *   <li>virtual heights: {@code h'E = 105 + 5·max(0,cos χ)} km, F base
 *       {@code 330 − 70·√max(0,cos χ)} km (night F2 rises), rise towards foF2 60 km (DOMAIN.md §1.6
 *       static values E 110 / F2 300 / F2 night 350 km lie inside this range);
 *   <li>underlying D/E electron content {@code 0.2 + 0.8·max(0,cos χ)} TECU.
 * </ul>
 * Height offsets shift both layers (used to model a "real" ionosphere that differs from the
 * solver's defaults, e.g. in the acceptance tests ±30 km).
 */
public final class ParametricIonosphere implements IonosphereModel {
  private final double sunspotNumber;
  private final double eOffsetKm;
  private final double fOffsetKm;
  private final double tecScale;

  public ParametricIonosphere() {
    this(80.0, 0.0, 0.0, 1.0);
  }

  /**
   * @param sunspotNumber 12-month smoothed sunspot number R12
   * @param eOffsetKm added to the E virtual height
   * @param fOffsetKm added to the F virtual height
   * @param tecScale multiplies the underlying electron content
   */
  public ParametricIonosphere(double sunspotNumber, double eOffsetKm, double fOffsetKm,
      double tecScale) {
    this.sunspotNumber = sunspotNumber;
    this.eOffsetKm = eOffsetKm;
    this.fOffsetKm = fOffsetKm;
    this.tecScale = tecScale;
  }

  /** The default model with layer heights shifted (km) and the underlying content scaled. */
  public ParametricIonosphere perturbed(double eOffsetKm, double fOffsetKm, double tecScale) {
    return new ParametricIonosphere(sunspotNumber, eOffsetKm, fOffsetKm, tecScale);
  }

  @Override
  public IonosphereState at(GeoPoint p, long tUtcNs) {
    double cosChi = cosSolarZenith(p, tUtcNs);
    double day = Math.max(0.0, cosChi);
    double foE = day > 0 ? 0.9 * Math.pow((180 + 1.44 * sunspotNumber) * day, 0.25) : 0.0;
    foE = Math.max(0.5, foE);
    double foF2 = (4.0 + 5.0 * Math.sqrt(day)) * (1 + 0.004 * (sunspotNumber - 80));
    double hE = 105 + 5 * day + eOffsetKm;
    double hF = 330 - 70 * Math.sqrt(day) + fOffsetKm;
    double tec = (0.2 + 0.8 * day) * tecScale;
    return new IonosphereState(cosChi, foE, foF2, hE, hF, 60.0, tec);
  }

  /** cos of the solar zenith angle at {@code p} and {@code tUtcNs} (see class Javadoc). */
  public static double cosSolarZenith(GeoPoint p, long tUtcNs) {
    var t = Instant.ofEpochSecond(Math.floorDiv(tUtcNs, 1_000_000_000L),
        Math.floorMod(tUtcNs, 1_000_000_000L)).atZone(ZoneOffset.UTC);
    int doy = t.getDayOfYear();
    double utHours = t.getHour() + t.getMinute() / 60.0 + t.getSecond() / 3600.0;
    double decl = Math.toRadians(-23.44 * Math.cos(2 * Math.PI * (doy + 10) / 365.0));
    double hourAngle = Math.toRadians(15.0 * (utHours + p.lonDeg() / 15.0 - 12.0));
    double lat = Math.toRadians(p.latDeg());
    return Math.sin(lat) * Math.sin(decl) + Math.cos(lat) * Math.cos(decl) * Math.cos(hourAngle);
  }
}
