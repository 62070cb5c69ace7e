package io.tickstream.core.hf.discrimination;

import io.tickstream.core.hf.Discrimination;
import io.tickstream.core.hf.Discrimination.Vote;
import io.tickstream.core.hf.DominantStation;
import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.StationTiming;
import io.tickstream.core.hf.TestSignalResult;
import io.tickstream.core.hf.ToneEvidence;
import java.util.ArrayList;
import java.util.List;

/**
 * Which station dominates a shared WWV/WWVH channel in one minute (issue 4 item 7), by weighted votes
 * in the manner of grape's {@code finalize_discrimination} (DOMAIN.md §1.5). A method votes only when
 * its evidence ratio is at least {@link #MIN_RATIO_DB} (3 dB, as grape).
 *
 * <table>
 *   <caption>weights</caption>
 *   <tr><th>method</th><th>weight</th><th>why</th></tr>
 *   <tr><td>tone_500_600 (scheduled tones differ)</td><td>15 (10 in minutes 1–2, where one is 440 Hz)</td>
 *     <td>the schedule maps each tone to one station: direct power comparison, 30 s integration (grape 15/10)</td></tr>
 *   <tr><td>tone_presence (only one station scheduled)</td><td>3</td>
 *     <td>proves that station is present, not that it dominates</td></tr>
 *   <tr><td>tick_amplitude (1000 vs 1200 Hz stacked tick amplitude, usable stations)</td><td>10</td>
 *     <td>every minute, both stations, ~58 coherent looks; stronger than grape's single-tick vote (5)
 *     because stacking gives it 17 dB more integration</td></tr>
 *   <tr><td>marker_snr (0.8 s 1000/1200 Hz marker)</td><td>2</td>
 *     <td>grape's "carrier" vote; one look, often overlapped by the other station</td></tr>
 *   <tr><td>bcd_amplitude (2×2 LS amplitudes at the tick delays, {@code BcdCorrelator})</td><td>10 in minutes
 *     0, 9, 10, 29, 30; 8 in test minutes; else 2</td><td>grape's BCD column: decisive when no tones are
 *     scheduled; abstains when the delays differ by &lt; 3 ms (ill-conditioned)</td></tr>
 *   <tr><td>test_signal</td><td>8 × confidence</td>
 *     <td>only the scheduled station sends it; the other is silent in that minute (grape 15 — reduced
 *     because the WWVH minute is disputed, 44 vs 48)</td></tr>
 * </table>
 *
 * <p>Decision: {@code score_X = Σ w(votes for X) / Σ w(all votes)}; if
 * {@code |score_WWV − score_WWVH| < 0.15} the minute is {@link DominantStation#BOTH} (grape's BALANCED),
 * otherwise the larger; confidence = the margin. No votes ⇒ NONE. A CHU-only channel is CHU when its
 * timing is usable.
 */
public final class StationDiscriminator {
  public static final double MIN_RATIO_DB = 3.0;
  public static final double BALANCED_MARGIN = 0.15;

  private StationDiscriminator() {}

