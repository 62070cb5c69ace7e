package io.tickstream.core.hf.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known-geometry delays WWV → EM38ww with a fixed ionosphere: h'F = 300 km (no frequency rise),
 * h'E = 110 km, 1 TECU below the reflection.
 */
class PropagationModelTest {
  static final double R = 6371.0;
  static final double C = 299_792.458;
  static final IonosphereState FIXED = new IonosphereState(0.5, 3.0, 20.0, 110, 300, 0.0, 1.0);
  static final PropagationModel MODEL = new PropagationModel((p, t) -> FIXED);
  static final GeoPoint RX = Maidenhead.toPoint("EM38ww");

  /**
   * Hand formula: d = 1119.056 km (haversine, see GeometryTest); per hop of ground g = d/N at h:
   * φ = g/(2R), s = √(R² + (R+h)² − 2R(R+h)cos φ), e = atan2((R+h)cos φ − R, (R+h) sin φ);
   * τ_geo = 2·N·s/c; slant S = 1/√(1 − (R cos e/(R+100))²); τ_iono = N·1.34426·TEC·2·S/f²
   * (K = 40.3e16/(c·1e12) ms·MHz²/TECU). Worked values (python, independent of the model code):
   * 1F: s = 646.222 km, e = 25.116°, τ_geo = 4.31113 ms, S = 1.1036; 2F: s = 414.657 km,
   * e = 45.071°, τ_geo = 5.53258 ms, S = 1.2610.
   */
  @Test
  void wwvToEm38wwOneAndTwoHopFMatchHandComputedDelays() {
    double[][] expected = { // f MHz, 1F ms, 2F ms
        {5, 4.548474, 5.831849},
        {10, 4.370466, 5.607401},
        {15, 4.337501, 5.565836}};
    for (double[] row : expected) {
      List<ModePath> modes = MODEL.candidates(Transmitter.WWV, RX, row[0], 0L);
      ModePath f1 = find(modes, PropagationMode.F1);
      ModePath f2 = find(modes, PropagationMode.F2);
      System.out.printf("WWV→EM38ww %4.1f MHz: 1F %.4f ms (elev %.2f°), 2F %.4f ms (elev %.2f°)%n",
          row[0], f1.delayMs(), f1.elevationDeg(), f2.delayMs(), f2.elevationDeg());
      assertEquals(row[1], f1.delayMs(), 1e-4, "1F at " + row[0]);
      assertEquals(row[2], f2.delayMs(), 1e-4, "2F at " + row[0]);
      assertEquals(handDelay(1, row[0]), f1.delayMs(), 1e-6);
      assertEquals(handDelay(2, row[0]), f2.delayMs(), 1e-6);
    }
  }

  /** The formula of the class comment, evaluated here independently of the model code. */
  static double handDelay(int n, double fMHz) {
    double p1 = Math.toRadians(40.6807);
    double p2 = Math.toRadians(38.9375);
    double dl = Math.toRadians(-92.125 + 105.0407);
    double hav = Math.pow(Math.sin((p2 - p1) / 2), 2)
        + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dl / 2), 2);
    double d = R * 2 * Math.asin(Math.sqrt(hav));
    double phi = d / n / (2 * R);
    double rh = R + 300;
    double s = Math.sqrt(R * R + rh * rh - 2 * R * rh * Math.cos(phi));
    double e = Math.atan2(rh * Math.cos(phi) - R, rh * Math.sin(phi));
    double x = R * Math.cos(e) / (R + 100);
    double slant = 1 / Math.sqrt(1 - x * x);
    double k = 40.3e16 / (299_792_458.0 * 1e12) * 1e3;
    return 2 * n * s / C * 1e3 + n * k * 1.0 * 2 * slant / (fMHz * fMHz);
  }

  @Test
  void ionosphericConstantIsTheCorrectOneNotTheTenTimesSmallerComment() {
    assertEquals(1.3443, PropagationModel.IONO_DELAY_MS_MHZ2_PER_TECU, 1e-4);
  }

  @Test
  void sphericalPathIsLongerThanFlatEarthAndModesAreOrdered() {
    List<ModePath> modes = MODEL.candidates(Transmitter.WWV, RX, 10, 0L);
    ModePath f1 = find(modes, PropagationMode.F1);
    double flat = 2 * Math.sqrt(Math.pow(1119.056 / 2, 2) + 300 * 300);
    assertTrue(f1.pathKm() > flat + 20, "spherical " + f1.pathKm() + " vs flat " + flat);
    ModePath e1 = find(modes, PropagationMode.E1);
    ModePath f3 = find(modes, PropagationMode.F3);
    ModePath ef = find(modes, PropagationMode.EF);
    assertTrue(e1.delayMs() < f1.delayMs() && f1.delayMs() < find(modes, PropagationMode.F2).delayMs()
        && find(modes, PropagationMode.F2).delayMs() < f3.delayMs());
    assertTrue(ef.delayMs() > e1.delayMs() && ef.pathKm() > e1.pathKm(), "EF between 1E and 3F");
    assertNull(MODEL.path(PropagationMode.GW, 1119, 10, FIXED), "no ground wave at 1119 km");
    assertTrue(f1.heightSensitivityMsPerKm() > 0.0005 && f1.heightSensitivityMsPerKm() < 0.005);
  }

  @Test
  void longPathsExcludeImpossibleHopsAndDownWeightLowElevation() {
    // WWVH → EM38ww ≈ 6600 km: one F hop at 300 km cannot reach (max ≈ 3900 km)
    List<ModePath> modes = MODEL.candidates(Transmitter.WWVH, RX, 10, 0L);
    assertTrue(modes.stream().noneMatch(m -> m.mode() == PropagationMode.F1));
    assertTrue(modes.stream().noneMatch(m -> m.mode() == PropagationMode.E1));
    ModePath f2 = find(modes, PropagationMode.F2);
    assertTrue(f2.elevationDeg() < 10 && f2.priorWeight() < 1.0, "2F low elevation " + f2);
  }

  @Test
  void parametricIonosphereRaisesTheFLayerAtNightAndWithFrequency() {
    ParametricIonosphere iono = new ParametricIonosphere();
    GeoPoint mid = GreatCircle.midpoint(Transmitter.WWV.location(), RX);
    long noonLocal = 1_750_000_000L * 1_000_000_000L; // 2025-06-15 15:06 UTC ≈ 08:40 local solar
    IonosphereState day = iono.at(mid, noonLocal + 4L * 3600 * 1_000_000_000L);
    IonosphereState night = iono.at(mid, noonLocal + 16L * 3600 * 1_000_000_000L);
    assertTrue(day.cosSolarZenith() > 0.8, "midday " + day);
    assertTrue(night.cosSolarZenith() < 0, "night " + night);
    assertTrue(night.fVirtualHeightKm(3) > day.fVirtualHeightKm(3));
    assertTrue(day.fVirtualHeightKm(8) > day.fVirtualHeightKm(3));
    assertTrue(day.foF2MHz() > night.foF2MHz() && day.foEMHz() > 2.5);
  }

  static ModePath find(List<ModePath> modes, PropagationMode m) {
    return modes.stream().filter(p -> p.mode() == m).findFirst()
        .orElseThrow(() -> new AssertionError("mode " + m + " missing from " + modes));
  }
}
