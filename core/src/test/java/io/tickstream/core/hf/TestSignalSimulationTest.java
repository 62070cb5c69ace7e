package io.tickstream.core.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.format.UtcMinute;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.HfSignalGenerator.Path;
import io.tickstream.core.hf.sim.HfSignalGenerator.Scenario;
import io.tickstream.core.hf.sim.HfSignalGenerator.Transmission;
import io.tickstream.core.hf.sim.StationProgram;
import io.tickstream.core.hf.analysis.TickTimer;
import io.tickstream.core.hf.testsignal.TestSignalTemplate;
import io.tickstream.core.testing.SharedData;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HamSCI test signal: generated in the scheduled minutes, detected with its ToA; configurable WWVH minute. */
class TestSignalSimulationTest {

  @Test
  void detectsTheTestSignalInTheScheduledMinutesOnly() throws Exception {
    TestSignalTemplate tpl = TestSignalTemplate.load(SharedData.path("data/hf/ka9q_wwvsim_hamsci_test_signal_48k_s16le.raw"));
    BroadcastOptions bo = BroadcastOptions.defaults().withWwvhTestMinute(44);
    HfSignalGenerator g = new HfSignalGenerator(new StationProgram(bo, 0.0, false, tpl));
    HfMinuteAnalyzer a = new HfMinuteAnalyzer(new HfMinuteAnalyzer.Config(EnumSet.of(Station.WWV, Station.WWVH), bo,
        TickTimer.Config.defaults(), tpl));
    long hour = new UtcMinute(2026, 200, 14, 0).epochNs();
    Scenario sc = new Scenario(List.of(
        new Transmission(Station.WWV, List.of(new Path(6.2, 1.0, 0.03, 0.5), new Path(7.0, 0.4, 0.03, 1.0))),
        new Transmission(Station.WWVH, List.of(Path.of(24.5, 0.3)))), -3.0, 15, 42);

    MinuteAnalysis m8 = a.analyze(SimulatedMinutes.minute(g, hour + 8 * 60_000_000_000L, sc, 10e6));
    TestSignalResult t8 = detected(m8, Station.WWV, 6.2 - 3.0, 0.8);
    assertTrue(t8.chirpScore() > 0.5 && t8.multitoneScore() > 0.1, t8.toString()); // multitone suffers from envelope detection of two carriers
    assertEquals(DominantStation.WWV, m8.discrimination().dominant());
    assertFalse(Double.isNaN(m8.timing(Station.WWV).orElseThrow().frequencySelectivityDb()));

    // envelope detection: a test signal under a much stronger co-channel carrier is not recoverable (the
    // weaker station's modulation is multiplied by cos of the rotating carrier phase difference), so the
    // WWVH minute is checked where WWVH dominates
    Scenario hawaii = new Scenario(List.of(
        new Transmission(Station.WWV, List.of(Path.of(30.0, 0.3))),
        new Transmission(Station.WWVH, List.of(Path.of(24.5, 1.0)))), -3.0, 15, 43);
    detected(a.analyze(SimulatedMinutes.minute(g, hour + 44 * 60_000_000_000L, hawaii, 10e6)), Station.WWVH,
        24.5 - 3.0, 0.5);

    MinuteAnalysis m48 = a.analyze(SimulatedMinutes.minute(g, hour + 48 * 60_000_000_000L, hawaii, 10e6));
    assertNull(m48.testSignal(), "minute 48 is not a test minute with --wwvh-test-minute 44");
  }

  /** Asserts the test signal of {@code station} was detected with its ToA (delay + D_clock) within tol ms. */
  private static TestSignalResult detected(MinuteAnalysis m, Station station, double toaMs, double tolMs) {
    TestSignalResult t = m.testSignal();
    System.out.println(station + " test minute: " + t);
    assertNotNull(t);
    assertEquals(station, t.station());
    assertTrue(t.detected(), t.toString());
    assertEquals(toaMs, t.toaOffsetMs(), tolMs, "ToA");
    return t;
  }
}
