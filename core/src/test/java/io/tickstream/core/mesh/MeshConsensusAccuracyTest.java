package io.tickstream.core.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 acceptance: on generated probes with a known true offset (Gaussian noise + 20 % gross
 * outliers + 2 falseticker servers of 7) the Huber error is at most half the mean's and no worse
 * than the median's; flags report falsetickers and quorum.
 */
class MeshConsensusAccuracyTest {

  private static final double TRUTH_MS = 3.7;
  private final MeshConsensus consensus = new MeshConsensus();

  @Test
  void huberBeatsMeanAndMedianWithOutliersAndTwoFalsetickers() {
    SyntheticMesh mesh = new SyntheticMesh(TRUTH_MS, 6, 7, 12, 0.20, +30.0, +45.0);
    int trials = 200;
    double ssHuber = 0;
    double ssMedian = 0;
    double ssMean = 0;
    double ssInter = 0;
    int huberNotWorse = 0;
    for (int t = 0; t < trials; t++) {
      List<MeshProbe> probes = mesh.generate(1000 + t);
      WindowConsensus c = consensus.compute(SyntheticMesh.T0_NS, probes);
      double mean = probes.stream().mapToDouble(MeshProbe::offsetMeanMs).average().orElseThrow();
      double eh = c.estimate(MeshConsensus.HUBER).offsetMs() - TRUTH_MS;
      double em = c.estimate(MeshConsensus.MEDIAN).offsetMs() - TRUTH_MS;
      double ei = c.estimate(MeshConsensus.INTERSECTION).offsetMs() - TRUTH_MS;
      ssHuber += eh * eh;
      ssMedian += em * em;
      ssMean += (mean - TRUTH_MS) * (mean - TRUTH_MS);
      ssInter += ei * ei;
      if (Math.abs(eh) <= Math.abs(em)) {
        huberNotWorse++;
      }
      assertEquals(List.of("srv0.example", "srv1.example"), c.falsetickers(), "trial " + t);
      assertEquals(ConsensusFlags.FALSETICKERS, c.flags(), "trial " + t + " flags "
          + ConsensusFlags.names(c.flags()));
    }
    double rmsHuber = Math.sqrt(ssHuber / trials);
    double rmsMedian = Math.sqrt(ssMedian / trials);
    double rmsMean = Math.sqrt(ssMean / trials);
    double rmsInter = Math.sqrt(ssInter / trials);
    System.out.printf("RMS error over %d windows: huber %.3f ms, median %.3f ms, mean %.3f ms, intersection %.3f ms;"
        + " huber no worse than median in %d windows%n", trials, rmsHuber, rmsMedian, rmsMean, rmsInter, huberNotWorse);
    assertTrue(rmsHuber <= 0.5 * rmsMean, "huber " + rmsHuber + " vs mean " + rmsMean);
    assertTrue(rmsHuber <= rmsMedian, "huber " + rmsHuber + " vs median " + rmsMedian);
    assertTrue(rmsHuber < 0.5, "huber RMS error " + rmsHuber + " ms");
  }

  @Test
  void huberStandardErrorIsCalibrated() {
    // clean Gaussian data: the reported std should match the observed scatter within ±30 %
    SyntheticMesh mesh = new SyntheticMesh(TRUTH_MS, 6, 7, 4, 0.0);
    int trials = 300;
    double ss = 0;
    double sumStd = 0;
    for (int t = 0; t < trials; t++) {
      List<MeshProbe> probes = mesh.generate(5000 + t);
      // remove the common node bias from the truth: compare against the generating mean per window
      WindowConsensus c = consensus.compute(SyntheticMesh.T0_NS, probes);
      double mean = probes.stream().mapToDouble(MeshProbe::offsetMeanMs).average().orElseThrow();
      double e = c.estimate(MeshConsensus.HUBER).offsetMs() - mean;
      ss += e * e;
      sumStd += c.estimate(MeshConsensus.HUBER).stdMs();
      assertEquals(0, c.flags());
    }
    double avgStd = sumStd / trials;
    assertTrue(avgStd > 0.05 && avgStd < 1.0, "reported std " + avgStd);
  }

  @Test
  void threeFalsetickersOfSevenAreFlaggedAsBareMajority() {
    SyntheticMesh mesh = new SyntheticMesh(TRUTH_MS, 6, 7, 12, 0.20, +30.0, +45.0, -35.0);
    for (int t = 0; t < 20; t++) {
      WindowConsensus c = consensus.compute(SyntheticMesh.T0_NS, mesh.generate(2000 + t));
      assertEquals(3, c.falsetickers().size(), "trial " + t);
      assertTrue((c.flags() & ConsensusFlags.BARE_MAJORITY) != 0, "flags " + ConsensusFlags.names(c.flags()));
      assertTrue((c.flags() & ConsensusFlags.FALSETICKERS) != 0);
      assertFalse((c.flags() & ConsensusFlags.NO_MAJORITY) != 0);
      // the intersection method still follows the 4 truechimers
      assertEquals(TRUTH_MS, c.estimate(MeshConsensus.INTERSECTION).offsetMs(), 1.5);
    }
  }

  @Test
  void fourDisagreeingFalsetickersOfSevenLeaveNoMajority() {
    SyntheticMesh mesh = new SyntheticMesh(TRUTH_MS, 6, 7, 12, 0.0, +30.0, +60.0, -35.0, -70.0);
    WindowConsensus c = consensus.compute(SyntheticMesh.T0_NS, mesh.generate(77));
    assertTrue((c.flags() & ConsensusFlags.NO_MAJORITY) != 0, "flags " + ConsensusFlags.names(c.flags()));
  }

  @Test
  void quorumFlagsForFewNodesAndFewServers() {
    WindowConsensus twoNodes = consensus.compute(SyntheticMesh.T0_NS,
        new SyntheticMesh(TRUTH_MS, 2, 7, 6, 0.0).generate(1));
    assertEquals(2, twoNodes.nNodes());
    assertEquals(7, twoNodes.nServers());
    assertEquals(ConsensusFlags.FEW_NODES, twoNodes.flags());

    WindowConsensus fourServers = consensus.compute(SyntheticMesh.T0_NS,
        new SyntheticMesh(TRUTH_MS, 5, 4, 6, 0.0).generate(2));
    assertEquals(4, fourServers.nServers());
    assertEquals(ConsensusFlags.FEW_SERVERS, fourServers.flags());

    WindowConsensus quorum = consensus.compute(SyntheticMesh.T0_NS,
        new SyntheticMesh(TRUTH_MS, 3, 5, 6, 0.0).generate(3));
    assertEquals(0, quorum.flags(), "3 nodes and 5 servers meet the quorum");

    WindowConsensus single = consensus.compute(SyntheticMesh.T0_NS,
        List.of(new MeshProbe("node-la-01", "time.nist.gov", SyntheticMesh.T0_NS, 5, -1.1, 0.2, 20.0)));
    assertEquals(ConsensusFlags.FEW_NODES | ConsensusFlags.FEW_SERVERS, single.flags());
    assertEquals(List.of("FEW_NODES", "FEW_SERVERS"), ConsensusFlags.names(single.flags()));
    for (WindowConsensus.MethodEstimate e : single.estimates()) {
      assertEquals(-1.1, e.offsetMs(), 1e-12, e.method());
    }
  }
}
