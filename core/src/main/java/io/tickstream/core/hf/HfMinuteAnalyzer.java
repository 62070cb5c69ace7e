package io.tickstream.core.hf;

import io.tickstream.core.hf.analysis.BcdCorrelator;
import io.tickstream.core.hf.analysis.BcdDecoder;
import io.tickstream.core.hf.analysis.ChuFskDecoder;
import io.tickstream.core.hf.analysis.MarkerToneMeter;
import io.tickstream.core.hf.analysis.MinuteSamples;
import io.tickstream.core.hf.analysis.TickTimer;
import io.tickstream.core.hf.analysis.ToneAnalyzer;
import io.tickstream.core.hf.discrimination.StationDiscriminator;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.format.UtcMinute;
import io.tickstream.core.hf.testsignal.TestSignalDetector;
import io.tickstream.core.hf.testsignal.TestSignalTemplate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Phase 2 minute analysis of one HF channel (issue 4): tick/marker timing per candidate station,
 * BCD or CHU FSK time code, station-ID tones, HamSCI test signal, Doppler, discrimination. Stateless
 * and thread-safe; one instance per configuration.
 */
public final class HfMinuteAnalyzer {

  /**
   * @param candidates stations searched on this channel
   * @param broadcast format conventions where sources disagree
   * @param ticks tick/marker detection thresholds
   * @param testSignal HamSCI template, or null to skip test-signal analysis
   */
  public record Config(Set<Station> candidates, BroadcastOptions broadcast, TickTimer.Config ticks,
      TestSignalTemplate testSignal) {
    public Config {
      candidates = Set.copyOf(candidates);
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException("at least one candidate station");
      }
    }

    /** Candidate stations by carrier (DOMAIN.md §1.2): shared 2.5/5/10/15 MHz, WWV-only 20/25, CHU 3.33/7.85/14.67. */
    public static Set<Station> candidatesFor(double frequencyHz) {
      double mhz = frequencyHz / 1e6;
      if (near(mhz, 3.33) || near(mhz, 7.85) || near(mhz, 14.67) || near(mhz, 7.335)) {
        return EnumSet.of(Station.CHU);
      }
      if (near(mhz, 20) || near(mhz, 25)) {
        return EnumSet.of(Station.WWV);
      }
      return EnumSet.of(Station.WWV, Station.WWVH);
    }

    private static boolean near(double a, double b) {
      return Math.abs(a - b) < 0.005;
    }

