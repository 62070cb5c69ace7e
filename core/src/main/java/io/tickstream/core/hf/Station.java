package io.tickstream.core.hf;

/** A time-signal transmitter whose on-time markers can be measured (DOMAIN.md §1.2). */
public enum Station {
  /** NIST WWV, Fort Collins CO: 1000 Hz ticks and 0.8 s minute marker. */
  WWV(1000.0),
  /** NIST WWVH, Kauai HI: 1200 Hz ticks and 0.8 s minute marker. */
  WWVH(1200.0),
  /** NRC CHU, Ottawa: 1000 Hz, 0.5 s minute marker (1 s at the hour), Bell 103 FSK time code. */
  CHU(1000.0);

  private final double tickFrequencyHz;

  Station(double tickFrequencyHz) {
    this.tickFrequencyHz = tickFrequencyHz;
  }

  /** Audio frequency of the second ticks and (except at the hour for WWV/WWVH) the minute marker. */
  public double tickFrequencyHz() {
    return tickFrequencyHz;
  }
}
