package io.tickstream.core.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.hf.analysis.BcdCorrelator;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.format.UtcMinute;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.HfSignalGenerator.Path;
import io.tickstream.core.hf.sim.HfSignalGenerator.Scenario;
import io.tickstream.core.hf.sim.HfSignalGenerator.Transmission;
import io.tickstream.core.hf.analysis.TickTimer;
import io.tickstream.core.hf.testsignal.TestSignalTemplate;
import io.tickstream.core.testing.SharedData;
import java.util.EnumSet;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** The per-method evidence of {@link MethodEvidence} and friends responds to the simulated signal. */
class MethodEvidenceTest {
  static final HfSignalGenerator GEN = SimulatedMinutes.generator(0.0, null);
  static final HfMinuteAnalyzer ANALYZER = new HfMinuteAnalyzer(HfMinuteAnalyzer.Config.defaultsFor(10e6, null));
  static final long H14 = new UtcMinute(2026, 200, 14, 0).epochNs();
  static final long H00 = new UtcMinute(2026, 200, 0, 0).epochNs();
  static final double D_CLOCK_MS = 2.0;

  private static MinuteAnalysis analyze(long hourNs, int minute, Scenario sc) {
    return ANALYZER.analyze(SimulatedMinutes.minute(GEN, hourNs + minute * 60_000_000_000L, sc, 10e6));
  }

  private static Scenario twoStations(double wwvDelayMs, double wwvhDelayMs, double wwvhAmp, double wwvhDopplerHz,
      long seed) {
    return new Scenario(List.of(
        new Transmission(Station.WWV, List.of(new Path(wwvDelayMs, 1.0, 0.0, 0.0))),
        new Transmission(Station.WWVH, List.of(new Path(wwvhDelayMs, wwvhAmp, wwvhDopplerHz, 0.3)))),
        D_CLOCK_MS, 25, seed);
  }

  @Test
  void bcdDifferentialDelayFollowsTheSimulatedPathDifference() {
    for (double wwvh : new double[] {16.0, 28.5}) {
      MinuteAnalysis m = analyze(H14, 20, twoStations(7.0, wwvh, 0.7, 0.0, 7));
      BcdCorrelator.Result b = m.methods().bcd();
      System.out.println("WWVH at " + wwvh + " ms: " + b);
      assertNotNull(b, "BCD correlation ran");
      assertEquals(wwvh - 7.0, b.differentialDelayMs(), 1.0, "differential delay");
      assertEquals(7.0 + D_CLOCK_MS, b.wwvDelayMs(), 1.0, "WWV BCD arrival");
      assertEquals(wwvh + D_CLOCK_MS, b.wwvhDelayMs(), 1.0, "WWVH BCD arrival");
      assertEquals(20 * Math.log10(1.0 / 0.7), b.amplitudeRatioDb(), 1.5, "amplitude ratio");
    }
  }

  @Test
  void bcdWindowsFollowAWwvhFadeInsideTheMinute() {
    Scenario steady = twoStations(7.0, 20.0, 0.7, 0.0, 9);
    // WWVH over two paths 0.01 Hz apart: it fades once, deepest about second 42
    Scenario fading = new Scenario(List.of(
        new Transmission(Station.WWV, List.of(new Path(7.0, 1.0, 0.0, 0.0))),
        new Transmission(Station.WWVH, List.of(new Path(20.0, 0.7, 0.0, 0.3), new Path(20.0, 0.6, 0.01, 0.8)))),
        D_CLOCK_MS, 25, 9);
    List<BcdCorrelator.Window> s = analyze(H14, 20, steady).methods().bcdWindows();
    List<BcdCorrelator.Window> f = analyze(H14, 20, fading).methods().bcdWindows();
    s.forEach(w -> System.out.println("steady " + w));
    f.forEach(w -> System.out.println("fading " + w));
    assertEquals(List.of(0, 10, 20, 30, 40, 50), s.stream().map(BcdCorrelator.Window::startSecond).toList());
    for (BcdCorrelator.Window w : s) {
      assertEquals(10, w.lengthSeconds());
      assertEquals(13.0, w.result().differentialDelayMs(), 1.0, w.toString());
      assertEquals(20 * Math.log10(1.0 / 0.7), w.result().amplitudeRatioDb(), 1.5, w.toString());
    }
    assertTrue(spread(f.stream().mapToDouble(w -> w.result().amplitudeRatioDb())) > 6,
        "the windows see WWVH fade: " + f);
  }

