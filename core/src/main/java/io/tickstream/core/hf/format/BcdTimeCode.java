package io.tickstream.core.hf.format;

/**
 * WWV/WWVH IRIG-H-like BCD time code on the 100 Hz subcarrier (DOMAIN.md §5.1;
 * {@code ka9q/wwvsim:wwvsim.c} maketimecode, {@code refclock_wwv.c}).
 *
 * <p>One symbol per second 1..59: {@link #ZERO} (200 ms of 100 Hz), {@link #ONE} (500 ms),
 * {@link #MARKER} (800 ms, seconds 9, 19, …, 59). Second 0 carries no subcarrier. Bit map, BCD digits
 * LSB first: 2 DST2, 3 leap warning, 4–7 year units, 10–13 minute units, 15–17 minute tens, 20–23 hour
 * units, 25–26 hour tens, 30–33 day units, 35–38 day tens, 40–41 day hundreds, 50 DUT1 sign, 51–54
 * year tens, 55 DST1, 56–58 |DUT1| in tenths (weights 1, 2, 4).
 */
public final class BcdTimeCode {
  public static final int ZERO = 0;
  public static final int ONE = 1;
  public static final int MARKER = 2;
  /** Symbol for second 0 (no subcarrier). */
  public static final int NONE = -1;

  /** Seconds carrying position markers. */
  public static boolean isMarkerSecond(int s) {
    return s % 10 == 9;
  }

  private BcdTimeCode() {}

  /**
   * Symbols (index = second 0..59) for the frame of {@code minute}.
   *
   * @param dut1Tenths UT1−UTC in tenths of a second, −7..7
   */
  public static int[] encode(UtcMinute minute, int dut1Tenths, boolean leapWarning, boolean signOneIsPositive) {
    if (dut1Tenths < -7 || dut1Tenths > 7) {
      throw new IllegalArgumentException("DUT1 out of range: " + dut1Tenths + " tenths");
    }
    int[] c = new int[60];
    int dst = minute.usDstBits();
    c[2] = dst & 1;
    c[55] = (dst >> 1) & 1;
    c[3] = leapWarning ? 1 : 0;
    digit(c, 4, minute.year() % 10);
    digit(c, 51, (minute.year() / 10) % 10);
    digit(c, 10, minute.minute() % 10);
    digit(c, 15, minute.minute() / 10);
    digit(c, 20, minute.hour() % 10);
    digit(c, 25, minute.hour() / 10);
    digit(c, 30, minute.dayOfYear() % 10);
    digit(c, 35, (minute.dayOfYear() / 10) % 10);
    digit(c, 40, minute.dayOfYear() / 100);
    boolean nonNegative = dut1Tenths >= 0;
    c[50] = (nonNegative == signOneIsPositive) ? 1 : 0;
    int mag = Math.abs(dut1Tenths);
    c[56] = mag & 1;
    c[57] = (mag >> 1) & 1;
    c[58] = (mag >> 2) & 1;
    for (int s = 9; s < 60; s += 10) {
      c[s] = MARKER;
    }
    c[0] = NONE;
    return c;
  }

  private static void digit(int[] c, int at, int value) {
    for (int i = 0; i < 4; i++) {
      c[at + i] = (value >> i) & 1;
    }
  }

  private static int read(int[] c, int at, int bits) {
    int v = 0;
    for (int i = 0; i < bits; i++) {
      v |= (c[at + i] == ONE ? 1 : 0) << i;
    }
    return v;
  }

  /**
   * Decoded fields plus structural check results.
   *
   * @param errors number of failed checks: a marker missing/misplaced, a digit out of range, a day
   *     that does not exist
   */
  public record Decoded(UtcMinute minute, int dut1Tenths, boolean leapWarning, int dstBits, int errors) {}

  /** Decodes symbols (index = second) into fields; never throws on bad content, counts errors. */
  public static Decoded decode(int[] symbols, boolean signOneIsPositive) {
    if (symbols.length < 59) {
      throw new IllegalArgumentException("need symbols for seconds 0..58, got " + symbols.length);
    }
    int errors = 0;
    for (int s = 1; s < Math.min(60, symbols.length); s++) {
      boolean marker = symbols[s] == MARKER;
      if (marker != isMarkerSecond(s)) {
        errors++;
      }
    }
    int yearUnits = read(symbols, 4, 4);
    int yearTens = read(symbols, 51, 4);
    int minUnits = read(symbols, 10, 4);
    int minTens = read(symbols, 15, 3);
    int hourUnits = read(symbols, 20, 4);
    int hourTens = read(symbols, 25, 2);
    int dayUnits = read(symbols, 30, 4);
    int dayTens = read(symbols, 35, 4);
    int dayHundreds = read(symbols, 40, 2);
    for (int d : new int[] {yearUnits, yearTens, minUnits, hourUnits, dayUnits, dayTens}) {
      if (d > 9) {
        errors++;
      }
    }
    if (minTens > 5) {
      errors++;
    }
    int year = 2000 + yearTens * 10 + yearUnits;
    int minute = minTens * 10 + minUnits;
    int hour = hourTens * 10 + hourUnits;
    int doy = dayHundreds * 100 + dayTens * 10 + dayUnits;
    if (hour > 23) {
      errors++;
    }
    int daysInYear = java.time.Year.isLeap(year) ? 366 : 365;
    if (doy < 1 || doy > daysInYear) {
      errors++;
      doy = Math.max(1, Math.min(doy, daysInYear));
    }
    int mag = read(symbols, 56, 3);
    boolean signBit = symbols[50] == ONE;
    boolean positive = signBit == signOneIsPositive;
    int dut1 = positive ? mag : -mag;
    int dst = (symbols[55] == ONE ? 2 : 0) + (symbols[2] == ONE ? 1 : 0);
    UtcMinute m = new UtcMinute(year, doy, Math.min(hour, 23), Math.min(minute, 59));
    return new Decoded(m, dut1, symbols[3] == ONE, dst, errors);
  }
}
