package io.tickstream.core.hf.clock;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes the complete series as the seed 003 §4.6 JSON document: {@code channel_name},
 * {@code frequency_hz}, {@code receiver_grid}, {@code version}, {@code measurements[]} (every CSV
 * column of {@link ClockOffsetCsv} as a typed field; unknown numbers {@code null}).
 */
public final class ClockOffsetJson {
  private ClockOffsetJson() {}

  public static void write(Writer out, String channelName, double frequencyHz, String receiverGrid,
      String version, List<ClockOffsetMeasurement> series) throws IOException {
    StringBuilder sb = new StringBuilder(256 + series.size() * 512);
    sb.append("{\n  \"channel_name\": ").append(str(channelName))
        .append(",\n  \"frequency_hz\": ").append(num(frequencyHz))
        .append(",\n  \"receiver_grid\": ").append(str(receiverGrid))
        .append(",\n  \"version\": ").append(str(version))
        .append(",\n  \"measurements\": [");
    for (int i = 0; i < series.size(); i++) {
      ClockOffsetMeasurement m = series.get(i);
      sb.append(i == 0 ? "\n    {" : ",\n    {");
      sb.append("\"system_time\": ").append(ClockOffsetCsv.epochSeconds(m.systemTimeNs()))
          .append(", \"utc_time\": ").append(ClockOffsetCsv.epochSeconds(m.utcTimeNs()))
          .append(", \"minute_boundary_utc\": ")
          .append(ClockOffsetCsv.epochSeconds(m.minuteBoundaryUtcNs()))
          .append(", \"clock_offset_ms\": ").append(num(m.clockOffsetMs()))
          .append(", \"station\": ").append(str(m.station().name()))
          .append(", \"frequency_mhz\": ").append(num(m.frequencyMHz()))
          .append(", \"propagation_delay_ms\": ").append(num(m.propagationDelayMs()))
          .append(", \"propagation_mode\": ").append(m.mode() == null ? "null" : str(m.mode().label()))
          .append(", \"n_hops\": ").append(m.mode() == null ? "null" : m.mode().hops())
          .append(", \"confidence\": ").append(num(m.confidence()))
          .append(", \"uncertainty_ms\": ").append(num(m.uncertaintyMs()))
          .append(", \"quality_grade\": ").append(str(m.grade().name()))
          .append(", \"snr_db\": ").append(num(m.snrDb()))
          .append(", \"delay_spread_ms\": ").append(num(m.delaySpreadMs()))
          .append(", \"doppler_std_hz\": ").append(num(m.dopplerStdHz()))
          .append(", \"fss_db\": ").append(num(m.fssDb()))
          .append(", \"wwv_power_db\": ").append(num(m.context().wwvPowerDb()))
          .append(", \"wwvh_power_db\": ").append(num(m.context().wwvhPowerDb()))
          .append(", \"discrimination_confidence\": ")
          .append(num(m.context().discriminationConfidence()))
          .append(", \"utc_verified\": ").append(m.utcVerified())
          .append(", \"multi_station_verified\": ").append(m.multiStationVerified())
          .append(", \"rtp_timestamp\": ")
          .append(m.context().rtpTimestamp() < 0 ? "null" : Long.toString(m.context().rtpTimestamp()))
          .append("}");
    }
    sb.append(series.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    out.write(sb.toString());
  }

  static String num(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "null";
  }

  static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
