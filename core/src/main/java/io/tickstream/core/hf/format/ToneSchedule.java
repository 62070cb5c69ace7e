package io.tickstream.core.hf.format;

import io.tickstream.core.hf.Station;

/**
 * Which steady audio tone (500, 600 or 440 Hz, or none) each station broadcasts from second 1 to 45
 * of each minute. The two published tables disagree (DOMAIN.md §0.3, §5.2), so the table is
 * configuration.
 *
 * <ul>
 *   <li>{@link #WWVSIM} (default): {@code ka9q/wwvsim:wwvsim.c} {@code WWV_tone_schedule} /
 *       {@code WWVH_tone_schedule}, whose author changed them "to match actual WWV/WWVH schedule".
 *   <li>{@link #GRAPE}: {@code core/wwv_constants.py TONE_SCHEDULE_500_600} of grape-recorder /
 *       hf_timestd (both stations on opposite tones most minutes).
 * </ul>
 *
 * <p>Both follow NIST: no 440 Hz during UTC hour 0 ({@link #toneHz} returns 0 then).
 */
public enum ToneSchedule {
  WWVSIM(
      new int[] {
        0, 600, 440, 0, 0, 600, 500, 600, 0, 0,
        0, 600, 500, 600, 500, 600, 0, 600, 0, 600,
        500, 600, 500, 600, 500, 600, 500, 600, 500, 0,
        0, 600, 500, 600, 500, 600, 500, 600, 500, 600,
        500, 600, 500, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 500, 600, 500, 600, 500, 600, 500, 0},
      new int[] {
        0, 440, 600, 0, 0, 500, 600, 0, 0, 0,
        0, 0, 600, 500, 0, 0, 0, 0, 0, 0,
        600, 500, 600, 500, 600, 500, 600, 500, 600, 0,
        0, 500, 600, 500, 600, 500, 600, 500, 600, 500,
        600, 500, 600, 500, 600, 0, 600, 0, 0, 0,
        0, 0, 0, 500, 600, 500, 600, 500, 600, 0}),
  GRAPE(grapeTable(true), grapeTable(false));

  private final int[] wwv;
  private final int[] wwvh;

  ToneSchedule(int[] wwv, int[] wwvh) {
    this.wwv = wwv;
    this.wwvh = wwvh;
  }

  /**
   * Tone of {@code station} in {@code minute} of UTC {@code hour}: 500, 600, 440 or 0 (none). CHU
   * broadcasts no steady tones.
   */
  public int toneHz(Station station, int hour, int minute) {
    if (minute < 0 || minute > 59) {
      throw new IllegalArgumentException("minute " + minute);
    }
    int t = switch (station) {
      case WWV -> wwv[minute];
      case WWVH -> wwvh[minute];
      case CHU -> 0;
    };
    return (t == 440 && hour == 0) ? 0 : t;
  }

  /**
   * Grape's table (DOMAIN.md §5.2): silent 0,8,9,10,14,15,18,29,30,59; WWV-only 16:500, 17:600,
   * 19:600; minute 1 WWV 600 / WWVH 440; minute 2 WWV 440 / WWVH 600; WWVH-only 43–51 alternating
   * 500/600; otherwise WWV 600 on odd / 500 on even minutes and WWVH the other tone.
   */
  private static int[] grapeTable(boolean wwv) {
    int[] t = new int[60];
    for (int m = 0; m < 60; m++) {
      int wwvTone = (m % 2 == 1) ? 600 : 500;
      int wwvhTone = (m % 2 == 1) ? 500 : 600;
      if (m == 0 || m == 8 || m == 9 || m == 10 || m == 14 || m == 15 || m == 18 || m == 29 || m == 30 || m == 59) {
        wwvTone = 0;
        wwvhTone = 0;
      } else if (m == 16 || m == 17 || m == 19) {
        wwvTone = m == 16 ? 500 : 600;
        wwvhTone = 0;
      } else if (m == 1) {
        wwvTone = 600;
        wwvhTone = 440;
      } else if (m == 2) {
        wwvTone = 440;
        wwvhTone = 600;
      } else if (m >= 43 && m <= 51) {
        wwvTone = 0;
        wwvhTone = (m % 2 == 1) ? 500 : 600;
      }
      t[m] = wwv ? wwvTone : wwvhTone;
    }
    return t;
  }
}
