package io.tickstream.core.hf.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeometryTest {

  @Test
  void maidenheadCellCentresFor4And6And8Characters() {
    // EM38: field E (lon −100), M (lat 30); square 3 (+6°), 8 (+8°); centre +1° / +0.5°
    GeoPoint em38 = Maidenhead.toPoint("EM38");
    assertEquals(38.5, em38.latDeg(), 1e-9);
    assertEquals(-93.0, em38.lonDeg(), 1e-9);
    // EM38ww: subsquare w = 22 → lon −94 + 22·5′ = −92.1667, lat 38 + 22·2.5′ = 38.9167; centre +2.5′/+1.25′
    GeoPoint ww = Maidenhead.toPoint("em38WW");
    assertEquals(38.9375, ww.latDeg(), 1e-9);
    assertEquals(-92.125, ww.lonDeg(), 1e-9);
    // EM38ww55: extended square 30″ × 15″, digit 5 each
    GeoPoint ext = Maidenhead.toPoint("EM38ww55");
    assertEquals(38.9167 + 5 * 0.25 / 60 + 0.125 / 60, ext.latDeg(), 1e-4);
    assertEquals(-92.1667 + 5 * 0.5 / 60 + 0.25 / 60, ext.lonDeg(), 1e-4);
  }

  @Test
  void maidenheadRejectsMalformedLocatorsNamingTheProblem() {
    var e = assertThrows(IllegalArgumentException.class, () -> Maidenhead.toPoint("EM3"));
    assertTrue(e.getMessage().contains("4, 6 or 8"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Maidenhead.toPoint("ZM38"));
    assertTrue(e.getMessage().contains("character 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Maidenhead.toPoint("EM38wz"));
    assertTrue(e.getMessage().contains("character 6"), e.getMessage());
  }

  @Test
  void greatCircleDistanceBearingAndMidpoint() {
    GeoPoint rx = Maidenhead.toPoint("EM38ww");
    // haversine by hand (python): d = 6371·2·asin(√(sin²(Δφ/2) + cosφ1·cosφ2·sin²(Δλ/2)))
    assertEquals(1119.056, GreatCircle.distanceKm(Transmitter.WWV.location(), rx), 0.01);
    assertEquals(10007.5, GreatCircle.distanceKm(new GeoPoint(0, 0), new GeoPoint(90, 0)), 0.1);
    assertEquals(90.0, GreatCircle.initialBearingDeg(new GeoPoint(0, 0), new GeoPoint(0, 10)), 1e-9);
    assertEquals(0.0, GreatCircle.initialBearingDeg(new GeoPoint(10, 5), new GeoPoint(20, 5)), 1e-9);
    double b = GreatCircle.initialBearingDeg(Transmitter.WWV.location(), rx);
    assertTrue(b > 95 && b < 105, "WWV → Missouri heads east-south-east: " + b);
    GeoPoint mid = GreatCircle.midpoint(new GeoPoint(0, 0), new GeoPoint(0, 90));
    assertEquals(0.0, mid.latDeg(), 1e-9);
    assertEquals(45.0, mid.lonDeg(), 1e-9);
    GeoPoint m2 = GreatCircle.midpoint(Transmitter.WWV.location(), rx);
    double d1 = GreatCircle.distanceKm(Transmitter.WWV.location(), m2);
    double d2 = GreatCircle.distanceKm(m2, rx);
    assertEquals(d1, d2, 1e-6);
    // across the antimeridian
    GeoPoint m3 = GreatCircle.midpoint(new GeoPoint(0, 170), new GeoPoint(0, -170));
    assertEquals(-180.0, m3.lonDeg(), 1e-9);
  }

  @Test
  void stationDistancesFromTheSeedReceiver() {
    GeoPoint rx = Maidenhead.toPoint("EM38ww");
    double wwvh = GreatCircle.distanceKm(Transmitter.WWVH.location(), rx);
    double chu = GreatCircle.distanceKm(Transmitter.CHU.location(), rx);
    System.out.printf("EM38ww: WWV %.1f km, WWVH %.1f km, CHU %.1f km%n",
        GreatCircle.distanceKm(Transmitter.WWV.location(), rx), wwvh, chu);
    assertTrue(wwvh > 6550 && wwvh < 6650, "WWVH " + wwvh);
    assertTrue(chu > 1400 && chu < 1600, "CHU " + chu);
  }
}