  /** max − min of the values (dB). */
  private static double spread(DoubleStream values) {
    DoubleSummaryStatistics st = values.summaryStatistics();
    return st.getMax() - st.getMin();
  }

  @Test
  void the440HzToneIsDetectedOnlyWhereTheScheduleCarriesIt() {
    Scenario both = twoStations(7.0, 20.0, 0.7, 0.0, 11);
    Scenario wwvhOnly = new Scenario(List.of(new Transmission(Station.WWVH, List.of(Path.of(20.0, 1.0)))),
        D_CLOCK_MS, 25, 12);
    ToneEvidence m1 = analyze(H14, 1, both).tones();     // WWVH 440 Hz
    ToneEvidence m2 = analyze(H14, 2, both).tones();     // WWV 440 Hz
    ToneEvidence m2h = analyze(H14, 2, wwvhOnly).tones(); // WWV absent: WWVH sends 600 Hz
    ToneEvidence m1h0 = analyze(H00, 1, both).tones();   // hour 0: no 440 Hz (NIST)
    ToneEvidence m3 = analyze(H14, 3, both).tones();     // not a 440 minute
    System.out.printf("440 Hz SNR dB: m1 %.1f, m2 %.1f, m2 WWVH only %.1f, hour 0 m1 %.1f%n", m1.snr440Db(),
        m2.snr440Db(), m2h.snr440Db(), m1h0.snr440Db());
    assertTrue(m1.tone440Detected());
    assertTrue(m2.tone440Detected());
    assertFalse(m2h.tone440Detected());
    assertFalse(m1h0.tone440Detected());
    assertFalse(m3.tone440Detected());
    assertTrue(Double.isNaN(m3.snr440Db()), "440 Hz is measured in minutes 1 and 2 only");
  }

  @Test
  void tickCoherenceDropsWhenTheWeakerStationBeatsAgainstTheStronger() {
    // WWVH 0.1 Hz off WWV's carrier: the envelope detector multiplies WWVH's ticks by cos of the
    // rotating phase difference (6 sign changes a minute), so they no longer add coherently
    MinuteAnalysis steady = analyze(H14, 20, twoStations(7.0, 20.0, 0.5, 0.0, 21));
    MinuteAnalysis beating = analyze(H14, 20, twoStations(7.0, 20.0, 0.5, 0.1, 21));
    TickIntegration w = steady.methods().ticks(Station.WWV).orElseThrow();
    TickIntegration hSteady = steady.methods().ticks(Station.WWVH).orElseThrow();
    TickIntegration hBeat = beating.methods().ticks(Station.WWVH).orElseThrow();
    System.out.println(w + "\n" + hSteady + "\n" + hBeat);
    assertTrue(w.coherenceQuality() > 0.95, "strong station's ticks are in phase: " + w);
    assertEquals("coherent", w.integrationMethod());
    assertTrue(w.coherentSnrDb() > w.incoherentSnrDb() + 5, "coherent gain n beats incoherent √n: " + w);
    assertTrue(hSteady.coherenceQuality() > 0.9, hSteady.toString());
    assertTrue(hBeat.coherenceQuality() < 0.5, hBeat.toString());
    assertTrue(hBeat.coherentSnrDb() < hSteady.coherentSnrDb() - 6, "coherent SNR collapses: " + hBeat);
  }

  @Test
  void tenSecondWindowsResolveAFadeThatTheMinuteAverages() {
    Scenario clean = new Scenario(List.of(new Transmission(Station.WWV, List.of(new Path(7.0, 1.0, 0.05, 0)))),
        D_CLOCK_MS, 25, 33);
    // two nearly equal paths 0.01 Hz apart: one slow fade, deepest about second 42
    Scenario fading = new Scenario(List.of(new Transmission(Station.WWV,
        List.of(new Path(7.0, 1.0, 0.05, 0), new Path(7.0, 0.9, 0.06, 0.5)))), D_CLOCK_MS, 25, 33);
    TickIntegration c = analyze(H14, 20, clean).methods().ticks(Station.WWV).orElseThrow();
    TickIntegration f = analyze(H14, 20, fading).methods().ticks(Station.WWV).orElseThrow();
    System.out.println(c.windows() + "\n" + f.windows());
    assertEquals(List.of(0, 10, 20, 30, 40, 50), c.windows().stream().map(TickIntegration.Window::startSecond).toList());
    assertEquals(c.ticks(), c.windows().stream().mapToInt(TickIntegration.Window::ticks).sum(),
        "every tick second in exactly one window");
    for (TickIntegration.Window w : c.windows()) {
      // coherent gain n: a window of n_w ticks is 10·log10(n/n_w) below the minute
      assertEquals(c.coherentSnrDb() - 10 * Math.log10((double) c.ticks() / w.ticks()), w.coherentSnrDb(), 1.5,
          w.toString());
      assertTrue(w.coherenceQuality() > 0.95, w.toString());
      assertEquals("coherent", w.integrationMethod());
    }
    assertTrue(spread(c.windows().stream().mapToDouble(TickIntegration.Window::coherentSnrDb)) < 1.5,
        "steady carrier: windows alike " + c.windows());
    assertTrue(spread(f.windows().stream().mapToDouble(TickIntegration.Window::coherentSnrDb)) > 6,
        "fading: the windows see the fade " + f.windows());
  }

