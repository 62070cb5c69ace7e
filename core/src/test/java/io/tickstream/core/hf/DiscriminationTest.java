package io.tickstream.core.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.hf.format.ToneSchedule;
import io.tickstream.core.hf.format.UtcMinute;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.HfSignalGenerator.Path;
import io.tickstream.core.hf.sim.HfSignalGenerator.Scenario;
import io.tickstream.core.hf.sim.HfSignalGenerator.Transmission;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Acceptance (issue 4): WWV and WWVH both present, each over two paths (multipath), 20 dB → the
 * dominant station is identified in ≥ 99 % of the minutes that carry exclusive tones. The stronger
 * station alternates at random with a 6–12 dB power advantage; both stations' timings are checked
 * too.
 */
class DiscriminationTest {

  @Test
  void wwvAndWwvhWithMultipathAt20Db() {
    HfSignalGenerator g = SimulatedMinutes.generator(-0.2, null);
    HfMinuteAnalyzer analyzer = new HfMinuteAnalyzer(HfMinuteAnalyzer.Config.defaultsFor(10e6, null));
    SplittableRandom rnd = new SplittableRandom(99);
    long first = new UtcMinute(2026, 120, 5, 0).epochNs();
    int exclusive = 0;
    int correct = 0;
    int total = 0;
    int correctAll = 0;
    int timingOk = 0;
    int weakUsable = 0;
    int weakWrong = 0;
    for (int i = 0; i < 60; i++) {
      long utc = first + i * 60_000_000_000L;
      UtcMinute label = UtcMinute.ofEpochNs(utc);
      boolean wwvStronger = rnd.nextBoolean();
      double advantageDb = 6 + 6 * rnd.nextDouble();
      double strong = 1.0;
      double weak = Math.pow(10, -advantageDb / 20);
      double dWwv = 5 + 5 * rnd.nextDouble();
      double dWwvh = 20 + 15 * rnd.nextDouble();
      double aw = wwvStronger ? strong : weak;
      double ah = wwvStronger ? weak : strong;
      double dClock = -50 + 100 * rnd.nextDouble();
      Scenario sc = new Scenario(List.of(
          new Transmission(Station.WWV, List.of(new Path(dWwv, aw, 0.05, 0.1), new Path(dWwv + 0.6, 0.4 * aw, -0.1, 2.0))),
          new Transmission(Station.WWVH, List.of(new Path(dWwvh, ah, -0.03, 1.0), new Path(dWwvh + 1.1, 0.5 * ah, 0.12, 4.0)))),
          dClock, 20, rnd.nextLong());
      MinuteAnalysis m = analyzer.analyze(SimulatedMinutes.minute(g, utc, sc, 10e6));
      DominantStation truth = wwvStronger ? DominantStation.WWV : DominantStation.WWVH;
      boolean ok = m.discrimination().dominant() == truth;
      total++;
      correctAll += ok ? 1 : 0;
      ToneSchedule s = ToneSchedule.WWVSIM;
      int tw = s.toneHz(Station.WWV, label.hour(), label.minute());
      int th = s.toneHz(Station.WWVH, label.hour(), label.minute());
      if ((tw != 0 || th != 0) && tw != th) {
        exclusive++;
        correct += ok ? 1 : 0;
      }
      if (!ok) {
        System.out.println("minute " + label.minute() + " truth " + truth + ": " + m.discrimination());
      }
      StationTiming strongT = m.timing(wwvStronger ? Station.WWV : Station.WWVH).orElseThrow();
      double expect = (wwvStronger ? dWwv : dWwvh) + dClock;
      // multipath: the estimate lies between the direct path and the 0.6/1.1 ms later echo
      if (strongT.usable() && strongT.arrivalOffsetMs() > expect - 0.1 && strongT.arrivalOffsetMs() < expect + 1.2) {
        timingOk++;
      }
      StationTiming weakT = m.timing(wwvStronger ? Station.WWVH : Station.WWV).orElseThrow();
      double expectWeak = (wwvStronger ? dWwvh : dWwv) + dClock;
      if (weakT.usable()) {
        weakUsable++;
        if (!(weakT.arrivalOffsetMs() > expectWeak - 0.1 && weakT.arrivalOffsetMs() < expectWeak + 1.2)) {
          weakWrong++;
          System.out.println("weak station wrong: " + weakT + " expected " + expectWeak);
        }
      }
    }
    System.out.printf("WWV/WWVH discrimination @ 20 dB with multipath: %d/%d exclusive-tone minutes correct,"
        + " %d/%d all minutes; dominant-station timing within the multipath span in %d/%d; weaker station usable in"
        + " %d/%d, wrong %d%n", correct, exclusive, correctAll, total, timingOk, total, weakUsable, total, weakWrong);
    assertEquals(0, weakWrong, "a usable weaker-station timing must be right");
    assertTrue(weakUsable >= 0.9 * total, "weaker station usable in " + weakUsable + "/" + total);
    assertTrue(exclusive >= 30);
    assertTrue(correct >= Math.ceil(0.99 * exclusive), correct + "/" + exclusive);
    assertEquals(total, timingOk);
  }
}
