package io.tickstream.jobs.hf;

import io.tickstream.core.hf.Discrimination;
import io.tickstream.core.hf.MinuteAnalysis;
import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.StationTiming;
import io.tickstream.core.hf.TestSignalResult;
import io.tickstream.core.hf.ToneEvidence;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the discrimination / channel evidence of one {@link MinuteAnalysis} as rows of the
 * per-method daily CSVs of seeds/001 ("Test Signal CSV", "Station ID CSV") and DOMAIN.md §1.8
 * (ticks, Doppler). {@code timestamp_utc} and {@code minute_boundary} are the analysed minute's
 * boundary on the receiver's system clock (the evidence is per system minute; its D_clock is in
 * {@code clock_offset_series.csv}); NaN / unknown values are empty cells.
 */
public final class MinuteEvidenceCsv {
  private MinuteEvidenceCsv() {}

  /** Columns per method (file name part → header). */
  public static final Map<String, List<String>> COLUMNS = Map.of(
      "station_id", List.of("timestamp_utc", "minute_boundary", "minute_number", "ground_truth_station",
          "ground_truth_source", "ground_truth_power_db", "station_confidence", "dominant_station",
          "harmonic_ratio_500_1000", "harmonic_ratio_600_1200"),
      "test_signal", List.of("timestamp_utc", "minute_boundary", "minute_number", "detected", "station",
          "confidence", "multitone_score", "chirp_score", "snr_db", "fss_db", "delay_spread_ms", "toa_offset_ms",
          "coherence_time_sec"),
      "ticks", List.of("timestamp_utc", "wwv_snr_db", "wwvh_snr_db", "ratio_db", "wwv_tick_count",
          "wwvh_tick_count"),
      "doppler", List.of("timestamp_utc", "wwv_doppler_hz", "wwvh_doppler_hz", "wwv_doppler_std_hz",
          "wwvh_doppler_std_hz", "max_coherent_window_sec"));

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  /** The evidence rows of one analysed minute (test signal only in its scheduled minutes, station ID where tones were measured). */
  public static List<EvidenceLine> lines(MinuteAnalysis a) {
    long ns = a.minuteStartSystemNs();
    Instant t = Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    String ts = t.toString();
    String boundary = Long.toString(Math.floorDiv(ns, 1_000_000_000L));
    String minute = Integer.toString(t.atZone(ZoneOffset.UTC).getMinute());
    String day = DAY.format(t);
    String channel = a.channel().replace(' ', '_').replace('.', '_');
    List<EvidenceLine> out = new ArrayList<>();
    Discrimination d = a.discrimination();
    ToneEvidence tones = a.tones();
    if (tones != null) {
      String gtStation = "";
      String gtSource = "";
      double gtPower = Double.NaN;
      if (tones.exclusive()) {
        boolean wwv = !Double.isNaN(tones.wwvToneSnrDb())
            && (Double.isNaN(tones.wwvhToneSnrDb()) || tones.wwvToneSnrDb() >= tones.wwvhToneSnrDb());
        gtStation = wwv ? "WWV" : "WWVH";
        gtSource = (wwv ? tones.wwvToneHz() : tones.wwvhToneHz()) + "hz_tone";
        gtPower = wwv ? tones.wwvToneSnrDb() : tones.wwvhToneSnrDb();
      }
      out.add(line(channel, "station_id", day, ns, ts, boundary, minute, gtStation, gtSource, num(gtPower),
          d == null ? "" : num(d.confidence()), d == null ? "" : d.dominant().name(),
          num(tones.harmonicRatio500Db()), num(tones.harmonicRatio600Db())));
    }
    TestSignalResult s = a.testSignal();
    if (s != null) {
      double snr = s.station() == null ? Double.NaN
          : a.timing(s.station()).map(StationTiming::snrDb).orElse(Double.NaN);
      out.add(line(channel, "test_signal", day, ns, ts, boundary, minute, Boolean.toString(s.detected()),
          s.station() == null ? "" : s.station().name(), num(s.confidence()), num(s.multitoneScore()),
          num(s.chirpScore()), num(snr), num(s.frequencySelectivityDb()), num(s.delaySpreadMs()),
          num(s.toaOffsetMs()), num(a.coherenceTimeS())));
    }
    StationTiming wwv = a.timing(Station.WWV).orElse(null);
    StationTiming wwvh = a.timing(Station.WWVH).orElse(null);
    if (wwv != null || wwvh != null) {
      double ws = wwv == null ? Double.NaN : wwv.snrDb();
      double hs = wwvh == null ? Double.NaN : wwvh.snrDb();
      out.add(line(channel, "ticks", day, ns, ts, num(ws), num(hs), num(ws - hs),
          wwv == null ? "" : Integer.toString(wwv.ticksUsed()), wwvh == null ? "" : Integer.toString(wwvh.ticksUsed())));
      out.add(line(channel, "doppler", day, ns, ts, num(wwv == null ? Double.NaN : wwv.dopplerHz()),
          num(wwvh == null ? Double.NaN : wwvh.dopplerHz()), num(wwv == null ? Double.NaN : wwv.dopplerSpreadHz()),
          num(wwvh == null ? Double.NaN : wwvh.dopplerSpreadHz()), num(a.coherenceTimeS())));
    }
    return out;
  }

  private static EvidenceLine line(String channel, String method, String day, long ns, String... cells) {
    return new EvidenceLine(channel, method, day, ns, String.join(",", cells));
  }

  private static String num(double v) {
    if (!Double.isFinite(v)) {
      return "";
    }
    String s = String.format(Locale.ROOT, "%.4f", v);
    return s.equals("-0.0000") ? "0.0000" : s;
  }
}
