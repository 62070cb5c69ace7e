package io.tickstream.core.hf.analysis;

import io.tickstream.core.hf.TimeCode;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.format.ChuFskCode;
import io.tickstream.core.hf.format.UtcMinute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CHU Bell 103 FSK demodulation and frame decoding (issue 4 item 6; DOMAIN.md §1.4, §5.4). Bit
 * timing comes from the station's measured on-time edge: bit k of second s is centred at
 * {@code s + 133.33 ms + (k + ½)/300 s}; each bit is a non-coherent decision between full-bit
 * correlations at 2225 Hz (mark, 1) and 2025 Hz (space, 0), soft value (Pm − Ps)/(Pm + Ps) as grape.
 * Frame A (seconds 32–39) must repeat identically and frame B (second 31) inverted
 * ({@link ChuFskCode}); day/hour/minute are the majority of the valid A frames.
 */
public final class ChuFskDecoder {
  private ChuFskDecoder() {}

  /**
   * @param fskArrivalOffsetMs on-time edge implied by the FSK frames (their last stop bit ends at
   *     exactly 500 ms): arrival relative to the system minute boundary (ms), comparable with
   *     {@code StationTiming.arrivalOffsetMs}; NaN if not measured
   */
  public record Result(TimeCode timeCode, int validFramesA, boolean frameBValid, List<String> notes,
      double fskArrivalOffsetMs) {}

  public static Result decode(MinuteSamples in, double onsetIndex, BroadcastOptions options) {
    int fs = in.sampleRateHz();
    double[] a = in.audio();
    List<String> notes = new ArrayList<>();
    double bitLen = fs / ChuFskCode.BAUD;
    int win = (int) Math.round(bitLen);
    double wm = 2 * Math.PI * ChuFskCode.MARK_HZ / fs;
    double ws = 2 * Math.PI * ChuFskCode.SPACE_HZ / fs;
    Map<String, Integer> votes = new HashMap<>();
    int validA = 0;
    ChuFskCode.FrameB frameB = null;
    double softSum = 0;
    int softN = 0;
    int total = ChuFskCode.CHARS * ChuFskCode.BITS_PER_CHAR;
    double[] softA = new double[4 * ChuFskCode.BITS_PER_CHAR]; // chars 0..3 (6ddd hhmm) summed over 16 copies
    double[] softB = null;
    int aCopies = 0;
    int lagHalf = Math.max(2, fs / 500); // ±2 ms
    double[] lagScore = new double[2 * lagHalf + 1];
    for (int s = 31; s <= 39; s++) {
      double start = onsetIndex + (double) s * fs + ChuFskCode.DATA_START_S * fs;
      if (start < 0 || start + total * bitLen + win > a.length) {
        continue;
      }
      int[] bits = new int[total];
      double[] soft = new double[total];
      for (int k = 0; k < total; k++) {
        int p = (int) Math.round(start + k * bitLen);
        double[] m = Correlators.at(a, p, win, wm);
        double[] sp = Correlators.at(a, p, win, ws);
        double pm = m[0] * m[0] + m[1] * m[1];
        double ps = sp[0] * sp[0] + sp[1] * sp[1];
        bits[k] = pm > ps ? 1 : 0;
        soft[k] = (pm - ps) / Math.max(pm + ps, 1e-30);
        softSum += Math.abs(soft[k]);
        softN++;
      }
      ChuFskCode.Chars ch = ChuFskCode.chars(bits, options.chuFraming());
      if (ch.framingErrors() == 0) {
        frameTiming(a, start, bitLen, win, wm, ws, bits, lagScore, lagHalf);
      }
      if (s == 31) {
        frameB = ChuFskCode.decodeB(ch.bytes());
        softB = soft;
      } else {
        for (int copy = 0; copy < 2; copy++) {
          for (int k = 0; k < softA.length; k++) {
            softA[k] += soft[copy * 5 * ChuFskCode.BITS_PER_CHAR + k];
          }
        }
        aCopies += 2;
        ChuFskCode.FrameA fa = ChuFskCode.decodeA(ch.bytes());
        if (fa != null && fa.second() == s) {
          validA++;
          votes.merge(fa.dayOfYear() + ":" + fa.hour() + ":" + fa.minute(), 1, Integer::sum);
        }
      }
    }
    if (validA == 0 && aCopies > 0) {
      ChuFskCode.FrameA fa = softFrameA(softA);
      if (fa != null) {
        votes.put(fa.dayOfYear() + ":" + fa.hour() + ":" + fa.minute(), 1);
        notes.add("CHU FSK: no frame A passed its repeat check; day/hour/minute from " + aCopies + " soft-combined copies");
      }
    }
    if (frameB == null && softB != null) {
      frameB = softFrameB(softB);
      if (frameB != null) {
        notes.add("CHU FSK: frame B recovered by soft-combining its true and inverted copies");
      }
    }
    if (votes.isEmpty()) {
      notes.add("CHU FSK: no valid frame A");
      return new Result(null, 0, frameB != null, notes, Double.NaN);
    }
    String best = votes.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
    String[] f = best.split(":");
    int doy = Integer.parseInt(f[0]);
    int hour = Integer.parseInt(f[1]);
    int minute = Integer.parseInt(f[2]);
    int year = frameB != null ? frameB.year() : UtcMinute.ofEpochNs(in.minuteStartSystemNs()).year();
    int errors = (frameB == null ? 1 : 0) + (votes.size() > 1 ? 1 : 0);
    if (frameB == null) {
      notes.add("CHU FSK: frame B (second 31) failed its inverted-repeat check; year from the system clock");
    }
    long ns;
    try {
      ns = new UtcMinute(year, doy, hour, minute).epochNs();
    } catch (RuntimeException e) {
      ns = Long.MIN_VALUE;
      errors++;
    }
    TimeCode tc = new TimeCode(TimeCode.Source.CHU_FSK, year, doy, hour, minute,
        frameB == null ? Double.NaN : frameB.dut1Tenths() / 10.0,
        frameB != null && (frameB.leapAdd() || frameB.leapRemove()), frameB == null ? -1 : frameB.dstCode(),
        frameB == null ? -1 : frameB.taiMinusUtc(), ns, errors == 0, softN == 0 ? 0 : softSum / softN, errors);
    double fskArrival = Double.NaN;
    int bi = 0;
    for (int i = 1; i < lagScore.length; i++) {
      if (lagScore[i] > lagScore[bi]) {
        bi = i;
      }
    }
    if (lagScore[bi] > 0 && bi > 0 && bi < lagScore.length - 1) {
      double y0 = lagScore[bi - 1];
      double y1 = lagScore[bi];
      double y2 = lagScore[bi + 1];
      double den = y0 - 2 * y1 + y2;
      double frac = den == 0 ? 0 : Math.max(-0.5, Math.min(0.5, 0.5 * (y0 - y2) / den));
      fskArrival = (onsetIndex + (bi - lagHalf + frac) - in.minuteIndex()) * 1000.0 / fs;
    }
    return new Result(tc, validA, frameB != null, notes, fskArrival);
  }

