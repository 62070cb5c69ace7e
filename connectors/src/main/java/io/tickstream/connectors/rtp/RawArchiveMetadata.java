package io.tickstream.connectors.rtp;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Digital Metadata records of the Phase 1 archive. A record is written where a channel's
 * session starts (first block after anchoring) and at every gap (the first sample after it); each
 * record carries the full set of keys, so a forward-filling reader finds everything at any index.
 *
 * <p>Keys of grape's raw archive writer (DOMAIN.md §1.9): {@code archive_type, phase
 * ('phase1_immutable'), channel_name, frequency_hz, sample_rate, callsign, grid_square, uuid_str,
 * date, compression, created_at, time_reference ('system_time_only'), utc_correction_applied (false)};
 * gap events {@code event_type ('gap'), gap_start_rtp, gap_samples, gap_duration_ms, system_time,
 * detected_at}. Added here: {@code receiver_name, psws_station_id, psws_instrument_id,
 * stations_expected, ssrc, encoding, rtp_time_mapping} (how RTP time was tied to system time),
 * {@code gap_cause, gap_start_index, lost_packets} and {@code synthetic} (true when the stream came
 * from {@code tickstream simulate rtp}). {@code event_type} is {@code 'session_start'} for a record
 * that is not a gap. Times are ISO-8601 UTC strings (never float seconds).
 */
public final class RawArchiveMetadata implements Serializable {
  private static final long serialVersionUID = 1L;
  private final RawArchiveSettings settings;

  public RawArchiveMetadata(RawArchiveSettings settings) {
    this.settings = settings;
  }

  /** A metadata record for {@code b} (keyed at {@code b.iq().firstSampleIndex()}), or null when none is due. */
  public Map<String, Object> recordFor(RtpBlock b, long detectedAtNs) {
    long gap = b.iq().gapSamplesBefore();
    boolean isGap = gap > 0 && b.gapCause() != GapCause.NONE;
    if (!isGap && !b.firstOfSession()) {
      return null;
    }
    long rate = b.iq().sampleRateHz().numerator() / b.iq().sampleRateHz().denominator();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("archive_type", "raw_" + (rate % 1000 == 0 ? rate / 1000 + "khz" : rate + "hz") + "_iq");
    m.put("phase", "phase1_immutable");
    m.put("channel_name", b.channel());
    m.put("frequency_hz", b.frequencyHz());
    m.put("sample_rate", b.iq().sampleRateHz().toDouble());
    m.put("callsign", settings.callsign());
    m.put("grid_square", settings.gridSquare());
    m.put("receiver_name", settings.receiverName());
    m.put("psws_station_id", nz(settings.pswsStationId()));
    m.put("psws_instrument_id", nz(settings.pswsInstrumentId()));
    m.put("stations_expected", String.join(",", settings.stations(b.channel())));
    m.put("uuid_str", settings.uuid());
    m.put("date", Instant.ofEpochSecond(0, b.iq().tSystemNs()).atZone(ZoneOffset.UTC).toLocalDate().toString());
    m.put("compression", settings.compressionLevel() == 0 ? "none" : "deflate-" + settings.compressionLevel());
    m.put("created_at", iso(detectedAtNs));
    m.put("time_reference", "system_time_only");
    m.put("utc_correction_applied", false);
    m.put("rtp_time_mapping", b.anchor().reference().key());
    m.put("ssrc", b.ssrc());
    m.put("encoding", b.encoding().name());
    m.put("synthetic", b.synthetic());
    m.put("event_type", isGap ? "gap" : "session_start");
    long gapStartIndex = b.iq().firstSampleIndex() - gap;
    m.put("gap_start_rtp", (b.rtpTimestamp() - gap) & 0xffffffffL);
    m.put("gap_start_index", gapStartIndex);
    m.put("gap_samples", gap);
    m.put("gap_duration_ms", gap * 1000.0 / b.iq().sampleRateHz().toDouble());
    m.put("gap_cause", b.gapCause().name().toLowerCase(java.util.Locale.ROOT));
    m.put("lost_packets", b.lostPackets());
    m.put("system_time", iso(b.iq().sampleRateHz().timeNsOfIndexFloor(gapStartIndex)));
    m.put("detected_at", iso(b.arrivalNs()));
    return m;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  static String iso(long ns) {
    return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)).toString();
  }
}
