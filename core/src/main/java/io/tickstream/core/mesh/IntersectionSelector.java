package io.tickstream.core.mesh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Marzullo / chrony-style source selection and combining over per-server correctness intervals.
 *
 * <p>Each server {@code s} gets an interval {@code [θ_s − λ_s, θ_s + λ_s]} that contains the true
 * offset if the server tells the truth (RFC 5905 §11.2.1; NTPsec docs/select.adoc). Here θ_s is the
 * median of the server's accepted probe offsets in the window (robust to single bad probes) and
 *
 * <pre>  λ_s = median(rtt_mean_ms)/2 + max(1 ms, 3 · 1.2533 · MAD_s / sqrt(n_s))</pre>
 *
 * i.e. half the round trip (the bound on asymmetry error), plus NTPsec's {@code mindist} of 1 ms or
 * three standard errors of the median if larger (0 round trip when the nodes gave none).
 *
 * <p>Marzullo's sweep (Marzullo 1984; chrony sources.c) finds the region covered by the most
 * intervals; its members are truechimers, the rest falsetickers. As in chrony, a majority is
 * required: {@code depth > n/2}. The estimate combines the truechimers' θ_s weighted by 1/λ_s
 * (chrony {@code combine_sources}, weight 1/root distance); its uncertainty is the weighted standard
 * error {@code sqrt(Σ w (θ−μ)² / ((m−1) Σ w))}, or the intersection half-width/√3 if that is larger
 * or only one server agrees.
 */
public final class IntersectionSelector {

  /** NTPsec {@code mindist}: smallest interval half-width, ms. */
  public static final double MIN_DIST_MS = 1.0;

  private IntersectionSelector() {}

  /** One server's correctness interval. */
  public record ServerInterval(String server, double centerMs, double halfWidthMs, int nProbes) {
    double lo() {
      return centerMs - halfWidthMs;
    }

    double hi() {
      return centerMs + halfWidthMs;
    }
  }

  /**
   * Result of selection.
   *
   * @param intervals every server's interval
   * @param depth number of servers in the best intersection (truechimers)
   * @param loMs start of the best intersection
   * @param hiMs end of the best intersection
   * @param truechimers servers agreeing on the intersection
   * @param falsetickers servers outside it
   * @param estimate 1/λ-weighted combination of the truechimers
   */
  public record Selection(
      List<ServerInterval> intervals,
      int depth,
      double loMs,
      double hiMs,
      List<String> truechimers,
      List<String> falsetickers,
      LocationEstimate estimate) {

    /** chrony's rule: a clock is selectable only if more than half the servers agree. */
    public boolean hasMajority() {
      return 2 * depth > intervals.size();
    }

    /** Exactly ⌊n/2⌋+1 agree and at least one server disagrees: one more falseticker breaks it. */
    public boolean bareMajority() {
      int n = intervals.size();
      return hasMajority() && depth < n && depth == n / 2 + 1;
    }
  }

  /** Builds one interval per server from accepted probes (see class doc for λ). */
  public static List<ServerInterval> intervals(List<MeshProbe> accepted) {
    java.util.Map<String, List<MeshProbe>> byServer = new java.util.TreeMap<>();
    for (MeshProbe p : accepted) {
      byServer.computeIfAbsent(p.server(), s -> new ArrayList<>()).add(p);
    }
    List<ServerInterval> out = new ArrayList<>();
    for (var e : byServer.entrySet()) {
      List<MeshProbe> ps = e.getValue();
      double[] off = ps.stream().mapToDouble(MeshProbe::offsetMeanMs).toArray();
      double[] rtt = ps.stream().filter(p -> p.rttMeanMs() != null).mapToDouble(MeshProbe::rttMeanMs).toArray();
      double center = RobustStats.median(off);
      double seMedian = 1.2533 * RobustStats.madSigma(off, center) / Math.sqrt(off.length);
      double half = (rtt.length > 0 ? RobustStats.median(rtt) / 2 : 0) + Math.max(MIN_DIST_MS, 3 * seMedian);
      out.add(new ServerInterval(e.getKey(), center, half, ps.size()));
    }
    return out;
  }

  /** Marzullo selection and chrony-style combining over {@code intervals} (non-empty). */
  public static Selection select(List<ServerInterval> intervals) {
    int n = intervals.size();
    if (n == 0) {
      throw new IllegalArgumentException("no server intervals");
    }
    // endpoints: value, type (+1 start, -1 end); starts sort before ends at equal values so
    // touching intervals count as overlapping
    double[][] ep = new double[2 * n][];
    for (int i = 0; i < n; i++) {
      ep[2 * i] = new double[] {intervals.get(i).lo(), +1};
      ep[2 * i + 1] = new double[] {intervals.get(i).hi(), -1};
    }
    Arrays.sort(ep, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(b[1], a[1]));
    int count = 0;
    int best = 0;
    double lo = Double.NaN;
    double hi = Double.NaN;
    for (int i = 0; i < ep.length; i++) {
      count += (int) ep[i][1];
      if (count > best) {
        best = count;
        lo = ep[i][0];
        hi = ep[i + 1][0];
      }
    }
    double mid = 0.5 * (lo + hi);
    List<String> truechimers = new ArrayList<>();
    List<String> falsetickers = new ArrayList<>();
    double sw = 0;
    double swx = 0;
    List<ServerInterval> chosen = new ArrayList<>();
    for (ServerInterval si : intervals) {
      if (si.lo() <= mid && si.hi() >= mid) {
        truechimers.add(si.server());
        chosen.add(si);
        double w = 1.0 / si.halfWidthMs();
        sw += w;
        swx += w * si.centerMs();
      } else {
        falsetickers.add(si.server());
      }
    }
    double mu = swx / sw;
    double floor = (hi - lo) / 2 / Math.sqrt(3);
    double se = floor;
    if (chosen.size() >= 2) {
      double ss = 0;
      for (ServerInterval si : chosen) {
        ss += (1.0 / si.halfWidthMs()) * (si.centerMs() - mu) * (si.centerMs() - mu);
      }
      se = Math.max(floor, Math.sqrt(ss / ((chosen.size() - 1) * sw)));
    }
    return new Selection(List.copyOf(intervals), best, lo, hi, truechimers, falsetickers,
        new LocationEstimate(mu, se, chosen.size()));
  }
}
