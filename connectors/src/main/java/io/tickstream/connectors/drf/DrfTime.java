package io.tickstream.connectors.drf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Exact integer conversions between Digital RF sample indices, times and file/subdirectory names
 * (docs/DIGITAL_RF.md "Directory and file naming"): sample n is at {@code t = n · den / num} seconds
 * since 1970-01-01T00:00:00Z (no leap seconds); the file holding n starts at
 * {@code floor(floor(n · 1000 · den / num) / cadence_ms) · cadence_ms}; a file starting at
 * {@code t_ms} holds samples from {@code ceil(t_ms · num / (1000 · den))}. All arithmetic is on
 * BigInteger, so 64-bit rates and indices never overflow or drift.
 */
public final class DrfTime {
  private static final BigInteger THOUSAND = BigInteger.valueOf(1000);
  private static final DateTimeFormatter SUBDIR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private DrfTime() {}

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  private static long floorDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    BigInteger q = qr[0];
    if (qr[1].signum() != 0 && (qr[1].signum() < 0) != (b.signum() < 0)) {
      q = q.subtract(BigInteger.ONE);
    }
    return q.longValueExact();
  }

  /** {@code floor(n · 1000 · den / num)}: the millisecond containing sample n. */
  public static long msOfSample(long n, long num, long den) {
    return floorDiv(big(n).multiply(THOUSAND).multiply(big(den)), big(num));
  }

  /** {@code floor(n · den / num)}: the whole second containing sample n. */
  public static long secondOfSample(long n, long num, long den) {
    return floorDiv(big(n).multiply(big(den)), big(num));
  }

  /** {@code ceil(tMs · num / (1000 · den))}: the first sample at or after {@code tMs}. */
  public static long firstSampleAtOrAfterMs(long tMs, long num, long den) {
    return -floorDiv(big(-tMs).multiply(big(num)), THOUSAND.multiply(big(den)));
  }

  /** First sample at or after {@code tNs} (ceil). */
  public static long firstSampleAtOrAfterNs(long tNs, long num, long den) {
    return -floorDiv(big(-tNs).multiply(big(num)), BigInteger.valueOf(1_000_000_000L).multiply(big(den)));
  }

  /** Start of the file period holding sample n, in ms since the epoch. */
  public static long fileStartMs(long n, long num, long den, long fileCadenceMs) {
    return Math.floorDiv(msOfSample(n, num, den), fileCadenceMs) * fileCadenceMs;
  }

  /** Subdirectory name {@code YYYY-MM-DDTHH-MM-SS} of the subdir period holding {@code tMs}. */
  public static String subdirName(long tMs, long subdirCadenceSecs) {
    long s = Math.floorDiv(Math.floorDiv(tMs, 1000), subdirCadenceSecs) * subdirCadenceSecs;
    return SUBDIR.format(Instant.ofEpochSecond(s));
  }

  /** File name {@code rf@<sec>.<mmm>.h5} of a file starting at {@code fileStartMs}. */
  public static String rfFileName(long fileStartMs) {
    return String.format("rf@%d.%03d.h5", Math.floorDiv(fileStartMs, 1000), Math.floorMod(fileStartMs, 1000));
  }

  /**
   * ISO-8601 UTC time of sample n, e.g. {@code 2024-04-08T18:01:59.99995Z}: the exact decimal
   * fraction with trailing zeros removed (truncated to nanoseconds when it does not terminate).
   */
  public static String utc(long n, long num, long den) {
    long sec = secondOfSample(n, num, den);
    BigInteger remNum = big(n).multiply(big(den)).subtract(big(sec).multiply(big(num)));
    StringBuilder sb = new StringBuilder(SECONDS.format(Instant.ofEpochSecond(sec)));
    if (remNum.signum() != 0) {
      BigDecimal frac = new BigDecimal(remNum).divide(new BigDecimal(big(num)), 9, RoundingMode.FLOOR).stripTrailingZeros();
      String f = frac.toPlainString();
      sb.append(f.substring(f.indexOf('.')));
    }
    return sb.append('Z').toString();
  }

  /** Start time of sample n in ns since the epoch (floor). */
  public static long timeNs(long n, long num, long den) {
    return floorDiv(big(n).multiply(big(den)).multiply(BigInteger.valueOf(1_000_000_000L)), big(num));
  }
}
