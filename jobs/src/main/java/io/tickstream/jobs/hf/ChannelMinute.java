package io.tickstream.jobs.hf;

import io.tickstream.core.hf.clock.ArrivalObservation;
import io.tickstream.core.hf.clock.ClockOffsetMeasurement;

/**
 * Phase 2 result of one channel and minute: the solver observations of its stations (for the
 * per-receiver fusion) and the channel's own D_clock.
 */
public record ChannelMinute(String receiver, String channel, double frequencyHz, long minuteStartSystemNs,
    ArrivalObservation[] observations, ClockOffsetMeasurement channelOffset) {}