  /**
   * Adds, for every lag in ±lagHalf samples, Σ_k (2b_k − 1)·(Pm − Ps)/(Pm + Ps) of the burst's bits
   * (full-bit windows from prefix sums): the lag of the maximum aligns the bit grid, i.e. the frame end
   * at 500 ms.
   */
  private static void frameTiming(double[] a, double start, double bitLen, int win, double wm, double ws,
      int[] bits, double[] lagScore, int lagHalf) {
    int r0 = (int) Math.floor(start) - lagHalf - 1;
    int r1 = (int) Math.ceil(start + bits.length * bitLen) + win + lagHalf + 1;
    if (r0 < 0 || r1 > a.length) {
      return;
    }
    int n = r1 - r0;
    double[] mr = new double[n + 1];
    double[] mi = new double[n + 1];
    double[] sr = new double[n + 1];
    double[] si = new double[n + 1];
    for (int k = 0; k < n; k++) {
      double v = a[r0 + k];
      double pm = wm * k;
      double ps = ws * k;
      mr[k + 1] = mr[k] + v * Math.cos(pm);
      mi[k + 1] = mi[k] - v * Math.sin(pm);
      sr[k + 1] = sr[k] + v * Math.cos(ps);
      si[k + 1] = si[k] - v * Math.sin(ps);
    }
    for (int l = -lagHalf; l <= lagHalf; l++) {
      double score = 0;
      for (int k = 0; k < bits.length; k++) {
        int p = (int) Math.round(start + k * bitLen) + l - r0;
        double xr = mr[p + win] - mr[p];
        double xi = mi[p + win] - mi[p];
        double yr = sr[p + win] - sr[p];
        double yi = si[p + win] - si[p];
        double pm = xr * xr + xi * xi;
        double ps = yr * yr + yi * yi;
        score += (2 * bits[k] - 1) * (pm - ps) / Math.max(pm + ps, 1e-30);
      }
      lagScore[l + lagHalf] += score;
    }
  }

  private static int softByte(double[] soft, int charIndex, int sign, double[] minus) {
    int v = 0;
    for (int i = 0; i < 8; i++) {
      int k = charIndex * ChuFskCode.BITS_PER_CHAR + 1 + i;
      double x = soft[k] - (minus == null ? 0 : minus[k + 5 * ChuFskCode.BITS_PER_CHAR]);
      v |= (x * sign > 0 ? 1 : 0) << i;
    }
    return v;
  }

  /** Frame A day/hour/minute from soft bits summed over the copies of chars 0..3 (seconds digits unknown). */
  private static ChuFskCode.FrameA softFrameA(double[] softA) {
    int[] bytes = new int[10];
    for (int c = 0; c < 4; c++) {
      bytes[c] = softByte(softA, c, 1, null);
      bytes[c + 5] = bytes[c];
    }
    ChuFskCode.FrameA fa = ChuFskCode.decodeA(bytes);
    return fa;
  }

  /** Frame B from soft bits: first copy minus the inverted second copy, then the parity/range checks. */
  private static ChuFskCode.FrameB softFrameB(double[] soft) {
    int[] bytes = new int[10];
    for (int c = 0; c < 5; c++) {
      bytes[c] = softByte(soft, c, 1, soft);
      bytes[c + 5] = (~bytes[c]) & 0xff;
    }
    ChuFskCode.FrameB b = ChuFskCode.decodeB(bytes);
    return b != null && b.year() >= 2000 && b.year() <= 2099 ? b : null;
  }
}
