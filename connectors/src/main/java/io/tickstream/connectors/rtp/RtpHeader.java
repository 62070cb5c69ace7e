package io.tickstream.connectors.rtp;

import io.tickstream.connectors.rtp.MalformedPacketException.Reason;

/**
 * The fixed RTP header of one datagram (RFC 3550 §5.1) and where its payload lies in the buffer.
 *
 * <p>Layout: byte 0 {@code V(2) P(1) X(1) CC(4)}, byte 1 {@code M(1) PT(7)}, bytes 2–3 sequence
 * number, 4–7 timestamp, 8–11 SSRC (all big-endian), then {@code CC} 32-bit CSRCs, then an optional
 * header extension ({@code 16-bit profile, 16-bit length in words, data}), then the payload, then
 * {@code P ? buf[last]} padding bytes. ka9q-radio skips CSRCs and extensions the same way
 * (ka9q/ka9q-radio:src/rtp.c {@code ntoh_rtp}; DOMAIN.md §2.2). The timestamp counts frames at the
 * channel's output sample rate; the SSRC is the radiod channel id.
 *
 * @param sequence 16-bit sequence number, 0..65535
 * @param timestamp 32-bit timestamp, 0..2³²−1
 * @param ssrc 32-bit synchronisation source, 0..2³²−1
 */
public record RtpHeader(
    int payloadType, boolean marker, int sequence, long timestamp, long ssrc, int payloadOffset, int payloadLength) {

  /** Minimum RTP header length in bytes. */
  public static final int MIN_HEADER_BYTES = 12;

  /**
   * Parses the header of {@code len} bytes at {@code buf[off]}.
   *
   * @throws MalformedPacketException for a short header, a version other than 2, or an inconsistent
   *     CSRC count / extension / padding length
   */
  public static RtpHeader parse(byte[] buf, int off, int len) throws MalformedPacketException {
    if (len < MIN_HEADER_BYTES) {
      throw new MalformedPacketException(Reason.SHORT_HEADER, "RTP packet of " + len + " bytes < 12-byte header");
    }
    int b0 = buf[off] & 0xff;
    int version = b0 >>> 6;
    if (version != 2) {
      throw new MalformedPacketException(Reason.BAD_VERSION, "RTP version " + version + " (expected 2)");
    }
    boolean padding = (b0 & 0x20) != 0;
    boolean extension = (b0 & 0x10) != 0;
    int csrcCount = b0 & 0x0f;
    int b1 = buf[off + 1] & 0xff;
    int seq = ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
    long ts = readU32(buf, off + 4);
    long ssrc = readU32(buf, off + 8);
    int pos = MIN_HEADER_BYTES + 4 * csrcCount;
    if (pos > len) {
      throw new MalformedPacketException(Reason.SHORT_HEADER, "RTP header with " + csrcCount + " CSRCs exceeds " + len + " bytes");
    }
    if (extension) {
      if (pos + 4 > len) {
        throw new MalformedPacketException(Reason.SHORT_HEADER, "RTP header extension exceeds packet of " + len + " bytes");
      }
      int words = ((buf[off + pos + 2] & 0xff) << 8) | (buf[off + pos + 3] & 0xff);
      pos += 4 + 4 * words;
      if (pos > len) {
        throw new MalformedPacketException(Reason.SHORT_HEADER, "RTP header extension of " + words + " words exceeds packet of " + len + " bytes");
      }
    }
    int end = len;
    if (padding) {
      int pad = buf[off + len - 1] & 0xff;
      if (pad == 0 || pos + pad > len) {
        throw new MalformedPacketException(Reason.BAD_PADDING, "RTP padding count " + pad + " invalid for packet of " + len + " bytes");
      }
      end -= pad;
    }
    return new RtpHeader(b1 & 0x7f, (b1 & 0x80) != 0, seq, ts, ssrc, off + pos, end - pos);
  }

  /**
   * Writes a 12-byte header (no CSRC, no extension, no padding) at {@code buf[off]}; returns 12.
   */
  public static int write(byte[] buf, int off, int payloadType, boolean marker, int sequence, long timestamp, long ssrc) {
    buf[off] = (byte) 0x80;
    buf[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7f));
    buf[off + 2] = (byte) (sequence >>> 8);
    buf[off + 3] = (byte) sequence;
    writeU32(buf, off + 4, timestamp);
    writeU32(buf, off + 8, ssrc);
    return MIN_HEADER_BYTES;
  }

  static long readU32(byte[] b, int at) {
    return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }

  static void writeU32(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
