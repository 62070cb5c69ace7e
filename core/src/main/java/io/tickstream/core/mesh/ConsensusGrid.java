package io.tickstream.core.mesh;

import java.util.ArrayList;
import java.util.List;

/**
 * Consensus times: multiples of {@code stepNs} since the epoch (UTC). The consensus at time c uses
 * the probes with {@code c − 30 min ≤ t < c + 30 min} — exactly the event-time sliding window
 * {@code [c − 30 min, c + 30 min)} of length 60 min sliding by {@code stepNs}, so the streaming job
 * and the synchronous path produce the same rows. {@code stepNs} must divide 30 min.
 */
public record ConsensusGrid(long stepNs) {

  public static final long WINDOW_NS = 2 * MeshConsensus.HALF_WINDOW_NS;

  public ConsensusGrid {
    if (stepNs <= 0 || MeshConsensus.HALF_WINDOW_NS % stepNs != 0) {
      throw new IllegalArgumentException("consensus step must divide 30 min, got " + stepNs + " ns");
    }
  }

  public static ConsensusGrid ofMinutes(int minutes) {
    return new ConsensusGrid(minutes * 60_000_000_000L);
  }

  /** The consensus times whose window contains {@code tNs}, ascending. */
  public List<Long> centersContaining(long tNs) {
    long first = Math.floorDiv(tNs - MeshConsensus.HALF_WINDOW_NS, stepNs) * stepNs + stepNs;
    List<Long> out = new ArrayList<>();
    for (long c = first; c <= tNs + MeshConsensus.HALF_WINDOW_NS; c += stepNs) {
      out.add(c);
    }
    return out;
  }

  /** True if {@code tNs} lies in the window of {@code centerNs}. */
  public static boolean inWindow(long centerNs, long tNs) {
    return tNs >= centerNs - MeshConsensus.HALF_WINDOW_NS && tNs < centerNs + MeshConsensus.HALF_WINDOW_NS;
  }
}