  /**
   * @param tickAmplitudeDb per station, 20·log10 of the stacked tick amplitude (NaN if not measured),
   *     indexed by {@link Station#ordinal()}
   */
  public static Discrimination decide(List<StationTiming> timings, double[] tickAmplitudeDb, ToneEvidence tones,
      TestSignalResult test, double bcdRatioDb, int minuteOfHour) {
    StationTiming wwv = find(timings, Station.WWV);
    StationTiming wwvh = find(timings, Station.WWVH);
    StationTiming chu = find(timings, Station.CHU);
    List<Vote> votes = new ArrayList<>();
    if (wwv == null && wwvh == null) {
      boolean ok = chu != null && chu.usable();
      return new Discrimination(ok ? DominantStation.CHU : DominantStation.NONE, ok ? 1.0 : 0.0, 0, 0,
          List.of());
    }
    if (tones != null) {
      if (tones.wwvToneHz() != 0 && tones.wwvhToneHz() != 0 && tones.wwvToneHz() != tones.wwvhToneHz()) {
        double w = (minuteOfHour == 1 || minuteOfHour == 2) ? 10 : 15;
        double r = tones.wwvToneSnrDb() - tones.wwvhToneSnrDb();
        boolean anyDetected = Math.max(tones.wwvToneSnrDb(), tones.wwvhToneSnrDb()) >= 10.0;
        votes.add(ratioVote("tone_500_600", r, anyDetected ? w : 0));
      } else if (tones.wwvToneHz() != 0 && tones.wwvhToneHz() == 0) {
        votes.add(tones.wwvToneSnrDb() >= 10 ? new Vote("tone_presence", Station.WWV, 3, tones.wwvToneSnrDb())
            : new Vote("tone_presence", null, 0, tones.wwvToneSnrDb()));
      } else if (tones.wwvhToneHz() != 0 && tones.wwvToneHz() == 0) {
        votes.add(tones.wwvhToneSnrDb() >= 10 ? new Vote("tone_presence", Station.WWVH, 3, -tones.wwvhToneSnrDb())
            : new Vote("tone_presence", null, 0, -tones.wwvhToneSnrDb()));
      }
    }
    double aw = wwv != null && wwv.usable() ? tickAmplitudeDb[Station.WWV.ordinal()] : Double.NaN;
    double ah = wwvh != null && wwvh.usable() ? tickAmplitudeDb[Station.WWVH.ordinal()] : Double.NaN;
    votes.add(ratioVote("tick_amplitude", diff(aw, ah), 10));
    votes.add(ratioVote("marker_snr",
        diff(wwv == null ? Double.NaN : wwv.markerSnrDb(), wwvh == null ? Double.NaN : wwvh.markerSnrDb()), 2));
    votes.add(ratioVote("bcd_amplitude", bcdRatioDb, bcdWeight(minuteOfHour)));
    if (test != null && test.detected()) {
      votes.add(new Vote("test_signal", test.station(), 8 * test.confidence(), Double.NaN));
    }
    double total = 0;
    double sw = 0;
    double sh = 0;
    for (Vote v : votes) {
      if (v.station() == null || v.weight() <= 0) {
        continue;
      }
      total += v.weight();
      if (v.station() == Station.WWV) {
        sw += v.weight();
      } else if (v.station() == Station.WWVH) {
        sh += v.weight();
      }
    }
    if (total == 0) {
      boolean anyUsable = (wwv != null && wwv.usable()) || (wwvh != null && wwvh.usable());
      return new Discrimination(anyUsable ? DominantStation.BOTH : DominantStation.NONE, 0, 0, 0, votes);
    }
    sw /= total;
    sh /= total;
    double margin = Math.abs(sw - sh);
    DominantStation d = margin < BALANCED_MARGIN ? DominantStation.BOTH
        : (sw > sh ? DominantStation.WWV : DominantStation.WWVH);
    return new Discrimination(d, margin, sw, sh, votes);
  }

  /** grape's BCD weights (DOMAIN.md §1.5): 10 in the BCD minutes 0, 9, 10, 29, 30; 8 in test minutes; else 2. */
  static double bcdWeight(int minute) {
    if (minute == 0 || minute == 9 || minute == 10 || minute == 29 || minute == 30) {
      return 10;
    }
    return (minute == 8 || minute == 44 || minute == 48) ? 8 : 2;
  }

  /** Ratio in dB (WWV over WWVH); a missing side counts as ±20 dB when the other is present. */
  private static double diff(double wwvDb, double wwvhDb) {
    if (Double.isNaN(wwvDb) && Double.isNaN(wwvhDb)) {
      return Double.NaN;
    }
    if (Double.isNaN(wwvhDb)) {
      return 20;
    }
    if (Double.isNaN(wwvDb)) {
      return -20;
    }
    return wwvDb - wwvhDb;
  }

  private static Vote ratioVote(String method, double ratioDb, double weight) {
    if (Double.isNaN(ratioDb) || Math.abs(ratioDb) < MIN_RATIO_DB || weight <= 0) {
      return new Vote(method, null, 0, ratioDb);
    }
    return new Vote(method, ratioDb > 0 ? Station.WWV : Station.WWVH, weight, ratioDb);
  }

  private static StationTiming find(List<StationTiming> ts, Station s) {
    return ts.stream().filter(t -> t.station() == s).findFirst().orElse(null);
  }
}
