package io.tickstream.core.mesh;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reduces the accepted probes of one window to the mesh consensus (seeds/000 §4 "Huber mean over
 * accepted offsets within ±30 min of as_of_utc; flags if n_nodes&lt;3 or n_servers&lt;5").
 *
 * <p>Three methods are computed side by side so they can be compared on the same data
 * (ANCHORS.md §1.8):
 * <ul>
 *   <li>{@code huber} — {@link HuberEstimator} over every accepted probe offset, weighted by each
 *       probe's standard error where given (the primary method);</li>
 *   <li>{@code median} — the plain median (NTP Pool monitor style), uncertainty
 *       {@code 1.2533 · s_MAD / sqrt(n)} (asymptotic s.e. of the median at the Gaussian);</li>
 *   <li>{@code intersection} — Marzullo selection over per-server intervals and 1/λ combining
 *       (chrony style, {@link IntersectionSelector}).</li>
 * </ul>
 * The flags are properties of the window, shared by all methods ({@link ConsensusFlags}).
 */
public final class MeshConsensus {

  public static final String HUBER = "huber";
  public static final String MEDIAN = "median";
  public static final String INTERSECTION = "intersection";
  public static final List<String> METHODS = List.of(HUBER, MEDIAN, INTERSECTION);

  /** Half-width of the consensus window: probes within ±30 min of the consensus time (seed §4). */
  public static final long HALF_WINDOW_NS = 30L * 60 * 1_000_000_000L;

  private final HuberEstimator huber;

  public MeshConsensus() {
    this(new HuberEstimator());
  }

  public MeshConsensus(HuberEstimator huber) {
    this.huber = huber;
  }

  /**
   * Consensus at {@code tUtcNs} from {@code accepted} probes (the caller has applied
   * {@link AcceptanceThresholds} and the ±30 min window).
   *
   * @return the consensus, or null if there are no probes
   */
  public WindowConsensus compute(long tUtcNs, List<MeshProbe> accepted) {
    int n = accepted.size();
    if (n == 0) {
      return null;
    }
    double[] x = new double[n];
    double[] se = new double[n];
    Set<String> nodes = new HashSet<>();
    Set<String> servers = new HashSet<>();
    for (int i = 0; i < n; i++) {
      MeshProbe p = accepted.get(i);
      if (!Double.isFinite(p.offsetMeanMs())) {
        throw new IllegalArgumentException("non-finite offset in consensus input: " + p);
      }
      x[i] = p.offsetMeanMs();
      se[i] = p.offsetStdErrMs();
      nodes.add(p.clientId());
      servers.add(p.server());
    }
    List<WindowConsensus.MethodEstimate> est = new ArrayList<>(3);
    LocationEstimate h = huber.estimate(x, se);
    est.add(new WindowConsensus.MethodEstimate(HUBER, h.valueMs(), h.stdErrMs()));
    LocationEstimate med = median(x);
    est.add(new WindowConsensus.MethodEstimate(MEDIAN, med.valueMs(), med.stdErrMs()));
    IntersectionSelector.Selection sel = IntersectionSelector.select(IntersectionSelector.intervals(accepted));
    est.add(new WindowConsensus.MethodEstimate(INTERSECTION, sel.estimate().valueMs(), sel.estimate().stdErrMs()));

    int flags = 0;
    if (nodes.size() < ConsensusFlags.MIN_NODES) {
      flags |= ConsensusFlags.FEW_NODES;
    }
    if (servers.size() < ConsensusFlags.MIN_SERVERS) {
      flags |= ConsensusFlags.FEW_SERVERS;
    }
    if (!sel.falsetickers().isEmpty()) {
      flags |= ConsensusFlags.FALSETICKERS;
    }
    if (!sel.hasMajority()) {
      flags |= ConsensusFlags.NO_MAJORITY;
    } else if (sel.bareMajority()) {
      flags |= ConsensusFlags.BARE_MAJORITY;
    }
    return new WindowConsensus(tUtcNs, n, nodes.size(), servers.size(), flags, est, sel.falsetickers());
  }

  /** Median with its asymptotic standard error {@code 1.2533 · 1.4826·MAD / sqrt(n)}. */
  public static LocationEstimate median(double[] x) {
    double m = RobustStats.median(x);
    double se = x.length < 2 ? Double.NaN : 1.2533 * RobustStats.madSigma(x, m) / Math.sqrt(x.length);
    return new LocationEstimate(m, se, x.length);
  }
}