  @Test
  void dopplerQualityIsHighForASteadyCarrierAndLowForTwoFadingPaths() {
    Scenario clean = new Scenario(List.of(new Transmission(Station.WWV, List.of(new Path(7.0, 1.0, 0.05, 0)))),
        D_CLOCK_MS, 25, 31);
    // two equal paths 0.4 Hz apart: the carrier phase jumps at every fade
    Scenario fading = new Scenario(List.of(new Transmission(Station.WWV,
        List.of(new Path(7.0, 1.0, 0.05, 0), new Path(7.3, 0.95, 0.45, 1.0)))), D_CLOCK_MS, 25, 31);
    double qClean = analyze(H14, 20, clean).methods().ticks(Station.WWV).orElseThrow().dopplerQuality();
    double qFading = analyze(H14, 20, fading).methods().ticks(Station.WWV).orElseThrow().dopplerQuality();
    System.out.printf("Doppler quality clean %.3f, fading %.3f%n", qClean, qFading);
    assertTrue(qClean > 0.99, "clean " + qClean);
    assertTrue(qFading < 0.9, "fading " + qFading);
  }

  @Test
  void markerTonesCarryTheirStationsFrequencyAndArrival() {
    MinuteAnalysis m = analyze(H14, 20, twoStations(7.0, 20.0, 0.7, 0.0, 41));
    MarkerTone w = tone(m, Station.WWV);
    MarkerTone h = tone(m, Station.WWVH);
    assertEquals(1000.0, w.frequencyHz());
    assertEquals(1200.0, h.frequencyHz());
    assertEquals(7.0 + D_CLOCK_MS, w.timingErrorMs(), 0.5);
    assertEquals(20.0 + D_CLOCK_MS, h.timingErrorMs(), 1.0); // under WWV's simultaneous 1000 Hz marker
    assertTrue(w.tonePowerDb() > 20 && w.useForTimeSnap(), w.toString());
    MarkerTone hour = tone(analyze(H14 + 3_600_000_000_000L, 0, twoStations(7.0, 20.0, 0.7, 0.0, 42)), Station.WWV);
    assertEquals(1500.0, hour.frequencyHz());
    assertTrue(hour.tonePowerDb() > 20, hour.toString());
  }

  private static MarkerTone tone(MinuteAnalysis m, Station st) {
    System.out.println(m.methods().markerTones());
    return m.methods().markerTones().stream().filter(t -> t.station() == st).findFirst().orElseThrow();
  }

  @Test
  void testSignalNoiseSectionsAndBurstArrival() throws Exception {
    TestSignalTemplate tpl = TestSignalTemplate.load(SharedData.path("data/hf/ka9q_wwvsim_hamsci_test_signal_48k_s16le.raw"));
    BroadcastOptions bo = BroadcastOptions.defaults();
    HfSignalGenerator g = SimulatedMinutes.generator(0.0, tpl);
    HfMinuteAnalyzer a = new HfMinuteAnalyzer(new HfMinuteAnalyzer.Config(EnumSet.of(Station.WWV, Station.WWVH), bo,
        TickTimer.Config.defaults(), tpl));
    Scenario sc = new Scenario(List.of(new Transmission(Station.WWV, List.of(Path.of(6.2, 1.0)))), -3.0, 20, 51);
    TestSignalResult t = a.analyze(SimulatedMinutes.minute(g, H14 + bo.wwvTestMinute() * 60_000_000_000L, sc, 10e6))
        .testSignal();
    System.out.println(t);
    assertTrue(t.detected());
    assertTrue(t.noise1Score() > 0.3 && t.noise2Score() > 0.3, t.toString());
    assertEquals(0.0, t.noiseCoherenceDiff(), 0.15, "a steady channel correlates both noise sections alike");
    assertEquals(6.2 - 3.0, t.burstToaOffsetMs(), 0.2, "burst ToA");
  }
}
