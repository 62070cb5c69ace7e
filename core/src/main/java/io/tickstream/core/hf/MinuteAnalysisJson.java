package io.tickstream.core.hf;

import java.util.List;
import java.util.Locale;

/** One-line JSON rendering of a {@link MinuteAnalysis} (NaN/absent values become {@code null}). */
public final class MinuteAnalysisJson {
  private MinuteAnalysisJson() {}

  public static String toJson(MinuteAnalysis m) {
    StringBuilder b = new StringBuilder(1024).append('{');
    field(b, "channel", m.channel()).append(',');
    num(b, "frequency_hz", m.frequencyHz()).append(',');
    b.append("\"minute_start_system_ns\":").append(m.minuteStartSystemNs()).append(',');
    b.append("\"utc_minute_start_ns\":").append(m.utcMinuteStartNs() == null ? "null" : m.utcMinuteStartNs()).append(',');
    b.append("\"usable\":").append(m.usable()).append(',');
    num(b, "completeness", m.completeness()).append(',');
    b.append("\"stations\":[");
    for (int i = 0; i < m.stations().size(); i++) {
      StationTiming t = m.stations().get(i);
      b.append(i > 0 ? "," : "").append('{');
      field(b, "station", t.station().name()).append(',');
      num(b, "arrival_offset_ms", t.arrivalOffsetMs()).append(',');
      num(b, "arrival_uncertainty_ms", t.arrivalUncertaintyMs()).append(',');
      num(b, "snr_db", t.snrDb()).append(',');
      b.append("\"ticks_used\":").append(t.ticksUsed()).append(',');
      num(b, "marker_offset_ms", t.markerOffsetMs()).append(',');
      num(b, "marker_snr_db", t.markerSnrDb()).append(',');
      num(b, "delay_spread_ms", t.delaySpreadMs()).append(',');
      num(b, "doppler_hz", t.dopplerHz()).append(',');
      num(b, "doppler_spread_hz", t.dopplerSpreadHz()).append(',');
      num(b, "frequency_selectivity_db", t.frequencySelectivityDb()).append(',');
      b.append("\"usable\":").append(t.usable()).append('}');
    }
    b.append("],\"time_code\":");
    TimeCode c = m.timeCode();
    if (c == null) {
      b.append("null");
    } else {
      b.append('{');
      field(b, "source", c.source().name()).append(',');
      b.append("\"year\":").append(c.year()).append(",\"day_of_year\":").append(c.dayOfYear())
          .append(",\"hour\":").append(c.hour()).append(",\"minute\":").append(c.minute()).append(',');
      num(b, "dut1_s", c.dut1Seconds()).append(',');
      b.append("\"leap_second_warning\":").append(c.leapSecondWarning()).append(",\"dst_bits\":").append(c.dstBits())
          .append(",\"tai_minus_utc_s\":").append(c.taiMinusUtcSeconds()).append(",\"valid\":").append(c.valid())
          .append(",\"errors\":").append(c.errors()).append(',');
      num(b, "confidence", c.confidence()).append('}');
    }
    b.append(",\"tones\":");
    ToneEvidence t = m.tones();
    if (t == null) {
      b.append("null");
    } else {
      b.append('{');
      num(b, "snr_500_db", t.snr500Db()).append(',');
      num(b, "snr_600_db", t.snr600Db()).append(',');
      num(b, "snr_440_db", t.snr440Db()).append(',');
      num(b, "snr_1000_db", t.snr1000Db()).append(',');
      num(b, "snr_1200_db", t.snr1200Db()).append(',');
      num(b, "harmonic_ratio_500_1000_db", t.harmonicRatio500Db()).append(',');
      num(b, "harmonic_ratio_600_1200_db", t.harmonicRatio600Db()).append(',');
      b.append("\"wwv_tone_hz\":").append(t.wwvToneHz()).append(",\"wwvh_tone_hz\":").append(t.wwvhToneHz())
          .append(",\"exclusive\":").append(t.exclusive()).append('}');
    }
    b.append(",\"test_signal\":");
    TestSignalResult s = m.testSignal();
    if (s == null) {
      b.append("null");
    } else {
      b.append('{');
      field(b, "station", s.station().name()).append(",\"detected\":").append(s.detected()).append(',');
      num(b, "confidence", s.confidence()).append(',');
      num(b, "multitone_score", s.multitoneScore()).append(',');
      num(b, "chirp_score", s.chirpScore()).append(',');
      num(b, "noise_score", s.noiseScore()).append(',');
      num(b, "correlation", s.overallCorrelation()).append(',');
      num(b, "toa_offset_ms", s.toaOffsetMs()).append(',');
      num(b, "delay_spread_ms", s.delaySpreadMs()).append(',');
      num(b, "frequency_selectivity_db", s.frequencySelectivityDb()).append('}');
    }
    b.append(',');
    num(b, "doppler_hz", m.dopplerHz()).append(',');
    num(b, "doppler_spread_hz", m.dopplerSpreadHz()).append(',');
    num(b, "coherence_time_s", m.coherenceTimeS()).append(',');
    num(b, "chu_fsk_arrival_offset_ms", m.chuFskArrivalOffsetMs()).append(',');
    Discrimination d = m.discrimination();
    b.append("\"discrimination\":{");
    field(b, "dominant", d.dominant().name()).append(',');
    num(b, "confidence", d.confidence()).append(',');
    num(b, "wwv_score", d.wwvScore()).append(',');
    num(b, "wwvh_score", d.wwvhScore()).append(",\"votes\":[");
    List<Discrimination.Vote> votes = d.votes();
    for (int i = 0; i < votes.size(); i++) {
      Discrimination.Vote v = votes.get(i);
      b.append(i > 0 ? "," : "").append('{');
      field(b, "method", v.method()).append(',');
      field(b, "station", v.station() == null ? null : v.station().name()).append(',');
      num(b, "weight", v.weight()).append(',');
      num(b, "ratio_db", v.ratioDb()).append('}');
    }
    b.append("]},\"notes\":[");
    for (int i = 0; i < m.notes().size(); i++) {
      b.append(i > 0 ? "," : "");
      quote(b, m.notes().get(i));
    }
    return b.append("]}").toString();
  }

  private static StringBuilder field(StringBuilder b, String k, String v) {
    b.append('"').append(k).append("\":");
    if (v == null) {
      return b.append("null");
    }
    return quote(b, v);
  }

  private static StringBuilder num(StringBuilder b, String k, double v) {
    b.append('"').append(k).append("\":");
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return b.append("null");
    }
    return b.append(String.format(Locale.ROOT, "%.6g", v));
  }

  private static StringBuilder quote(StringBuilder b, String s) {
    b.append('"');
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (ch < 0x20) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"');
  }
}
