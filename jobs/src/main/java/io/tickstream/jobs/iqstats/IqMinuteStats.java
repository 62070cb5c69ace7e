package io.tickstream.jobs.iqstats;

/**
 * Completeness of one channel in one system-time minute.
 *
 * @param channel channel name
 * @param minuteStartNs start of the minute (system time), ns since the epoch
 * @param blocks IQ blocks whose first sample falls in the minute
 * @param samples samples received in those blocks
 * @param gapSamples samples reported missing immediately before those blocks
 */
public record IqMinuteStats(String channel, long minuteStartNs, long blocks, long samples, long gapSamples) {}
