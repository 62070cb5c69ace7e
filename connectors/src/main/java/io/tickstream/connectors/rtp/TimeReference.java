package io.tickstream.connectors.rtp;

/**
 * How a channel's RTP timestamps were mapped to system time (recorded in the archive metadata as
 * {@code rtp_time_mapping}).
 */
public enum TimeReference {
  /**
   * radiod's status snapshot: {@code t = GPS_TIME + 1e9·(315964800 − 18) + 1e9·(int32)(rtp − RTP_TIMESNAP)/fs}
   * (DOMAIN.md §2.4). System-clock quality on the radiod host, independent of network delay.
   */
  RADIOD_GPS_TIME,
  /** Arrival time (receiver system clock) of the first packet; includes network and block latency. */
  FIRST_PACKET_ARRIVAL;

  /** Metadata value. */
  public String key() {
    return this == RADIOD_GPS_TIME ? "radiod_gps_time_rtp_timesnap" : "first_packet_arrival";
  }
}
