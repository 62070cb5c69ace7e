package io.tickstream.connectors.rtp;

/**
 * radiod status/command TLV type codes used here. Authoritative values computed from
 * ka9q/ka9q-radio:src/status.h (DOMAIN.md §2.3; {@code docs/proto.md} numbering is stale).
 */
public final class StatusType {
  private StatusType() {}

  /** Packet type byte 0 of a status (response) packet. */
  public static final int PKT_STATUS = 0;
  /** Packet type byte 0 of a command (poll) packet. */
  public static final int PKT_CMD = 1;

  public static final int EOL = 0;
  public static final int COMMAND_TAG = 1;
  public static final int CMD_CNT = 2;
  /** ns since the GPS epoch (CLOCK_TAI, or CLOCK_REALTIME + 18 s), int64. */
  public static final int GPS_TIME = 3;
  public static final int DESCRIPTION = 4;
  public static final int STATUS_DEST_SOCKET = 5;
  /** Next RTP timestamp to be sent on the channel, uint32. */
  public static final int RTP_TIMESNAP = 8;
  public static final int INPUT_SAMPRATE = 10;
  public static final int OUTPUT_DATA_SOURCE_SOCKET = 16;
  public static final int OUTPUT_DATA_DEST_SOCKET = 17;
  public static final int OUTPUT_SSRC = 18;
  public static final int OUTPUT_SAMPRATE = 20;
  public static final int OUTPUT_DATA_PACKETS = 22;
  /** Carrier frequency in Hz, IEEE-754 double, big-endian with leading zero bytes stripped. */
  public static final int RADIO_FREQUENCY = 33;
  public static final int DEMOD_TYPE = 48;
  public static final int OUTPUT_CHANNELS = 49;
  public static final int PRESET = 85;
  public static final int RTP_PT = 105;
  public static final int STATUS_INTERVAL = 106;
  public static final int OUTPUT_ENCODING = 107;
}
