package io.tickstream.core.hf.clock;

import java.util.Locale;

/**
 * HF time-signal transmitters with their antenna coordinates (DOMAIN.md §1.2, from the
 * incumbent's {@code core/wwv_constants.py}: NIST for WWV/WWVH, NRC for CHU).
 */
public enum Transmitter {
  /** WWV, Fort Collins, Colorado: 40°40'50.5"N 105°02'26.6"W. */
  WWV(new GeoPoint(40.6807, -105.0407), 1000.0),
  /** WWVH, Kekaha, Kauai, Hawaii: 21°59'14"N 159°45'49"W. */
  WWVH(new GeoPoint(21.9872, -159.7636), 1200.0),
  /** CHU, Ottawa, Ontario: 45°17'43"N 75°45'16"W (off the air since 2026-06, DOMAIN.md §0.1). */
  CHU(new GeoPoint(45.2953, -75.7544), 1000.0);

  private final GeoPoint location;
  private final double tickFrequencyHz;

  Transmitter(GeoPoint location, double tickFrequencyHz) {
    this.location = location;
    this.tickFrequencyHz = tickFrequencyHz;
  }

  /** Period of the second-tick audio tone (ms): 1 ms at 1000 Hz, 0.833 ms at 1200 Hz. */
  public double tickCycleMs() {
    return 1000.0 / tickFrequencyHz;
  }

  public GeoPoint location() {
    return location;
  }

  /** The transmitter of a minute-analysis station. */
  public static Transmitter of(io.tickstream.core.hf.Station station) {
    return valueOf(station.name());
  }

  /** Parses a station name case-insensitively ("wwv", "WWVH", "CHU"). */
  public static Transmitter parse(String name) {
    if (name == null) {
      throw new IllegalArgumentException("station name is null");
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown station '" + name + "' (expected WWV, WWVH or CHU)");
    }
  }
}
