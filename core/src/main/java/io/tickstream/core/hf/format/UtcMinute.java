package io.tickstream.core.hf.format;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * Calendar fields of a UTC minute, from/to ns since the epoch (leap seconds are not represented in
 * epoch ns; a 61-second minute is handled by the caller).
 */
public record UtcMinute(int year, int dayOfYear, int hour, int minute) {

  public static UtcMinute ofEpochNs(long utcNs) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(utcNs, 1_000_000_000L), 0, ZoneOffset.UTC);
    return new UtcMinute(t.getYear(), t.getDayOfYear(), t.getHour(), t.getMinute());
  }

  /** Floor of {@code utcNs} to its minute, in ns. */
  public static long floorMinuteNs(long utcNs) {
    return Math.floorDiv(utcNs, 60_000_000_000L) * 60_000_000_000L;
  }

  /** Start of this minute in ns since the epoch; throws if the day does not exist in the year. */
  public long epochNs() {
    LocalDate d = LocalDate.ofYearDay(year, dayOfYear);
    return (d.toEpochDay() * 86_400L + hour * 3600L + minute * 60L) * 1_000_000_000L;
  }

  /**
   * US DST bits as WWV/WWVH send them ({@code ka9q/wwvsim:wwvsim.c} maketimecode): DST lasts from
   * the second Sunday of March to the first Sunday of November (238 days); bit 2 ("DST2") = DST in
   * effect at 00:00 UTC of this day ({@code start < doy ≤ start+238}), bit 55 ("DST1") = in effect at
   * 24:00 ({@code start ≤ doy < start+238}). Returns {@code dst1·2 + dst2}.
   */
  public int usDstBits() {
    if (year < 2007) {
      return 0;
    }
    int start = LocalDate.of(year, 3, 1).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.SUNDAY)).getDayOfYear();
    int dst2 = (dayOfYear > start && dayOfYear <= start + 238) ? 1 : 0;
    int dst1 = (dayOfYear >= start && dayOfYear < start + 238) ? 1 : 0;
    return dst1 * 2 + dst2;
  }
}
