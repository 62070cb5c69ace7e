package io.tickstream.core.hf.format;

import io.tickstream.core.hf.format.BroadcastOptions.ChuFraming;

/**
 * CHU Bell 103 FSK time code (DOMAIN.md §5.4; Mills {@code refclock_chu.c}; {@code ka9q/chusim}).
 *
 * <p>In seconds 31–39, after a 10 ms 1000 Hz tick and mark tone to 133.33 ms, ten characters of 11
 * bits at 300 baud (mark 2225 Hz = 1, space 2025 Hz = 0) end exactly at 500 ms. Each character: start
 * bit 0, 8 data bits LSB first, then 2 stop bits 1 ({@link ChuFraming#MILLS_TWO_STOP_BITS}) or even
 * parity + 1 stop bit ({@link ChuFraming#EVEN_PARITY_ONE_STOP_BIT}). BCD digits travel in reading order,
 * so each byte holds the first digit in its low nibble ("nibble-swapped").
 *
 * <ul>
 *   <li>Format A (seconds 32–39): digits {@code 6 d d d h h m m s s}, sent twice identically.
 *   <li>Format B (second 31): digits {@code x d y y y y t t a a}, then the five bytes inverted; d =
 *       |DUT1| tenths, yyyy year, tt TAI−UTC, aa Canadian DST code; x bits: 1 = DUT1 negative, 2 =
 *       leap second to be added, 4 = to be removed, 8 = even parity of x's other bits.
 * </ul>
 */
public final class ChuFskCode {
  public static final int BITS_PER_CHAR = 11;
  public static final int CHARS = 10;
  public static final double BAUD = 300.0;
  public static final double MARK_HZ = 2225.0;
  public static final double SPACE_HZ = 2025.0;
  /** Data start within the second (s): 500 ms − 110 bits / 300 Bd. */
  public static final double DATA_START_S = 0.5 - CHARS * BITS_PER_CHAR / BAUD;

  private ChuFskCode() {}

  /** The 10 bytes of the burst sent in {@code second} (31..39) of {@code minute}. */
  public static int[] bytesFor(UtcMinute minute, int second, int dut1Tenths, int taiMinusUtc, int dstCode,
      boolean leapAdd, boolean leapRemove) {
    int[] nib = new int[10];
    if (second == 31) {
      int x = (dut1Tenths < 0 ? 1 : 0) | (leapAdd ? 2 : 0) | (leapRemove ? 4 : 0);
      if (Integer.bitCount(x) % 2 == 1) {
        x |= 8;
      }
      int y = minute.year();
      nib = new int[] {x, Math.abs(dut1Tenths), y / 1000, (y / 100) % 10, (y / 10) % 10, y % 10,
        taiMinusUtc / 10, taiMinusUtc % 10, dstCode / 10, dstCode % 10};
    } else if (second >= 32 && second <= 39) {
      int d = minute.dayOfYear();
      nib = new int[] {6, d / 100, (d / 10) % 10, d % 10, minute.hour() / 10, minute.hour() % 10,
        minute.minute() / 10, minute.minute() % 10, second / 10, second % 10};
    } else {
      throw new IllegalArgumentException("CHU FSK only in seconds 31..39, not " + second);
    }
    int[] bytes = new int[10];
    for (int i = 0; i < 5; i++) {
      bytes[i] = nib[2 * i] | (nib[2 * i + 1] << 4);
      bytes[i + 5] = second == 31 ? (~bytes[i]) & 0xff : bytes[i];
    }
    return bytes;
  }

  /** The 110 bits (1 = mark) for {@code bytes} in transmission order. */
  public static int[] bits(int[] bytes, ChuFraming framing) {
    int[] b = new int[CHARS * BITS_PER_CHAR];
    for (int c = 0; c < CHARS; c++) {
      int at = c * BITS_PER_CHAR;
      b[at] = 0;
      for (int i = 0; i < 8; i++) {
        b[at + 1 + i] = (bytes[c] >> i) & 1;
      }
      if (framing == ChuFraming.MILLS_TWO_STOP_BITS) {
        b[at + 9] = 1;
      } else {
        b[at + 9] = Integer.bitCount(bytes[c] & 0xff) % 2;
      }
      b[at + 10] = 1;
    }
    return b;
  }

  /** Bytes recovered from 110 sliced bits plus the number of framing errors. */
  public record Chars(int[] bytes, int framingErrors) {}

  public static Chars chars(int[] bits, ChuFraming framing) {
    int[] bytes = new int[CHARS];
    int err = 0;
    for (int c = 0; c < CHARS; c++) {
      int at = c * BITS_PER_CHAR;
      int v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (bits[at + 1 + i] & 1) << i;
      }
      bytes[c] = v;
      if (bits[at] != 0 || bits[at + 10] != 1) {
        err++;
      }
      int expect9 = framing == ChuFraming.MILLS_TWO_STOP_BITS ? 1 : Integer.bitCount(v) % 2;
      if (bits[at + 9] != expect9) {
        err++;
      }
    }
    return new Chars(bytes, err);
  }

  static int nibble(int[] bytes, int i) {
    return (bytes[i / 2] >> (4 * (i % 2))) & 0xf;
  }

  /** Frame A content, or null when its redundancy/format check fails. */
  public record FrameA(int dayOfYear, int hour, int minute, int second) {}

  public static FrameA decodeA(int[] bytes) {
    for (int i = 0; i < 5; i++) {
      if (bytes[i] != bytes[i + 5]) {
        return null;
      }
    }
    if (nibble(bytes, 0) != 6) {
      return null;
    }
    int[] d = new int[10];
    for (int i = 0; i < 10; i++) {
      d[i] = nibble(bytes, i);
      if (i > 0 && d[i] > 9) {
        return null;
      }
    }
    int doy = d[1] * 100 + d[2] * 10 + d[3];
    int hour = d[4] * 10 + d[5];
    int min = d[6] * 10 + d[7];
    int sec = d[8] * 10 + d[9];
    if (doy < 1 || doy > 366 || hour > 23 || min > 59 || sec > 60) {
      return null;
    }
    return new FrameA(doy, hour, min, sec);
  }

  /** Frame B content, or null when its inverted-repeat check or parity fails. */
  public record FrameB(int dut1Tenths, int year, int taiMinusUtc, int dstCode, boolean leapAdd, boolean leapRemove) {}

  public static FrameB decodeB(int[] bytes) {
    for (int i = 0; i < 5; i++) {
      if (bytes[i] != ((~bytes[i + 5]) & 0xff)) {
        return null;
      }
    }
    int[] d = new int[10];
    for (int i = 0; i < 10; i++) {
      d[i] = nibble(bytes, i);
      if (i > 0 && d[i] > 9) {
        return null;
      }
    }
    int x = d[0];
    if (Integer.bitCount(x) % 2 != 0) {
      return null;
    }
    int dut1 = (x & 1) != 0 ? -d[1] : d[1];
    return new FrameB(dut1, d[2] * 1000 + d[3] * 100 + d[4] * 10 + d[5], d[6] * 10 + d[7], d[8] * 10 + d[9],
        (x & 2) != 0, (x & 4) != 0);
  }
}
