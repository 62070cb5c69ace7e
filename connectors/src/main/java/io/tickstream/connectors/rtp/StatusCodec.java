package io.tickstream.connectors.rtp;

import io.tickstream.connectors.rtp.MalformedPacketException.Reason;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encoder/decoder of radiod status packets (ka9q/ka9q-radio:src/status.c; DOMAIN.md §2.3).
 *
 * <p>Byte 0 is the packet type (0 status, 1 command). Then TLVs: type (1 byte), length (&lt;128: one
 * byte; else {@code 0x80|n} followed by n big-endian length bytes), value. {@code EOL} (0) has no
 * length and ends the list. Integers are big-endian with leading zero bytes stripped (0 ⇒ length 0);
 * floats and doubles go through the same encoder, so a value of length ≤ 4 is a left-padded float and
 * 5–8 a left-padded double. Strings are UTF-8 without NUL; sockets are 6 bytes (IPv4 + port) or 18
 * (IPv6 + port).
 */
public final class StatusCodec {
  private StatusCodec() {}

  /**
   * Decodes a status packet. Returns null for a command packet (polls from other clients are normal
   * traffic, not errors).
   *
   * @throws MalformedPacketException ({@link Reason#BAD_STATUS}) on an unknown packet type, a TLV
   *     running past the end, an over-long integer, or a missing {@code OUTPUT_SSRC}
   */
  public static RadiodStatus decode(byte[] buf, int off, int len) throws MalformedPacketException {
    if (len < 1) {
      throw bad("empty status packet");
    }
    int kind = buf[off] & 0xff;
    if (kind == StatusType.PKT_CMD) {
      return null;
    }
    if (kind != StatusType.PKT_STATUS) {
      throw bad("status packet type " + kind + " (expected 0 status or 1 command)");
    }
    Long ssrc = null;
    Double freq = null;
    Long rate = null;
    Integer channels = null;
    RtpEncoding enc = null;
    Integer pt = null;
    Long gps = null;
    Long snap = null;
    String desc = null;
    String preset = null;
    InetSocketAddress dest = null;
    int p = off + 1;
    int end = off + len;
    while (p < end) {
      int type = buf[p++] & 0xff;
      if (type == StatusType.EOL) {
        break;
      }
      if (p >= end) {
        throw bad("TLV type " + type + " at byte " + (p - off - 1) + " has no length");
      }
      int l = buf[p++] & 0xff;
      if ((l & 0x80) != 0) {
        int n = l & 0x7f;
        if (n == 0 || n > 4 || p + n > end) {
          throw bad("TLV type " + type + " has an invalid extended length of " + n + " bytes");
        }
        long ll = 0;
        for (int i = 0; i < n; i++) {
          ll = (ll << 8) | (buf[p++] & 0xff);
        }
        if (ll > Integer.MAX_VALUE) {
          throw bad("TLV type " + type + " length " + ll + " too large");
        }
        l = (int) ll;
      }
      if (p + l > end) {
        throw bad("TLV type " + type + " length " + l + " runs past the end of the " + len + "-byte packet");
      }
      switch (type) {
        case StatusType.OUTPUT_SSRC -> ssrc = unsigned(buf, p, l, type) & 0xffffffffL;
        case StatusType.RADIO_FREQUENCY -> freq = decodeDouble(buf, p, l, type);
        case StatusType.OUTPUT_SAMPRATE -> rate = unsigned(buf, p, l, type);
        case StatusType.OUTPUT_CHANNELS -> channels = (int) unsigned(buf, p, l, type);
        case StatusType.OUTPUT_ENCODING -> {
          long code = unsigned(buf, p, l, type);
          enc = RtpEncoding.fromCode(code);
          if (enc == null) {
            throw bad("unknown OUTPUT_ENCODING " + code);
          }
        }
        case StatusType.RTP_PT -> pt = (int) unsigned(buf, p, l, type);
        case StatusType.GPS_TIME -> gps = unsigned(buf, p, l, type);
        case StatusType.RTP_TIMESNAP -> snap = unsigned(buf, p, l, type) & 0xffffffffL;
        case StatusType.DESCRIPTION -> desc = new String(buf, p, l, StandardCharsets.UTF_8);
        case StatusType.PRESET -> preset = new String(buf, p, l, StandardCharsets.UTF_8);
        case StatusType.OUTPUT_DATA_DEST_SOCKET -> dest = decodeSocket(buf, p, l);
        default -> { /* other TLVs are not needed by the recorder */ }
      }
      p += l;
    }
    if (ssrc == null) {
      throw bad("status packet without OUTPUT_SSRC");
    }
    return new RadiodStatus(ssrc, freq, rate, channels, enc, pt, gps, snap, desc, preset, dest);
  }

