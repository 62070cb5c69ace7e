package io.tickstream.jobs.hf;

import io.tickstream.core.hf.clock.ClockOffsetMeasurement;

/**
 * One row of the versioned clock-offset series: a channel's own D_clock, or the receiver's fused one
 * ({@code channel = FUSED}).
 */
public record ClockOffsetRow(String receiver, String channel, double frequencyHz, String version,
    ClockOffsetMeasurement measurement) {

  public boolean fused() {
    return HfJobConfig.FUSED.equals(channel);
  }
}
