package io.tickstream.core.hf;

import io.tickstream.core.hf.analysis.BcdDecoder;
import io.tickstream.core.hf.analysis.ChuFskDecoder;
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

  public MinuteAnalysis analyze(MinuteSamples in) {
    List<String> notes = new ArrayList<>();
    UtcMinute label = UtcMinute.ofEpochNs(in.minuteStartSystemNs());
    List<StationTiming> timings = new ArrayList<>();
    double[] ampDb = new double[Station.values().length];
    java.util.Arrays.fill(ampDb, Double.NaN);
    TickTimer.Result bestWwv = null;
    TickTimer.Result chuResult = null;
    for (Station st : new Station[] {Station.WWV, Station.WWVH, Station.CHU}) {
      if (!config.candidates().contains(st)) {
        continue;
      }
      TickTimer.Result r = timer.measure(in, st, label.minute());
      timings.add(r.timing());
      ampDb[st.ordinal()] = r.tickAmplitudeDb();
      if (r.note() != null) {
        notes.add(r.note());
      }
      if (st == Station.CHU) {
        chuResult = r;
      } else if (r.timing().usable()
          && (bestWwv == null || r.tickAmplitudeDb() > bestWwv.tickAmplitudeDb())) {
        bestWwv = r;
      }
    }

    TimeCode code = null;
    if (bestWwv != null) {
      code = BcdDecoder.decode(BcdDecoder.slice(in, bestWwv.markerOnsetIndex()),
          config.broadcast().dut1SignOneIsPositive());
      if (code == null) {
        notes.add("BCD: fewer than 58 seconds inside the data");
      } else if (!code.valid()) {
        notes.add("BCD: " + code.errors() + " structural errors; time code not trusted");
      }
    }
    double fskArrivalMs = Double.NaN;
    if (chuResult != null && chuResult.timing().usable()) {
      ChuFskDecoder.Result fsk = ChuFskDecoder.decode(in, chuResult.markerOnsetIndex(), config.broadcast());
      if (fsk.timeCode() != null) {
        code = code == null || !code.valid() ? fsk.timeCode() : code;
      }
      notes.addAll(fsk.notes());
      fskArrivalMs = fsk.fskArrivalOffsetMs();
    }
    Long utcMinute = code != null && code.valid() ? code.utcMinuteStartNs() : null;
    UtcMinute program = utcMinute != null ? UtcMinute.ofEpochNs(utcMinute) : label;

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
    Discrimination disc = StationDiscriminator.decide(timings, ampDb, tones, test, program.minute());
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
        tones, test, dop, spread, coherence, disc, in.completeness(), usable, notes, fskArrivalMs);
  }
}