  private static MalformedPacketException bad(String msg) {
    return new MalformedPacketException(Reason.BAD_STATUS, msg);
  }

  private static long unsigned(byte[] b, int p, int l, int type) throws MalformedPacketException {
    if (l > 8) {
      throw bad("integer TLV type " + type + " of " + l + " bytes (max 8)");
    }
    long v = 0;
    for (int i = 0; i < l; i++) {
      v = (v << 8) | (b[p + i] & 0xff);
    }
    return v;
  }

  private static double decodeDouble(byte[] b, int p, int l, int type) throws MalformedPacketException {
    if (l == 0) {
      return 0.0;
    }
    long bits = unsigned(b, p, l, type);
    return l <= 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
  }

  private static InetSocketAddress decodeSocket(byte[] b, int p, int l) throws MalformedPacketException {
    if (l != 6 && l != 18) {
      throw bad("socket TLV of " + l + " bytes (expected 6 or 18)");
    }
    try {
      InetAddress a = InetAddress.getByAddress(Arrays.copyOfRange(b, p, p + l - 2));
      int port = ((b[p + l - 2] & 0xff) << 8) | (b[p + l - 1] & 0xff);
      return new InetSocketAddress(a, port);
    } catch (UnknownHostException e) {
      throw bad("socket TLV: " + e.getMessage());
    }
  }

  /** Builds TLV packets the way radiod does (used by the simulator and tests). */
  public static final class Builder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    public Builder(int packetType) {
      out.write(packetType);
    }

    public static Builder status() {
      return new Builder(StatusType.PKT_STATUS);
    }

    public Builder raw(int type, byte[] value) {
      out.write(type);
      int l = value.length;
      if (l < 128) {
        out.write(l);
      } else {
        int n = l < 0x100 ? 1 : l < 0x10000 ? 2 : 4;
        out.write(0x80 | n);
        for (int i = n - 1; i >= 0; i--) {
          out.write((l >>> (8 * i)) & 0xff);
        }
      }
      out.write(value, 0, l);
      return this;
    }

    /** Integer TLV with leading zero bytes stripped (as radiod's {@code encode_int64}). */
    public Builder integer(int type, long v) {
      int n = 8;
      while (n > 0 && ((v >>> (8 * (n - 1))) & 0xff) == 0) {
        n--;
      }
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) (v >>> (8 * (n - 1 - i)));
      }
      return raw(type, b);
    }

    /** Double TLV, sent through the zero-stripping integer encoder as radiod does. */
    public Builder dbl(int type, double v) {
      return integer(type, Double.doubleToRawLongBits(v));
    }

    public Builder string(int type, String s) {
      return raw(type, s.getBytes(StandardCharsets.UTF_8));
    }

    public Builder socket(int type, InetSocketAddress a) {
      byte[] ip = a.getAddress().getAddress();
      byte[] v = Arrays.copyOf(ip, ip.length + 2);
      v[ip.length] = (byte) (a.getPort() >>> 8);
      v[ip.length + 1] = (byte) a.getPort();
      return raw(type, v);
    }

    /** Appends EOL and returns the packet bytes. */
    public byte[] build() {
      out.write(StatusType.EOL);
      return out.toByteArray();
    }
  }
}
