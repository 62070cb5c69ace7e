package io.tickstream.connectors.rtp;

/** A received datagram that cannot be used; {@link #reason()} says why (it is counted per reason). */
public final class MalformedPacketException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a packet was rejected. Each reason is a separate counter. */
  public enum Reason {
    SHORT_HEADER,
    BAD_VERSION,
    BAD_PADDING,
    EMPTY_PAYLOAD,
    BAD_FRAME_SIZE,
    UNKNOWN_SSRC,
    PAYLOAD_TYPE_MISMATCH,
    UNSUPPORTED_ENCODING,
    BAD_STATUS
  }

  private final Reason reason;

  public MalformedPacketException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
