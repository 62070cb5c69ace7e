package io.tickstream.core.mesh;

import java.util.ArrayList;
import java.util.List;

/**
 * Quality bits of {@code mesh_consensus.flags}. 0 means a quorum of nodes and servers agreed; any
 * bit set means the consensus is advisory only (seeds/000 §9 "if flags != 0, UI marks mesh advisory
 * only"). The first two are the seed's quorum rule (§4); the others come from the server-selection
 * step ({@link IntersectionSelector}), modelled on chrony's and NTPsec's majority rule
 * (ANCHORS.md §1.1–1.2).
 */
public final class ConsensusFlags {
  /** Fewer than 3 distinct nodes contributed accepted probes (seed quorum). */
  public static final int FEW_NODES = 1;
  /** Fewer than 5 distinct servers were probed (seed quorum). */
  public static final int FEW_SERVERS = 1 << 1;
  /** At least one server's correctness interval misses the majority intersection: falseticker(s). */
  public static final int FALSETICKERS = 1 << 2;
  /**
   * No majority: the largest set of servers with a common interval has ≤ n/2 members (chrony
   * "Can't synchronise: no majority"); a falseticker majority cannot be excluded.
   */
  public static final int NO_MAJORITY = 1 << 3;
  /**
   * Bare majority with falsetickers: the agreeing set has exactly ⌊n/2⌋+1 members, i.e. the number
   * of falsetickers is at the 2f+1 limit and one more would leave no majority — a falseticker
   * majority is suspected (e.g. 3 of 7 servers disagree).
   */
  public static final int BARE_MAJORITY = 1 << 4;

  public static final int MIN_NODES = 3;
  public static final int MIN_SERVERS = 5;

  private static final String[] NAMES = {
    "FEW_NODES", "FEW_SERVERS", "FALSETICKERS", "NO_MAJORITY", "BARE_MAJORITY"
  };

  private ConsensusFlags() {}

  /** Names of the bits set in {@code flags}, lowest bit first (unknown bits as {@code BIT_n}). */
  public static List<String> names(int flags) {
    List<String> out = new ArrayList<>();
    for (int b = 0; b < 31; b++) {
      if ((flags & (1 << b)) != 0) {
        out.add(b < NAMES.length ? NAMES[b] : "BIT_" + b);
      }
    }
    return out;
  }
}
