package io.tickstream.core.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.hf.format.UtcMinute;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.HfSignalGenerator.Path;
import io.tickstream.core.hf.sim.HfSignalGenerator.Scenario;
import io.tickstream.core.hf.sim.HfSignalGenerator.Transmission;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Acceptance (issue 4): CHU FSK decodes in 100 % of minutes at ≥ 10 dB and ≥ 90 % at 3 dB; CHU timing. */
class ChuFskTest {

  @ParameterizedTest(name = "SNR {0} dB")
  @CsvSource({"10, 1.00", "3, 0.90"})
  void chuTimeCodeAndTiming(double snrDb, double minFraction) {
    HfSignalGenerator g = SimulatedMinutes.generator(-0.3, null);
    HfMinuteAnalyzer analyzer = new HfMinuteAnalyzer(HfMinuteAnalyzer.Config.defaultsFor(7.85e6, null));
    SplittableRandom rnd = new SplittableRandom(7 + (long) snrDb);
    long first = new UtcMinute(2025, 365, 23, 40).epochNs();
    int minutes = 30;
    int ok = 0;
    int timingOk = 0;
    double[] fskErr = new double[minutes];
    for (int i = 0; i < minutes; i++) {
      long utc = first + i * 60_000_000_000L;
      double delay = 3 + 10 * rnd.nextDouble();
      double dClock = -200 + 400 * rnd.nextDouble();
      Scenario sc = new Scenario(List.of(new Transmission(Station.CHU,
          List.of(new Path(delay, 1.0, 0.1, rnd.nextDouble())))), dClock, snrDb, rnd.nextLong());
      MinuteAnalysis m = analyzer.analyze(SimulatedMinutes.minute(g, utc, sc, 7.85e6));
      TimeCode tc = m.timeCode();
      if (tc != null && tc.valid() && tc.source() == TimeCode.Source.CHU_FSK && m.utcMinuteStartNs() == utc
          && Math.abs(tc.dut1Seconds() + 0.3) < 1e-9 && tc.taiMinusUtcSeconds() == 37) {
        ok++;
      } else {
        System.out.println("CHU minute " + UtcMinute.ofEpochNs(utc) + ": " + tc + " " + m.notes());
      }
      fskErr[i] = Math.abs(m.chuFskArrivalOffsetMs() - (delay + dClock));
      StationTiming t = m.timing(Station.CHU).orElseThrow();
      if (t.usable() && Math.abs(t.arrivalOffsetMs() - (delay + dClock)) < 0.05) {
        timingOk++;
      }
      assertEquals(DominantStation.CHU, m.discrimination().dominant());
    }
    double fskMedian = SimulatedMinutes.median(fskErr);
    System.out.printf("CHU FSK @ %.0f dB: %d/%d minutes decoded correctly, tick timing within 0.05 ms in %d/%d,"
        + " FSK frame-end timing median |err| %.3f ms%n", snrDb, ok, minutes, timingOk, minutes, fskMedian);
    assertTrue(fskMedian < 0.1, "FSK 500 ms reference median error " + fskMedian + " ms");
    assertTrue(ok >= Math.ceil(minFraction * minutes), ok + "/" + minutes);
    assertTrue(timingOk >= Math.ceil(minFraction * minutes), timingOk + "/" + minutes);
  }
}