    public static Config defaultsFor(double frequencyHz, TestSignalTemplate testSignal) {
      return new Config(candidatesFor(frequencyHz), BroadcastOptions.defaults(), TickTimer.Config.defaults(),
          testSignal);
    }
  }

  private final Config config;
  private final TickTimer timer;

  public HfMinuteAnalyzer(Config config) {
    this.config = config;
    this.timer = new TickTimer(config.ticks());
  }

  public Config config() {
    return config;
  }

  /**
   * WWV and WWVH arrivals differ by less than this at any receiver: both stations emit on the UTC
   * second, and by the triangle inequality their ground ranges to a receiver differ by at most their
   * separation, 5,498 km (18.3 ms at c); hop geometry and layer height add a few ms more.
   */
  static final double MAX_STATION_SEPARATION_MS = 50.0;
  /** The weaker station's tick peak closer than this to the stronger's is the stronger's leakage. */
  static final double TICK_LEAKAGE_MS = 8.0;
  /**
   * The BCD correlator ({@link BcdCorrelator}) fits both stations' 100 Hz time code at their marker
   * onsets; a station whose fitted BCD amplitude is this far below the other's is not on the channel.
   * (Real co-channel stations 6–12 dB apart with multipath fit up to ≈ 28 dB apart, DiscriminationTest;
   * the stronger station's own modulation taken for the other's ticks fits 42–82 dB below it,
   * SingleStationTest.)
   */
  static final double BCD_ABSENT_DB = 40.0;

  /**
   * The weaker of WWV/WWVH is searched again next to the stronger one
   * ({@link TickTimer#measure(MinuteSamples, Station, int, double[][], double)}): within
   * ±{@value TickTimer#WEAK_SEARCH_MS} ms of the stronger's tick, with the stronger station's steady tones
   * and the program steps at the ends of its silence guard projected out, and without the lags within
   * {@value #TICK_LEAKAGE_MS} ms of its tick, where a 5 ms 1000 Hz tick leaks into the 1200 Hz matched
   * filter when the two only partly overlap (and vice versa), up to ≈ −10 dB. A weaker station whose ticks
   * are then not detected is not used on its minute marker alone: the stronger station's 800 ms marker
   * leaks into that correlator too.
   */
  private void searchWeakerAgain(MinuteSamples in, java.util.Map<Station, TickTimer.Result> r, int minute,
      List<String> notes) {
    TickTimer.Result w = r.get(Station.WWV);
    TickTimer.Result h = r.get(Station.WWVH);
    if (w == null || h == null || Double.isNaN(w.tickAmplitudeDb()) || Double.isNaN(h.tickAmplitudeDb())) {
      return;
    }
    boolean wwvStronger = w.tickAmplitudeDb() >= h.tickAmplitudeDb();
    TickTimer.Result strong = wwvStronger ? w : h;
    if (!strong.timing().usable()) {
      return;
    }
    Station weak = wwvStronger ? Station.WWVH : Station.WWV;
    double a = strong.timing().arrivalOffsetMs();
    TickTimer.Result again = timer.measure(in, weak, minute,
        new double[][] {{a - TICK_LEAKAGE_MS, a + TICK_LEAKAGE_MS}}, a);
    StationTiming t = again.timing();
    if (t.usable() && t.snrDb() + 10 * Math.log10(t.ticksUsed()) < config.ticks().minStackSnrDb()) {
      again = new TickTimer.Result(t.unusable(), again.markerOnsetIndex(), again.secondResolved(), again.note(),
          again.tickAmplitudeDb(), again.integration());
      notes.add(String.format(java.util.Locale.ROOT,
          "%s ticks not detected next to %s (%.1f dB per tick): its minute marker alone is not used", weak,
          strong.timing().station(), t.snrDb()));
    }
    r.put(weak, again);
  }

  /**
   * A weaker WWV/WWVH tick peak more than {@value #MAX_STATION_SEPARATION_MS} ms (mod 1 s) from a usable
   * stronger station is physically impossible: it is the stronger station's own BCD and tone keying,
   * which put 1000/1200 Hz energy at fixed lags of every second, or noise. The weaker station is then
   * not detected (its timing is kept, marked unusable). It is not searched again near the stronger
   * one: the best lag left there is no better evidence.
   */
  private static void dropImpossibleWeaker(java.util.Map<Station, TickTimer.Result> r, List<String> notes) {
    TickTimer.Result w = r.get(Station.WWV);
    TickTimer.Result h = r.get(Station.WWVH);
    if (w == null || h == null || Double.isNaN(w.tickAmplitudeDb()) || Double.isNaN(h.tickAmplitudeDb())) {
      return;
    }
    boolean wwvStronger = w.tickAmplitudeDb() >= h.tickAmplitudeDb();
    TickTimer.Result strong = wwvStronger ? w : h;
    TickTimer.Result weak = wwvStronger ? h : w;
    double d = separationMs(w, h);
    if (d <= MAX_STATION_SEPARATION_MS || !strong.timing().usable() || !weak.timing().usable()) {
      return;
    }
    Station st = weak.timing().station();
    r.put(st, new TickTimer.Result(weak.timing().unusable(), weak.markerOnsetIndex(), false, weak.note(),
        weak.tickAmplitudeDb(), weak.integration()));
    notes.add(String.format(java.util.Locale.ROOT,
        "%s tick peak is %.1f ms from %s's, farther than the stations can arrive apart: %s not detected",
        st, d, strong.timing().station(), st));
  }

  /** |WWV − WWVH| tick arrival difference mod 1 s (ms, 0–500). */
  private static double separationMs(TickTimer.Result w, TickTimer.Result h) {
    double d = Math.abs(w.timing().arrivalOffsetMs() - h.timing().arrivalOffsetMs()) % 1000.0;
    return Math.min(d, 1000.0 - d);
  }

  /**
   * When the BCD fit says one of WWV/WWVH is absent ({@value #BCD_ABSENT_DB} dB or more below the other)
   * and its ticks are the weaker too, its tick peak is something of the other station's signal: its
   * timing is marked unusable (kept for the evidence files), so the solver never takes it for a second
   * station.
   */
  private static void dropAbsentStation(List<StationTiming> timings, double[] tickAmpDb, double bcdRatioDb,
      List<String> notes) {
    if (!(Math.abs(bcdRatioDb) >= BCD_ABSENT_DB)) {
      return;
    }
    Station absent = bcdRatioDb > 0 ? Station.WWVH : Station.WWV;
    Station present = absent == Station.WWV ? Station.WWVH : Station.WWV;
    if (!(tickAmpDb[absent.ordinal()] < tickAmpDb[present.ordinal()])) {
      return;
    }
    for (int i = 0; i < timings.size(); i++) {
      StationTiming t = timings.get(i);
      if (t.station() == absent && t.usable()) {
        timings.set(i, t.unusable());
        notes.add(String.format(java.util.Locale.ROOT,
            "%s: BCD %.1f dB below %s's, not on this channel: its tick peak (%.3f ms) not used",
            absent, Math.abs(bcdRatioDb), present, t.arrivalOffsetMs()));
      }
    }
  }

  /**
   * When {@code weak}'s ticks were found but not its minute marker — or its marker puts it more than
   * 100 ms from {@code strong} while being the weaker marker — the second is taken from {@code strong}'s
   * resolved marker: WWV and WWVH arrivals differ by less than 100 ms at any receiver, so the
   * whole-second choice nearest the other station's arrival is unambiguous.
   */
  private static void borrowSecond(MinuteSamples in, java.util.Map<Station, TickTimer.Result> r, Station weak,
      Station strong, double minStackSnrDb) {
    TickTimer.Result w = r.get(weak);
    TickTimer.Result s = r.get(strong);
    if (w == null || s == null || !s.secondResolved() || !s.timing().usable()
        || Double.isNaN(w.timing().arrivalOffsetMs())
        || w.timing().snrDb() + 10 * Math.log10(w.timing().ticksUsed()) < minStackSnrDb) {
      return;
    }
    double diff = w.timing().arrivalOffsetMs() - s.timing().arrivalOffsetMs();
    boolean conflict = w.secondResolved() && Math.abs(diff) > 100.0
        && !(w.timing().markerSnrDb() > s.timing().markerSnrDb());
    if (w.secondResolved() && !conflict) {
      return;
    }
    double k = Math.round(diff / 1000.0);
    double shifted = w.timing().arrivalOffsetMs() - 1000.0 * k;
    if (Math.abs(shifted - s.timing().arrivalOffsetMs()) > 100.0) {
      return;
    }
    StationTiming t = w.timing();
    StationTiming fixed = new StationTiming(t.station(), shifted, t.arrivalUncertaintyMs(), t.snrDb(), t.ticksUsed(),
        t.markerOffsetMs(), t.markerSnrDb(), t.delaySpreadMs(), t.dopplerHz(), t.dopplerSpreadHz(),
        t.frequencySelectivityDb(), true);
    r.put(weak, new TickTimer.Result(fixed, w.markerOnsetIndex() - k * in.sampleRateHz(), true,
        weak + ": second taken from " + strong + "'s minute marker (own marker "
            + (conflict ? "disagreed by " + Math.round(diff) + " ms" : "too weak") + ")", w.tickAmplitudeDb(),
        w.integration()));
  }

  public MinuteAnalysis analyze(MinuteSamples in) {
    List<String> notes = new ArrayList<>();
    UtcMinute label = UtcMinute.ofEpochNs(in.minuteStartSystemNs());
    List<StationTiming> timings = new ArrayList<>();
    double[] ampDb = new double[Station.values().length];
    java.util.Arrays.fill(ampDb, Double.NaN);
    TickTimer.Result bestWwv = null;
    TickTimer.Result wwvResult = null;
    TickTimer.Result wwvhResult = null;
    TickTimer.Result chuResult = null;
    java.util.Map<Station, TickTimer.Result> results = new java.util.EnumMap<>(Station.class);
    List<TickIntegration> integrations = new ArrayList<>();
    List<MarkerTone> markerTones = new ArrayList<>();
    List<BcdCorrelator.Window> bcd = List.of();
    for (Station st : new Station[] {Station.WWV, Station.WWVH, Station.CHU}) {
      if (config.candidates().contains(st)) {
        results.put(st, timer.measure(in, st, label.minute()));
      }
    }
    searchWeakerAgain(in, results, label.minute(), notes);
    double minStack = config.ticks().minStackSnrDb();
    borrowSecond(in, results, Station.WWV, Station.WWVH, minStack);
    borrowSecond(in, results, Station.WWVH, Station.WWV, minStack);
    dropImpossibleWeaker(results, notes);
    for (java.util.Map.Entry<Station, TickTimer.Result> e : results.entrySet()) {
      Station st = e.getKey();
      TickTimer.Result r = e.getValue();
      timings.add(r.timing());
      integrations.add(r.integration());
      ampDb[st.ordinal()] = r.tickAmplitudeDb();
      if (r.note() != null) {
        notes.add(r.note());
      }
      if (st == Station.WWV) {
        wwvResult = r;
      } else if (st == Station.WWVH) {
        wwvhResult = r;
      }
      if (st == Station.CHU) {
        chuResult = r;
      } else if (r.timing().usable()
          && (bestWwv == null || r.tickAmplitudeDb() > bestWwv.tickAmplitudeDb())) {
        bestWwv = r;
      }
    }

    TimeCode code = null;
    double bcdRatioDb = Double.NaN;
    if (bestWwv != null) {
      BcdDecoder.Sliced sliced = BcdDecoder.slice(in, bestWwv.markerOnsetIndex());
      code = BcdDecoder.decode(sliced, config.broadcast().dut1SignOneIsPositive());
      if (wwvResult != null && wwvhResult != null && sliced.secondsRead() >= 58) {
        List<BcdCorrelator.Window> spans = BcdCorrelator.correlate(in, sliced.symbols(),
            wwvResult.timing().usable() ? wwvResult.markerOnsetIndex() : Double.NaN,
            wwvhResult.timing().usable() ? wwvhResult.markerOnsetIndex() : Double.NaN, true);
        if (spans != null) {
          bcd = spans;
          BcdCorrelator.Result bc = spans.get(0).result();
          bcdRatioDb = bc.amplitudeRatioDb();
          notes.add(String.format(java.util.Locale.ROOT,
              "BCD correlation: peak %.1f ms (quality %.1f), amplitudes WWV %.3g / WWVH %.3g (%.1f dB)",
              bc.peakOffsetMs(), bc.quality(), bc.wwvAmplitude(), bc.wwvhAmplitude(), bc.amplitudeRatioDb()));
        }
      }
      dropAbsentStation(timings, ampDb, bcdRatioDb, notes);
      if (code == null) {
        notes.add("BCD: fewer than 58 seconds inside the data");
      } else if (!code.valid()) {
        notes.add("BCD: " + code.errors() + " structural errors; time code not trusted");
      }
    }
    double fskArrivalMs = Double.NaN;
    ChuFskDecoder.Result fsk = null;
    if (chuResult != null && chuResult.timing().usable()) {
      fsk = ChuFskDecoder.decode(in, chuResult.markerOnsetIndex(), config.broadcast());
      if (fsk.timeCode() != null) {
        code = code == null || !code.valid() ? fsk.timeCode() : code;
      }
      notes.addAll(fsk.notes());
      fskArrivalMs = fsk.fskArrivalOffsetMs();
    }
    Long utcMinute = code != null && code.valid() ? code.utcMinuteStartNs() : null;
    UtcMinute program = utcMinute != null ? UtcMinute.ofEpochNs(utcMinute) : label;
    for (TickTimer.Result r : results.values()) {
      MarkerTone mt = MarkerToneMeter.measure(in, r, label.minute()); // the marker tone TickTimer searched
      if (mt != null) {
        markerTones.add(mt);
      }
    }

    ToneEvidence tones = null;
    TestSignalResult test = null;
    double onset = bestWwv != null ? bestWwv.markerOnsetIndex() : in.minuteIndex();
    if (config.candidates().contains(Station.WWV) || config.candidates().contains(Station.WWVH)) {
      tones = ToneAnalyzer.analyze(in, onset, config.broadcast().schedule(), program.hour(), program.minute());
      Station testStation = program.minute() == config.broadcast().wwvTestMinute() ? Station.WWV
          : program.minute() == config.broadcast().wwvhTestMinute() ? Station.WWVH : null;
      if (testStation != null && config.candidates().contains(testStation) && config.testSignal() != null) {
        test = TestSignalDetector.detect(in, config.testSignal(), testStation);
        if (test != null && test.detected() && !Double.isNaN(test.frequencySelectivityDb())) {
          for (int i = 0; i < timings.size(); i++) {
            if (timings.get(i).station() == testStation) {
              timings.set(i, timings.get(i).withFrequencySelectivityDb(test.frequencySelectivityDb()));
            }
          }
        }
      }
    }
    Discrimination disc = StationDiscriminator.decide(timings, ampDb, tones, test, bcdRatioDb, program.minute());
    MinuteAnalysis tmp = new MinuteAnalysis(in.channel(), in.frequencyHz(), in.minuteStartSystemNs(), utcMinute,
        timings, code, tones, test, Double.NaN, Double.NaN, Double.NaN, disc, in.completeness(), false, notes);
    StationTiming dom = tmp.dominantTiming().orElse(null);
    double dop = dom == null ? Double.NaN : dom.dopplerHz();
    double spread = dom == null ? Double.NaN : dom.dopplerSpreadHz();
    double coherence = Double.isNaN(spread) ? Double.NaN
        : (spread <= 0.001 ? 60.0 : Math.min(60.0, 1.0 / (Math.PI * spread)));
    boolean usable = timings.stream().anyMatch(StationTiming::usable);
    if (in.completeness() < 0.999) {
      notes.add(String.format("minute %.1f%% complete", 100 * in.completeness()));
    }
    return new MinuteAnalysis(in.channel(), in.frequencyHz(), in.minuteStartSystemNs(), utcMinute, timings, code,
        tones, test, dop, spread, coherence, disc, in.completeness(), usable, notes, fskArrivalMs,
        new MethodEvidence(integrations, bcd, markerTones, fsk));
  }
}
