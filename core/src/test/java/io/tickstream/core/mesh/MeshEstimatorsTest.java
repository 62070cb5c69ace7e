package io.tickstream.core.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeshEstimatorsTest {

  @Test
  void acceptanceFollowsSeedThresholdsAndNamesTheField() {
    AcceptanceThresholds th = AcceptanceThresholds.defaults();
    assertTrue(th.evaluate(probe(-1.1, 0.2, 20.0)).accepted());
    assertTrue(th.evaluate(probe(100.0, null, null)).accepted(), "limit is inclusive, rtt optional");
    AcceptanceThresholds.Decision off = th.evaluate(probe(-100.5, 0.2, 20.0));
    assertFalse(off.accepted());
    assertTrue(off.rejectReason().contains("offset_mean_ms"), off.rejectReason());
    AcceptanceThresholds.Decision rtt = th.evaluate(probe(1, 0.2, 300.1));
    assertFalse(rtt.accepted());
    assertTrue(rtt.rejectReason().contains("rtt_mean_ms"), rtt.rejectReason());
    assertFalse(th.evaluate(probe(Double.NaN, 0.2, 20.0)).accepted());
    assertFalse(th.evaluate(probe(1, -0.1, 20.0)).accepted());
    assertFalse(new AcceptanceThresholds(5, 50).evaluate(probe(6, 0.1, 20.0)).accepted());
    assertNull(th.evaluate(probe(1, 0.1, 1.0)).rejectReason());
  }

  @Test
  void huberOnCleanDataIsCloseToTheMeanAndResistsOneOutlier() {
    double[] x = {1.0, 1.2, 0.9, 1.1, 0.8, 1.05, 0.95};
    LocationEstimate h = new HuberEstimator().estimate(x, null);
    assertEquals(1.0, h.valueMs(), 0.02);
    double[] y = {1.0, 1.2, 0.9, 1.1, 0.8, 1.05, 0.95, 80.0};
    LocationEstimate hy = new HuberEstimator().estimate(y, null);
    assertEquals(1.0, hy.valueMs(), 0.05);
    assertEquals(7, hy.nUsed(), "the 80 ms point is screened out");
    // without screening, Huber's bounded influence: shifted by less than k·s
    LocationEstimate unscreened = new HuberEstimator(1.345, Double.POSITIVE_INFINITY).estimate(y, null);
    assertTrue(unscreened.valueMs() > hy.valueMs() && unscreened.valueMs() < 1.3, "" + unscreened);
  }

  @Test
  void huberWeightsPreciseProbesMore() {
    // two clusters; the precise cluster should pull the estimate
    double[] x = {0, 0, 0, 2, 2, 2};
    double[] se = {0.1, 0.1, 0.1, 2, 2, 2};
    double h = new HuberEstimator().estimate(x, se).valueMs();
    assertTrue(h < 1.0, "estimate " + h + " should lean towards the precise probes");
    double unweighted = new HuberEstimator().estimate(x, null).valueMs();
    assertEquals(1.0, unweighted, 1e-9);
  }

  @Test
  void degenerateInputs() {
    assertTrue(Double.isNaN(new HuberEstimator().estimate(new double[0], null).valueMs()));
    LocationEstimate one = new HuberEstimator().estimate(new double[] {2.5}, new double[] {0.3});
    assertEquals(2.5, one.valueMs());
    assertTrue(Double.isNaN(one.stdErrMs()));
    LocationEstimate same = new HuberEstimator().estimate(new double[] {2, 2, 2, 7}, null);
    assertEquals(2.0, same.valueMs());
  }

  @Test
  void marzulloFindsTheTextbookIntersection() {
    // Marzullo's example: [8,12], [11,13], [10,12] -> [11,12] with all three agreeing
    List<IntersectionSelector.ServerInterval> iv = List.of(
        new IntersectionSelector.ServerInterval("a", 10, 2, 1),
        new IntersectionSelector.ServerInterval("b", 12, 1, 1),
        new IntersectionSelector.ServerInterval("c", 11, 1, 1));
    IntersectionSelector.Selection s = IntersectionSelector.select(iv);
    assertEquals(3, s.depth());
    assertEquals(11, s.loMs());
    assertEquals(12, s.hiMs());
    assertTrue(s.falsetickers().isEmpty());
    // [5,7], [8,12], [10,12] -> [10,12] agreed by 2 of 3; "a" is the falseticker
    IntersectionSelector.Selection s2 = IntersectionSelector.select(List.of(
        new IntersectionSelector.ServerInterval("a", 6, 1, 1),
        new IntersectionSelector.ServerInterval("b", 10, 2, 1),
        new IntersectionSelector.ServerInterval("c", 11, 1, 1)));
    assertEquals(2, s2.depth());
    assertEquals(10, s2.loMs());
    assertEquals(12, s2.hiMs());
    assertEquals(List.of("a"), s2.falsetickers());
    assertTrue(s2.hasMajority());
    assertTrue(s2.bareMajority());
    // combine weights 1/λ: (10/2 + 11/1) / (1/2 + 1)
    assertEquals((10 / 2.0 + 11) / 1.5, s2.estimate().valueMs(), 1e-12);
  }

  private static MeshProbe probe(double off, Double std, Double rtt) {
    return new MeshProbe("n", "s", 0L, 5, off, std, rtt);
  }
}
