package io.tickstream.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RationalTest {
  @Test
  void reducesAndConvertsWithoutDrift() {
    Rational r = Rational.of(400, 6);
    assertEquals(200, r.numerator());
    assertEquals(3, r.denominator());
    // Digital RF synthetic fixture: first index 92,957,882,000 at 200/3 Hz -> 1394368230 s
    long t = r.timeNsOfIndexFloor(92_957_882_000L);
    assertEquals(1_394_368_230_000_000_000L, t);
    assertEquals(92_957_882_000L, r.indexAtOrBefore(t));
    assertEquals(92_957_882_000L, r.indexAtOrAfter(t));
    assertEquals(92_957_882_001L, r.indexAtOrAfter(t + 1));
  }

  @Test
  void twentyKhzIndexOfEpochSecond() {
    Rational r = Rational.of(20_000);
    assertEquals(34_251_984_000_000L, r.indexAtOrBefore(1_712_599_200_000_000_000L));
    assertEquals(1_712_599_200_000_050_000L, r.timeNsOfIndexFloor(34_251_984_000_001L));
  }

  @Test
  void rejectsNonPositive() {
    assertThrows(IllegalArgumentException.class, () -> Rational.of(0, 1));
    assertThrows(IllegalArgumentException.class, () -> Rational.of(1, -3));
  }
}
