package io.tickstream.connectors.ntp;

import java.time.Instant;

/**
 * Conversion between NTP 64-bit timestamps (RFC 5905 §6: 32-bit seconds since 1900-01-01 + 32-bit
 * fraction) and ns since the Unix epoch. Era handling follows commons-net {@code TimeStamp}: a
 * seconds field with the top bit clear is taken to be in era 1 (after 2036-02-07).
 */
public final class NtpTime {
  /** Seconds from 1900-01-01 to 1970-01-01. */
  public static final long OFFSET_1900_TO_1970_S = 2_208_988_800L;
  private static final long ERA1_S = 1L << 32;

  private NtpTime() {}

  /** NTP 64-bit value → ns since 1970 (fraction rounded to the nearest ns). */
  public static long toUnixNs(long ntp) {
    long seconds = ntp >>> 32;
    long fraction = ntp & 0xFFFF_FFFFL;
    long unixS = (seconds & 0x8000_0000L) != 0 ? seconds - OFFSET_1900_TO_1970_S
        : seconds + ERA1_S - OFFSET_1900_TO_1970_S;
    long fracNs = (fraction * 1_000_000_000L + (1L << 31)) >>> 32;
    return unixS * 1_000_000_000L + fracNs;
  }

  /** ns since 1970 → NTP 64-bit value (fraction truncated). */
  public static long fromUnixNs(long unixNs) {
    long unixS = Math.floorDiv(unixNs, 1_000_000_000L);
    long ns = Math.floorMod(unixNs, 1_000_000_000L);
    long seconds = (unixS + OFFSET_1900_TO_1970_S) & 0xFFFF_FFFFL;
    long fraction = (ns << 32) / 1_000_000_000L;
    return (seconds << 32) | fraction;
  }

  /** Current wall-clock time in ns since 1970 at the platform's best resolution (µs on Linux). */
  public static long nowNs() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
