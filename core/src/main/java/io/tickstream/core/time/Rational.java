package io.tickstream.core.time;

import java.io.Serializable;
import java.math.BigInteger;

/**
 * An exact positive rational number {@code numerator / denominator}, used for sample rates
 * (Digital RF stores {@code sample_rate_numerator} / {@code sample_rate_denominator}; 200/3 Hz is
 * not representable as a double). Always reduced; denominator &gt; 0.
 *
 * <p>Sample index ↔ time conversions use integer arithmetic only (DESIGN.md "Time conventions"):
 * {@code index = floor(tNs · num / (den · 1e9))}, {@code tNs = index · den · 1e9 / num}.
 */
public final class Rational implements Serializable, Comparable<Rational> {
  private static final long serialVersionUID = 1L;
  private static final BigInteger NS_PER_S = BigInteger.valueOf(1_000_000_000L);

  private final long numerator;
  private final long denominator;

  private Rational(long numerator, long denominator) {
    this.numerator = numerator;
    this.denominator = denominator;
  }

  /** {@code num/den}, reduced. Both must be positive. */
  public static Rational of(long num, long den) {
    if (num <= 0 || den <= 0) {
      throw new IllegalArgumentException("rational must be positive: " + num + "/" + den);
    }
    long g = BigInteger.valueOf(num).gcd(BigInteger.valueOf(den)).longValueExact();
    return new Rational(num / g, den / g);
  }

  /** An integer rate, e.g. {@code Rational.of(20000)} for 20 kHz. */
  public static Rational of(long integer) {
    return of(integer, 1);
  }

  public long numerator() {
    return numerator;
  }

  public long denominator() {
    return denominator;
  }

  public double toDouble() {
    return (double) numerator / denominator;
  }

  /** Sample index whose start time is at or before {@code tNs} (floor), for index 0 at the epoch. */
  public long indexAtOrBefore(long tNs) {
    BigInteger[] qr = BigInteger.valueOf(tNs).multiply(BigInteger.valueOf(numerator))
        .divideAndRemainder(BigInteger.valueOf(denominator).multiply(NS_PER_S));
    BigInteger q = qr[0];
    if (qr[1].signum() < 0) {
      q = q.subtract(BigInteger.ONE);
    }
    return q.longValueExact();
  }

  /** Sample index whose start time is at or after {@code tNs} (ceiling). */
  public long indexAtOrAfter(long tNs) {
    long floor = indexAtOrBefore(tNs);
    return timeNsOfIndexFloor(floor) == tNs && isExact(floor) ? floor : floor + 1;
  }

  private boolean isExact(long index) {
    return BigInteger.valueOf(index).multiply(BigInteger.valueOf(denominator)).multiply(NS_PER_S)
        .mod(BigInteger.valueOf(numerator)).signum() == 0;
  }

  /** Start time of sample {@code index} in ns since the epoch, rounded down to whole ns. */
  public long timeNsOfIndexFloor(long index) {
    BigInteger[] qr = BigInteger.valueOf(index).multiply(BigInteger.valueOf(denominator)).multiply(NS_PER_S)
        .divideAndRemainder(BigInteger.valueOf(numerator));
    BigInteger q = qr[0];
    if (qr[1].signum() < 0) {
      q = q.subtract(BigInteger.ONE);
    }
    return q.longValueExact();
  }

  /** Number of samples in {@code durationNs} (floor). */
  public long samplesIn(long durationNs) {
    return indexAtOrBefore(durationNs);
  }

  @Override
  public int compareTo(Rational o) {
    return BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(o.denominator))
        .compareTo(BigInteger.valueOf(o.numerator).multiply(BigInteger.valueOf(denominator)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rational r && r.numerator == numerator && r.denominator == denominator;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(numerator) * 31 + Long.hashCode(denominator);
  }

  @Override
  public String toString() {
    return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
  }
}
