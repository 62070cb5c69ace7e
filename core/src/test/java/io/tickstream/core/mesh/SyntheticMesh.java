package io.tickstream.core.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates one consensus window of mesh probes with a known true offset: every node probes every
 * server once per round; Gaussian noise with a per-probe std (reported), a fraction of gross
 * outliers, and falseticker servers with a constant error.
 */
final class SyntheticMesh {
  static final long T0_NS = 1_754_847_000_000_000_000L; // 2025-08-10T17:30:00Z

  final double trueOffsetMs;
  final int nodes;
  final int servers;
  final int rounds;
  final double outlierFraction;
  final double[] falsetickerErrorMs; // per falseticker server (servers 0..f-1)

  SyntheticMesh(double trueOffsetMs, int nodes, int servers, int rounds, double outlierFraction,
      double... falsetickerErrorMs) {
    this.trueOffsetMs = trueOffsetMs;
    this.nodes = nodes;
    this.servers = servers;
    this.rounds = rounds;
    this.outlierFraction = outlierFraction;
    this.falsetickerErrorMs = falsetickerErrorMs;
  }

  List<MeshProbe> generate(long seed) {
    Random r = new Random(seed);
    double[] rtt = new double[servers];
    for (int s = 0; s < servers; s++) {
      rtt[s] = 8 + 20 * r.nextDouble();
    }
    double[] nodeBias = new double[nodes];
    for (int n = 0; n < nodes; n++) {
      nodeBias[n] = 0.3 * r.nextGaussian();
    }
    List<MeshProbe> out = new ArrayList<>();
    for (int k = 0; k < rounds; k++) {
      long t = T0_NS - MeshConsensus.HALF_WINDOW_NS + k * (2 * MeshConsensus.HALF_WINDOW_NS / rounds);
      for (int n = 0; n < nodes; n++) {
        for (int s = 0; s < servers; s++) {
          double sigma = 0.5 + 2.5 * r.nextDouble(); // s.e. of this probe's mean, ms
          double off = trueOffsetMs + nodeBias[n] + sigma * r.nextGaussian();
          if (s < falsetickerErrorMs.length) {
            off += falsetickerErrorMs[s];
          }
          if (r.nextDouble() < outlierFraction) {
            off = trueOffsetMs + (r.nextBoolean() ? 1 : -1) * (10 + 80 * r.nextDouble());
          }
          int samples = 5;
          out.add(new MeshProbe("node-" + n, "srv" + s + ".example", t, samples, off,
              sigma * Math.sqrt(samples), rtt[s] * (0.9 + 0.2 * r.nextDouble())));
        }
      }
    }
    return out;
  }
}
