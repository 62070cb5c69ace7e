package io.tickstream.connectors.rtp;

import io.tickstream.core.signal.SampleType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * radiod output sample encodings ({@code enum encoding} in ka9q/ka9q-radio:src/rtp.h; DOMAIN.md §2.2),
 * with the wire code sent in the {@code OUTPUT_ENCODING} status TLV. Only the linear PCM encodings
 * can be archived; the rest are recognised so that they are reported, not misdecoded.
 *
 * <p>radiod's S16 output is {@code clip(x·2¹⁵, ±32767)} of the float signal, so float ±1.0 ≙ int16 full
 * scale. Samples are kept in their original type (never converted) on the way to the archive.
 */
public enum RtpEncoding {
  NONE(0, 0, null, null),
  S16LE(1, 2, SampleType.INT16, ByteOrder.LITTLE_ENDIAN),
  S16BE(2, 2, SampleType.INT16, ByteOrder.BIG_ENDIAN),
  OPUS(3, 0, null, null),
  F32LE(4, 4, SampleType.FLOAT32, ByteOrder.LITTLE_ENDIAN),
  AX25(5, 0, null, null),
  F16LE(6, 0, null, null),
  OPUS_VOIP(7, 0, null, null),
  F32BE(8, 4, SampleType.FLOAT32, ByteOrder.BIG_ENDIAN),
  F16BE(9, 0, null, null),
  MULAW(10, 0, null, null),
  ALAW(11, 0, null, null);

  private final int code;
  private final int bytesPerSample;
  private final SampleType sampleType;
  private final ByteOrder order;

  RtpEncoding(int code, int bytesPerSample, SampleType sampleType, ByteOrder order) {
    this.code = code;
    this.bytesPerSample = bytesPerSample;
    this.sampleType = sampleType;
    this.order = order;
  }

  /** Wire code of the {@code OUTPUT_ENCODING} TLV. */
  public int code() {
    return code;
  }

  /** Bytes per sample component (one of I or Q); 0 when not a linear PCM encoding. */
  public int bytesPerSample() {
    return bytesPerSample;
  }

  /** True for the encodings this receiver decodes (S16LE, S16BE, F32LE, F32BE). */
  public boolean isSupported() {
    return sampleType != null;
  }

  /** Storage type of the decoded samples; null when not supported. */
  public SampleType sampleType() {
    return sampleType;
  }

  public ByteOrder byteOrder() {
    return order;
  }

  /** The encoding with wire code {@code code}, or null when unknown. */
  public static RtpEncoding fromCode(long code) {
    for (RtpEncoding e : values()) {
      if (e.code == code) {
        return e;
      }
    }
    return null;
  }

  /** Parses a configuration value such as {@code "F32LE"}, {@code "s16be"} or {@code "float"} (= F32LE, as radiod). */
  public static RtpEncoding parse(String s) {
    String u = s.trim().toUpperCase(Locale.ROOT);
    if (u.equals("FLOAT") || u.equals("F32")) {
      return F32LE;
    }
    if (u.equals("S16")) {
      return S16BE;
    }
    return RtpEncoding.valueOf(u);
  }

  /** Decodes {@code len} payload bytes into interleaved int16 components (this must be an S16 encoding). */
  public short[] decodeInt16(byte[] buf, int off, int len) {
    short[] out = new short[len / 2];
    ByteBuffer.wrap(buf, off, len).order(order).asShortBuffer().get(out);
    return out;
  }

  /** Decodes {@code len} payload bytes into interleaved float32 components (this must be an F32 encoding). */
  public float[] decodeFloat32(byte[] buf, int off, int len) {
    float[] out = new float[len / 4];
    ByteBuffer.wrap(buf, off, len).order(order).asFloatBuffer().get(out);
    return out;
  }

  /** Encodes int16 components into {@code buf[off..]}; returns the number of bytes written. */
  public int encodeInt16(short[] v, int from, int count, byte[] buf, int off) {
    ByteBuffer.wrap(buf, off, count * 2).order(order).asShortBuffer().put(v, from, count);
    return count * 2;
  }

  /** Encodes float32 components into {@code buf[off..]}; returns the number of bytes written. */
  public int encodeFloat32(float[] v, int from, int count, byte[] buf, int off) {
    ByteBuffer.wrap(buf, off, count * 4).order(order).asFloatBuffer().put(v, from, count);
    return count * 4;
  }
}
