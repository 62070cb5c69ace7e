package io.tickstream.core.hf.clock;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code clock_offset_series.csv} with the incumbent's column set (DOMAIN.md §1.8, seeds/003
 * §4.6): times as decimal Unix seconds (formatted exactly from integer nanoseconds, µs resolution),
 * unknown numbers as empty fields, booleans {@code true/false}, {@code processed_at} ISO-8601 UTC.
 */
public final class ClockOffsetCsv {
  /** Header columns in order. */
  public static final List<String> COLUMNS = List.of("system_time", "utc_time",
      "minute_boundary_utc", "clock_offset_ms", "station", "frequency_mhz",
      "propagation_delay_ms", "propagation_mode", "n_hops", "confidence", "uncertainty_ms",
      "quality_grade", "snr_db", "delay_spread_ms", "doppler_std_hz", "fss_db", "wwv_power_db",
      "wwvh_power_db", "discrimination_confidence", "utc_verified", "multi_station_verified",
      "rtp_timestamp", "processed_at");

  private final Writer out;
  private final Instant processedAt;
  private boolean headerWritten;

  /** @param processedAt value of {@code processed_at} for every row of this run */
  public ClockOffsetCsv(Writer out, Instant processedAt) {
    this.out = out;
    this.processedAt = processedAt;
  }

  public void writeHeader() throws IOException {
    out.write(String.join(",", COLUMNS));
    out.write('\n');
    headerWritten = true;
  }

  public void write(ClockOffsetMeasurement m) throws IOException {
    if (!headerWritten) {
      writeHeader();
    }
    String[] f = {
        epochSeconds(m.systemTimeNs()), epochSeconds(m.utcTimeNs()),
        epochSeconds(m.minuteBoundaryUtcNs()), num(m.clockOffsetMs(), 4), m.station().name(),
        num(m.frequencyMHz(), 4), num(m.propagationDelayMs(), 4),
        m.mode() == null ? "" : m.mode().label(), m.mode() == null ? "" : Integer.toString(m.mode().hops()),
        num(m.confidence(), 3), num(m.uncertaintyMs(), 4), m.grade().name(), num(m.snrDb(), 2),
        num(m.delaySpreadMs(), 3), num(m.dopplerStdHz(), 3), num(m.fssDb(), 2),
        num(m.context().wwvPowerDb(), 2), num(m.context().wwvhPowerDb(), 2),
        num(m.context().discriminationConfidence(), 3), Boolean.toString(m.utcVerified()),
        Boolean.toString(m.multiStationVerified()),
        m.context().rtpTimestamp() < 0 ? "" : Long.toString(m.context().rtpTimestamp()),
        processedAt.toString()};
    out.write(String.join(",", f));
    out.write('\n');
  }

  /** Exact decimal seconds of an epoch-ns instant, 6 decimals (µs, truncated toward zero). */
  public static String epochSeconds(long ns) {
    long us = Math.abs(ns / 1000L);
    return String.format(Locale.ROOT, "%s%d.%06d", ns < 0 && us != 0 ? "-" : "",
        us / 1_000_000L, us % 1_000_000L);
  }

  static String num(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "";
  }
}
