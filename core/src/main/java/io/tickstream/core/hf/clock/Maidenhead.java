package io.tickstream.core.hf.clock;

import java.util.Locale;

/**
 * Maidenhead locator (IARU grid square) → centre of its cell.
 *
 * <p>Pairs: field (A–R, 20°×10°), square (0–9, 2°×1°), subsquare (a–x, 5′×2.5′), extended square
 * (0–9, 30″×15″). Longitude is the first character of each pair, latitude the second, counted from
 * 180°W / 90°S. The returned point is the centre of the smallest cell given, e.g. {@code EM38ww} →
 * 38.9375°N, 92.1250°W. Source: IARU Region 1 VHF Managers' Handbook, "Maidenhead locator".
 */
public final class Maidenhead {
  private Maidenhead() {}

  /** Parses a 4-, 6- or 8-character locator (case-insensitive) to the centre of its cell. */
  public static GeoPoint toPoint(String locator) {
    if (locator == null) {
      throw new IllegalArgumentException("Maidenhead locator is null");
    }
    String g = locator.trim().toUpperCase(Locale.ROOT);
    if (g.length() != 4 && g.length() != 6 && g.length() != 8) {
      throw new IllegalArgumentException(
          "Maidenhead locator must have 4, 6 or 8 characters: '" + locator + "'");
    }
    double lon = -180.0;
    double lat = -90.0;
    double lonSize = 20.0;
    double latSize = 10.0;
    lon += digit(g, 0, 'A', 18, locator) * lonSize;
    lat += digit(g, 1, 'A', 18, locator) * latSize;
    lonSize /= 10.0;
    latSize /= 10.0;
    lon += digit(g, 2, '0', 10, locator) * lonSize;
    lat += digit(g, 3, '0', 10, locator) * latSize;
    if (g.length() >= 6) {
      lonSize /= 24.0;
      latSize /= 24.0;
      lon += digit(g, 4, 'A', 24, locator) * lonSize;
      lat += digit(g, 5, 'A', 24, locator) * latSize;
    }
    if (g.length() == 8) {
      lonSize /= 10.0;
      latSize /= 10.0;
      lon += digit(g, 6, '0', 10, locator) * lonSize;
      lat += digit(g, 7, '0', 10, locator) * latSize;
    }
    return new GeoPoint(lat + latSize / 2.0, lon + lonSize / 2.0);
  }

  private static int digit(String g, int index, char base, int count, String original) {
    int v = g.charAt(index) - base;
    if (v < 0 || v >= count) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "Maidenhead locator '%s': character %d ('%c') must be in %c..%c", original, index + 1,
          original.charAt(index), base, (char) (base + count - 1)));
    }
    return v;
  }
}
