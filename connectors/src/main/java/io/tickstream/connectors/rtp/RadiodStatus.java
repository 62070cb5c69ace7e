package io.tickstream.connectors.rtp;

import java.net.InetSocketAddress;

/**
 * The channel description carried by one radiod status packet (DOMAIN.md §2.3: key on
 * {@code OUTPUT_SSRC}; take frequency, rate, channels, encoding, payload type, destination, preset,
 * {@code GPS_TIME} and {@code RTP_TIMESNAP} from the same packet). Absent TLVs are null.
 *
 * @param gpsTimeNs {@code GPS_TIME}: ns since the GPS epoch 1980-01-06, taken from the radiod host clock
 * @param rtpTimesnap {@code RTP_TIMESNAP}: the next RTP timestamp (32-bit) to be sent at {@code gpsTimeNs}
 */
public record RadiodStatus(
    Long ssrc,
    Double frequencyHz,
    Long sampleRateHz,
    Integer channels,
    RtpEncoding encoding,
    Integer payloadType,
    Long gpsTimeNs,
    Long rtpTimesnap,
    String description,
    String preset,
    InetSocketAddress dataDestination) {

  /** Unix epoch seconds of the GPS epoch 1980-01-06T00:00:00Z. */
  public static final long GPS_EPOCH_UNIX_S = 315_964_800L;
  /** GPS − UTC in seconds (radiod's {@code GPS_UTC_OFFSET}, valid since 2017-01-01). */
  public static final long GPS_UTC_OFFSET_S = 18L;

  /**
   * {@code GPS_TIME} as ns since the Unix epoch: {@code unix_ns = GPS_TIME + 1e9·(315964800 − 18)}
   * (ka9q/ka9q-radio:src/misc.c gps_time_ns; mijahauan/ka9q-python rtp_to_wallclock; DOMAIN.md §2.4).
   */
  public Long unixTimeNs() {
    return gpsTimeNs == null ? null : gpsTimeNs + (GPS_EPOCH_UNIX_S - GPS_UTC_OFFSET_S) * 1_000_000_000L;
  }

  /** True when the status carries a usable RTP ↔ time snapshot. */
  public boolean hasTimeSnap() {
    return gpsTimeNs != null && rtpTimesnap != null && sampleRateHz != null && sampleRateHz > 0;
  }
}
