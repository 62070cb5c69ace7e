package io.tickstream.jobs.hf;

import io.tickstream.core.hf.Discrimination;
import io.tickstream.core.hf.MethodEvidence;
import io.tickstream.core.hf.MinuteAnalysis;
import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.StationTiming;
import io.tickstream.core.hf.TestSignalResult;
import io.tickstream.core.hf.TimeCode;
import io.tickstream.core.hf.TickIntegration;
import io.tickstream.core.hf.ToneEvidence;
import io.tickstream.core.hf.analysis.BcdCorrelator;
import io.tickstream.core.hf.analysis.ChuFskDecoder;
import io.tickstream.core.hf.format.UtcMinute;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the discrimination / channel evidence of one {@link MinuteAnalysis} as rows of the
 * per-method daily CSVs of seeds/001 ("Test Signal CSV", "Station ID CSV", and the "CHU FSK CSV" it
 * lists as future work) and DOMAIN.md §1.8 (tones, ticks, 440 Hz, BCD, Doppler). Every value is a
 * measurement of this minute's signal (see the core records named below for formulas); NaN / not
 * measured values are empty cells.
 *
 * <p><b>Time stamps.</b> {@code timestamp_utc} and {@code minute_boundary} are the analysed minute's
 * boundary on the receiver's <em>system</em> clock, not UTC: the evidence is produced per channel
 * before the fused D_clock of the minute exists, and keeping the system minute makes each row's key the
 * same as the {@code system_time} of the minute's row in {@code clock_offset_series.csv} (whose
 * {@code utc_time} and {@code clock_offset_ms} give the UTC instant). The column name is the one of
 * seeds/001.
 *
 * <p><b>Windows.</b> grape writes ticks and BCD rows per sliding 10 s window. The ticks CSV here has,
 * per minute, first the whole minute ({@code window_second} 0, {@code window_length_sec} 60), then its
 * six 10 s windows (seconds 0, 10, … 50; length 10); the BCD CSV likewise ({@code window_start_sec},
 * {@code window_length_sec}), its windows fitted with the code of the window only.
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
          "coherence_time_sec", "noise_correlation", "burst_toa_offset_ms", "noise1_score", "noise2_score",
          "noise_coherence_diff"),
      "ticks", List.of("timestamp_utc", "window_second", "window_length_sec", "coherent_wwv_snr_db",
          "coherent_wwvh_snr_db", "incoherent_wwv_snr_db", "incoherent_wwvh_snr_db", "coherence_quality_wwv", "coherence_quality_wwvh",
          "integration_method", "wwv_snr_db", "wwvh_snr_db", "ratio_db", "tick_count", "wwv_tick_count",
          "wwvh_tick_count"),
      "doppler", List.of("timestamp_utc", "wwv_doppler_hz", "wwvh_doppler_hz", "wwv_doppler_std_hz",
          "wwvh_doppler_std_hz", "max_coherent_window_sec", "doppler_quality", "wwv_doppler_quality",
          "wwvh_doppler_quality", "coherence_time_sec"),
      "tones", List.of("timestamp_utc", "station", "frequency_hz", "duration_sec", "timing_error_ms", "snr_db",
          "tone_power_db", "confidence", "use_for_time_snap"),
      "tone_440hz", List.of("timestamp_utc", "minute_number", "wwv_detected", "wwvh_detected", "wwv_power_db",
          "wwvh_power_db"),
      "bcd", List.of("timestamp_utc", "window_start_sec", "window_length_sec", "wwv_amplitude", "wwvh_amplitude",
          "differential_delay_ms", "correlation_quality", "amplitude_ratio_db", "wwv_delay_ms", "wwvh_delay_ms"),
      "chu_fsk", List.of("timestamp_utc", "minute_number", "decoded", "valid_frames_a", "frame_b_valid",
          "decoded_utc", "decoded_minus_system_s", "dut1_s", "tai_utc_s", "leap_second_warning", "dst_bits",
          "bit_confidence", "errors", "fsk_arrival_offset_ms", "tone_arrival_offset_ms", "fsk_minus_tone_ms"));

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  /**
   * The evidence rows of one analysed minute: station ID where tones were measured, test signal only
   * in its scheduled minutes, ticks and Doppler on WWV/WWVH channels, tones per station whose minute
   * marker was found (several rows under one minute, station order), 440 Hz in minutes 1 and 2, BCD
   * where the two-station correlation ran, CHU FSK where CHU's timing was usable.
   */
  public static List<EvidenceLine> lines(MinuteAnalysis a) {
    long ns = a.minuteStartSystemNs();
    Instant t = Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    String ts = t.toString();
    String boundary = Long.toString(Math.floorDiv(ns, 1_000_000_000L));
    String minute = Integer.toString(t.atZone(ZoneOffset.UTC).getMinute());
    String day = DAY.format(t);
    String channel = a.channel().replace(' ', '_').replace('.', '_');
    MethodEvidence me = a.methods();
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
      if (!Double.isNaN(tones.snr440Db())) {
        // the minute the analyzer measured 440 Hz in: the decoded UTC minute, else the system minute
        int program = a.utcMinuteStartNs() != null ? UtcMinute.ofEpochNs(a.utcMinuteStartNs()).minute()
            : t.atZone(ZoneOffset.UTC).getMinute();
        Station sender = program == 1 ? Station.WWVH : Station.WWV; // DOMAIN.md §1.4: minute 1 WWVH, 2 WWV
        String det = Boolean.toString(tones.tone440Detected());
        String pow = num(tones.snr440Db());
        out.add(line(channel, "tone_440hz", day, ns, ts, Integer.toString(program),
            sender == Station.WWV ? det : "", sender == Station.WWVH ? det : "",
            sender == Station.WWV ? pow : "", sender == Station.WWVH ? pow : ""));
      }
    }
    TestSignalResult s = a.testSignal();
    if (s != null) {
      double snr = s.station() == null ? Double.NaN
          : a.timing(s.station()).map(StationTiming::snrDb).orElse(Double.NaN);
      out.add(line(channel, "test_signal", day, ns, ts, boundary, minute, Boolean.toString(s.detected()),
          s.station() == null ? "" : s.station().name(), num(s.confidence()), num(s.multitoneScore()),
          num(s.chirpScore()), num(snr), num(s.frequencySelectivityDb()), num(s.delaySpreadMs()),
          num(s.toaOffsetMs()), num(a.coherenceTimeS()), num(s.noiseScore()), num(s.burstToaOffsetMs()),
          num(s.noise1Score()), num(s.noise2Score()), num(s.noiseCoherenceDiff())));
    }
    StationTiming wwv = a.timing(Station.WWV).orElse(null);
    StationTiming wwvh = a.timing(Station.WWVH).orElse(null);
    if (wwv != null || wwvh != null) {
      out.add(ticks(channel, day, ns, ts, wwv, wwvh, me));
      out.add(doppler(channel, day, ns, ts, wwv, wwvh, me, a.coherenceTimeS()));
    }
    if (!me.markerTones().isEmpty()) {
      String rows = me.markerTones().stream()
          .sorted((x, y) -> x.station().compareTo(y.station()))
          .map(m -> String.join(",", ts, m.station().name(), num(m.frequencyHz()), num(m.durationS()),
              num(m.timingErrorMs()), num(m.snrDb()), num(m.tonePowerDb()), num(m.confidence()),
              Boolean.toString(m.useForTimeSnap())))
          .collect(Collectors.joining("\n"));
      out.add(new EvidenceLine(channel, "tones", day, ns, rows));
    }
    if (!me.bcdSpans().isEmpty()) {
      String rows = me.bcdSpans().stream().map(w -> {
        BcdCorrelator.Result b = w.result();
        return String.join(",", ts, Integer.toString(w.startSecond()), Integer.toString(w.lengthSeconds()),
            num(b.wwvAmplitude()), num(b.wwvhAmplitude()), num(b.differentialDelayMs()), num(b.quality()),
            num(b.amplitudeRatioDb()), num(b.wwvDelayMs()), num(b.wwvhDelayMs()));
      }).collect(Collectors.joining("\n"));
      out.add(new EvidenceLine(channel, "bcd", day, ns, rows));
    }
    ChuFskDecoder.Result fsk = me.chuFsk();
    if (fsk != null) {
      out.add(chuFsk(channel, day, ns, ts, minute, fsk, a.timing(Station.CHU).orElse(null)));
    }
    return out;
  }

  /**
   * CHU FSK row (seeds/001 "CHU FSK CSV Output"; {@link ChuFskDecoder}): {@code decoded} = a valid time
   * code (frame A majority and frame B), {@code valid_frames_a} of the 8 A frames (seconds 32–39) that
   * passed their repeat check, the decoded minute and {@code decoded_minus_system_s} = decoded UTC minute
   * − system minute (≈ 0 for a right decode of a clock within ±30 s; a multiple of 60 s flags a wrong
   * decode or clock), DUT1 / TAI−UTC / leap warning / DST bits of frame B, the mean soft bit confidence
   * |Pm − Ps|/(Pm + Ps), and the two CHU arrival times relative to the system minute: from the FSK frame
   * end (the last stop bit ends at exactly 500 ms, DOMAIN.md §5.4) and from the tone/tick timing; their
   * difference cross-checks the timing (≈ 0 on a clean path).
   */
  private static EvidenceLine chuFsk(String channel, String day, long ns, String ts, String minute,
      ChuFskDecoder.Result fsk, StationTiming chu) {
    TimeCode tc = fsk.timeCode();
    boolean hasMinute = tc != null && tc.utcMinuteStartNs() != Long.MIN_VALUE;
    double toneMs = chu == null ? Double.NaN : chu.arrivalOffsetMs();
    return line(channel, "chu_fsk", day, ns, ts, minute, Boolean.toString(tc != null && tc.valid()),
        Integer.toString(fsk.validFramesA()), Boolean.toString(fsk.frameBValid()),
        hasMinute ? Instant.ofEpochSecond(Math.floorDiv(tc.utcMinuteStartNs(), 1_000_000_000L)).toString() : "",
        hasMinute ? num((tc.utcMinuteStartNs() - ns) / 1e9) : "",
        tc == null ? "" : num(tc.dut1Seconds()),
        tc == null || tc.taiMinusUtcSeconds() < 0 ? "" : Integer.toString(tc.taiMinusUtcSeconds()),
        tc == null || !fsk.frameBValid() ? "" : Boolean.toString(tc.leapSecondWarning()),
        tc == null || tc.dstBits() < 0 ? "" : Integer.toString(tc.dstBits()),
        tc == null ? "" : num(tc.confidence()), tc == null ? "" : Integer.toString(tc.errors()),
        num(fsk.fskArrivalOffsetMs()), num(toneMs), num(fsk.fskArrivalOffsetMs() - toneMs));
  }

  /**
   * Ticks rows, one CSV line each: the whole minute, then each 10 s window ({@link TickIntegration#windows()})
   * that either station has. Per station the coherent / incoherent SNR and coherence quality of the span;
   * {@code integration_method} is the better method of the station with the higher tick SNR (minute row:
   * the timing's tick SNR; window rows: the window's better integration SNR);
   * {@code wwv_snr_db}, {@code wwvh_snr_db}, {@code ratio_db} are the timing's tick stack SNRs, on the
   * minute row only; tick counts are the tick seconds integrated in the span.
   */
  private static EvidenceLine ticks(String channel, String day, long ns, String ts, StationTiming wwv,
      StationTiming wwvh, MethodEvidence me) {
    TickIntegration iw = me.ticks(Station.WWV).orElse(null);
    TickIntegration ih = me.ticks(Station.WWVH).orElse(null);
    double ws = wwv == null ? Double.NaN : wwv.snrDb();
    double hs = wwvh == null ? Double.NaN : wwvh.snrDb();
    TickIntegration.Window mw = iw == null ? null : iw.minute();
    TickIntegration.Window mh = ih == null ? null : ih.minute();
    List<String> rows = new ArrayList<>();
    rows.add(ticksRow(ts, 0, 60, mw, mh, method(mw, mh, ws, hs), ws, hs,
        wwv == null ? "" : Integer.toString(wwv.ticksUsed()), wwvh == null ? "" : Integer.toString(wwvh.ticksUsed())));
    for (int start = 0; start < 60; start += TickIntegration.WINDOW_S) {
      TickIntegration.Window w = iw == null ? null : iw.window(start).orElse(null);
      TickIntegration.Window h = ih == null ? null : ih.window(start).orElse(null);
      if (w != null || h != null) {
        rows.add(ticksRow(ts, start, TickIntegration.WINDOW_S, w, h, method(w, h, best(w), best(h)), Double.NaN,
            Double.NaN, w == null ? "" : Integer.toString(w.ticks()), h == null ? "" : Integer.toString(h.ticks())));
      }
    }
    return new EvidenceLine(channel, "ticks", day, ns, String.join("\n", rows));
  }

  /** The better integration method of the station ranked higher ({@code rankW} vs {@code rankH}); "" if none. */
  private static String method(TickIntegration.Window w, TickIntegration.Window h, double rankW, double rankH) {
    TickIntegration.Window stronger = Double.isNaN(rankH) || (!Double.isNaN(rankW) && rankW >= rankH) ? w : h;
    return stronger == null || stronger.integrationMethod() == null ? "" : stronger.integrationMethod();
  }

  private static String ticksRow(String ts, int startS, int lengthS, TickIntegration.Window w, TickIntegration.Window h,
      String method, double wwvSnrDb, double wwvhSnrDb, String wwvTicks, String wwvhTicks) {
    int count = Math.max(w == null ? 0 : w.ticks(), h == null ? 0 : h.ticks());
    return String.join(",", ts, Integer.toString(startS), Integer.toString(lengthS),
        num(w == null ? Double.NaN : w.coherentSnrDb()), num(h == null ? Double.NaN : h.coherentSnrDb()),
        num(w == null ? Double.NaN : w.incoherentSnrDb()), num(h == null ? Double.NaN : h.incoherentSnrDb()),
        num(w == null ? Double.NaN : w.coherenceQuality()), num(h == null ? Double.NaN : h.coherenceQuality()),
        method, num(wwvSnrDb), num(wwvhSnrDb), num(wwvSnrDb - wwvhSnrDb), count == 0 ? "" : Integer.toString(count),
        wwvTicks, wwvhTicks);
  }

  private static double best(TickIntegration.Window w) {
    if (w == null) {
      return Double.NaN;
    }
    return Double.isNaN(w.incoherentSnrDb()) ? w.coherentSnrDb() : Math.max(w.coherentSnrDb(), w.incoherentSnrDb());
  }

  /**
   * Doppler row. Per station: Doppler, its spread and {@link TickIntegration#dopplerQuality()} as
   * measured. Combined over the stations whose timing is usable (a tick stack that passed the
   * threshold only through another station's leakage is not a carrier):
   * {@code max_coherent_window_sec = min(60, 1/(8·max|f_D|))} (π/4 phase error; grape, DOMAIN.md §1.4)
   * and {@code doppler_quality} the lower of their qualities. {@code coherence_time_sec} = τ_c of the
   * dominant station ({@link MinuteAnalysis#coherenceTimeS()}).
   */
  private static EvidenceLine doppler(String channel, String day, long ns, String ts, StationTiming wwv,
      StationTiming wwvh, MethodEvidence me, double coherenceTimeS) {
    double fw = wwv == null ? Double.NaN : wwv.dopplerHz();
    double fh = wwvh == null ? Double.NaN : wwvh.dopplerHz();
    double qw = me.ticks(Station.WWV).map(TickIntegration::dopplerQuality).orElse(Double.NaN);
    double qh = me.ticks(Station.WWVH).map(TickIntegration::dopplerQuality).orElse(Double.NaN);
    boolean uw = wwv != null && wwv.usable() && !Double.isNaN(fw);
    boolean uh = wwvh != null && wwvh.usable() && !Double.isNaN(fh);
    double maxAbs = uw && uh ? Math.max(Math.abs(fw), Math.abs(fh)) : uw ? Math.abs(fw) : uh ? Math.abs(fh) : Double.NaN;
    double tMax = Double.isNaN(maxAbs) ? Double.NaN : Math.min(60.0, 1 / (8 * maxAbs));
    double q = uw && uh ? Math.min(qw, qh) : uw ? qw : uh ? qh : Double.NaN;
    return line(channel, "doppler", day, ns, ts, num(fw), num(fh), num(wwv == null ? Double.NaN : wwv.dopplerSpreadHz()),
        num(wwvh == null ? Double.NaN : wwvh.dopplerSpreadHz()), num(tMax), num(q), num(qw), num(qh),
        num(coherenceTimeS));
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
