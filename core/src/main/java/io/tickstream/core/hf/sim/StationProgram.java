package io.tickstream.core.hf.sim;

import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.format.BcdTimeCode;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.format.ChuFskCode;
import io.tickstream.core.hf.format.UtcMinute;
import io.tickstream.core.hf.testsignal.TestSignalTemplate;

/**
 * The audio program (modulation, full scale ±1 = 100 % AM) of one station for one UTC minute,
 * following DOMAIN.md §5.1–5.4: {@code ka9q/wwvsim:wwvsim.c makeminute} for WWV/WWVH (steady tone
 * 1–45 s at −6 dB, BCD on 100 Hz at −6 dB high / −26 dB low, 800 ms marker at the tick frequency or
 * 1500 Hz at the hour, 5 ms ticks in a −10…+30 ms silence guard on seconds 1–58 except 29, DUT1 double
 * ticks at +100 ms) and {@code ka9q/chusim:chusim.c} for CHU (500 ms marker / 1 s at the hour, 300 ms
 * ticks, 10 ms ticks on 31–39 and 50–58, DUT1 split ticks 125+50+125 ms, Bell 103 FSK in 31–39 ending at
 * 500 ms). Voice announcements are not synthesised (silence). The HamSCI test signal is added in the
 * configured minutes when a template is given.
 */
public final class StationProgram {
  private static final double TONE_AMP = Math.pow(10, -6.0 / 20);
  private static final double BCD_HIGH = TONE_AMP;
  private static final double BCD_LOW = TONE_AMP / 10;

  private final BroadcastOptions options;
  private final int dut1Tenths;
  private final boolean leapWarning;
  private final TestSignalTemplate testSignal;

  /**
   * @param dut1Seconds UT1−UTC broadcast, rounded to tenths (−0.7..0.7)
   * @param testSignal template for the HamSCI test minutes, or null to leave them silent
   */
  public StationProgram(BroadcastOptions options, double dut1Seconds, boolean leapWarning,
      TestSignalTemplate testSignal) {
    this.options = options;
    this.dut1Tenths = (int) Math.round(dut1Seconds * 10);
    if (Math.abs(dut1Tenths) > 7) {
      throw new IllegalArgumentException("DUT1 must be within ±0.7 s: " + dut1Seconds);
    }
    this.leapWarning = leapWarning;
    this.testSignal = testSignal;
  }

  public int dut1Tenths() {
    return dut1Tenths;
  }

  /**
   * Renders the program of {@code station} for UTC minute {@code minute} into {@code out[k]}, sample
   * {@code k} at {@code tFirstS + k/fs} seconds after the minute start. Samples outside [0, 60) s are
   * left untouched; samples inside are overwritten.
   */
  public void render(Station station, UtcMinute minute, double[] out, double tFirstS, double fs) {
    ToneWriter w = new ToneWriter(out, tFirstS, fs);
    w.silence(0, 60);
    if (station == Station.CHU) {
      renderChu(w, minute);
    } else {
      renderWwv(w, station, minute);
    }
    int a = w.index(0);
    int b = w.index(60);
    for (int k = a; k < b; k++) {
      double v = out[k];
      out[k] = v > 1 ? 1 : (v < -1 ? -1 : v);
    }
  }

  private boolean isTestMinute(Station st, int minute) {
    return (st == Station.WWV && minute == options.wwvTestMinute())
        || (st == Station.WWVH && minute == options.wwvhTestMinute());
  }

  private void renderWwv(ToneWriter w, Station st, UtcMinute m) {
    double tick = st.tickFrequencyHz();
    if (isTestMinute(st, m.minute()) && testSignal != null) {
      addTestSignal(w);
    } else {
      int tone = options.schedule().toneHz(st, m.hour(), m.minute());
      if (tone != 0) {
        w.add(1, 45, tone, TONE_AMP);
      }
    }
    int[] code = BcdTimeCode.encode(m, dut1Tenths, leapWarning, options.dut1SignOneIsPositive());
    for (int s = 1; s < 60; s++) {
      double width = code[s] == BcdTimeCode.MARKER ? 0.8 : (code[s] == BcdTimeCode.ONE ? 0.5 : 0.2);
      w.add(s, s + width, 100, BCD_HIGH);
      w.add(s + width, s + 1, 100, BCD_LOW);
    }
    w.overlay(0, 0.8, m.minute() == 0 ? 1500 : tick, 1.0);
    w.silence(0.8, 1.0);
    for (int s = 1; s < 60; s++) {
      if (s != 29 && s < 59) {
        w.silence(s - 0.010, s + 0.030);
        w.overlay(s, s + 0.005, tick, 1.0);
      }
      if ((dut1Tenths > 0 && s <= dut1Tenths) || (dut1Tenths < 0 && s >= 9 && s <= 8 - dut1Tenths)) {
        w.overlay(s + 0.100, s + 0.105, tick, 1.0);
      }
    }
  }

  /** Adds the test-signal waveform with its sample 0 at the minute start (data/README.md answer key). */
  private void addTestSignal(ToneWriter w) {
    int a = w.index(0);
    int b = w.index(Math.min(60, testSignal.durationS()));
    double[] v = testSignal.resample(w.sampleRateHz(), w.timeOf(a), b - a);
    w.addSamples(a, v);
  }

  private void renderChu(ToneWriter w, UtcMinute m) {
    double f = 1000.0;
    if (m.minute() == 0) {
      w.overlay(0, 1.0, f, 1.0);
      for (int s = 10; s < 29; s++) {
        w.overlay(s, s + 0.3, f, 1.0);
      }
      w.overlay(30, 30.3, f, 1.0);
    } else {
      w.overlay(0, 0.5, f, 1.0);
      for (int s = 1; s < 29; s++) {
        if ((dut1Tenths > 0 && s <= dut1Tenths) || (dut1Tenths < 0 && s >= 9 && s <= 8 - dut1Tenths)) {
          w.overlay(s, s + 0.125, f, 1.0);
          w.overlay(s + 0.175, s + 0.300, f, 1.0);
        } else {
          w.overlay(s, s + 0.3, f, 1.0);
        }
      }
      w.overlay(30, 30.3, f, 1.0);
    }
    for (int s = 31; s < 40; s++) {
      w.overlay(s, s + 0.010, f, 1.0);
      int[] bytes = ChuFskCode.bytesFor(m, s, dut1Tenths, 37, 0, leapWarning && dut1Tenths < 0,
          leapWarning && dut1Tenths > 0);
      int[] bits = ChuFskCode.bits(bytes, options.chuFraming());
      double t = s + 0.010;
      double phase = w.tone(t, s + ChuFskCode.DATA_START_S, ChuFskCode.MARK_HZ, 1.0, false, 0.0);
      t = s + ChuFskCode.DATA_START_S;
      for (int bit : bits) {
        double next = t + 1.0 / ChuFskCode.BAUD;
        phase = w.tone(t, next, bit == 1 ? ChuFskCode.MARK_HZ : ChuFskCode.SPACE_HZ, 1.0, false, phase);
        t = next;
      }
      w.tone(s + 0.5, s + 0.51, ChuFskCode.MARK_HZ, 1.0, false, phase);
    }
    for (int s = 40; s < 50; s++) {
      w.overlay(s, s + 0.3, f, 1.0);
    }
    for (int s = 50; s < 59; s++) {
      w.overlay(s, s + 0.010, f, 1.0);
    }
  }
}
