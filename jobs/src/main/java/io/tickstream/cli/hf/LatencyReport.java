package io.tickstream.cli.hf;

import io.tickstream.jobs.hf.HfJobConfig;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latency bench's figures from a {@link LatencyLog}, in wall-clock seconds, per minute and as
 * median / p95 / max over the measured minutes (fused rows and channel rows separately):
 * <ul>
 *   <li><b>end→row</b>: minute end on the system clock → row at the probe sink;</li>
 *   <li><b>close→row</b>: hand-over of the window's last sample (minute end + margin) → row;</li>
 *   <li><b>ready→row</b>: hand-over of the sample that lets the watermark pass the window
 *       (minute end + margin + lateness) → row: processing plus watermark emission;</li>
 *   <li><b>end→commit</b>: minute end → row visible in {@code clock_offset} (next checkpoint);</li>
 *   <li><b>row→commit</b>: row at the sink → visible in the database: the checkpoint wait alone.</li>
 * </ul>
 * A fused row needs every channel, so its hand-over instants are the latest over the channels.
 */
final class LatencyReport {
  private static final long MINUTE_NS = 60_000_000_000L;
  private static final String[] FIGURES = {"end→row", "close→row", "ready→row", "end→commit", "row→commit"};

  private final LatencyLog log;
  private final List<String> channels;
  private final HfJobConfig config;
  private final long watermarkIntervalMs;
  private final double checkpointSeconds;

  LatencyReport(LatencyLog log, List<String> channels, HfJobConfig config, long watermarkIntervalMs,
      double checkpointSeconds) {
    this.log = log;
    this.channels = List.copyOf(channels);
    this.config = config;
    this.watermarkIntervalMs = watermarkIntervalMs;
    this.checkpointSeconds = checkpointSeconds;
  }

  /** Figures of one row in seconds, NaN where not observed, in the order of {@link #FIGURES}. */
  double[] figures(LatencyLog.Arrival a) {
    long endNs = a.minuteStartSystemNs() + MINUTE_NS;
    long marginNs = Math.round(config.marginS() * 1e9);
    long closeSim = endNs + marginNs - 1;
    long readySim = closeSim + config.latenessMs() * 1_000_000L;
    List<String> of = a.channel().equals(HfJobConfig.FUSED) ? channels : List.of(a.channel());
    long close = latestHanded(of, closeSim);
    long ready = latestHanded(of, readySim);
    long commit = log.committedAt(a.channel(), a.minuteStartSystemNs());
    return new double[] {
        seconds(a.wallNs() - log.wallAt(endNs)),
        close < 0 ? Double.NaN : seconds(a.wallNs() - close),
        ready < 0 ? Double.NaN : seconds(a.wallNs() - ready),
        commit < 0 ? Double.NaN : seconds(commit - log.wallAt(endNs)),
        commit < 0 ? Double.NaN : seconds(commit - a.wallNs())};
  }

  private long latestHanded(List<String> of, long simNs) {
    long latest = -1;
    for (String c : of) {
      long h = log.handedAt(c, simNs);
      if (h < 0) {
        return -1;
      }
      latest = Math.max(latest, h);
    }
    return latest;
  }

  private static double seconds(long ns) {
    return ns / 1e9;
  }

  void print(PrintWriter out, long firstMinuteNs, int warmupMinutes, int fedMinutes) {
    Map<String, LatencyLog.Arrival> first = new LinkedHashMap<>();
    for (LatencyLog.Arrival a : log.arrivals()) {
      first.putIfAbsent(a.channel() + "@" + a.minuteStartSystemNs(), a);
    }
    List<LatencyLog.Arrival> rows = new ArrayList<>(first.values());
    rows.removeIf(a -> a.minuteStartSystemNs() < firstMinuteNs || a.minuteStartSystemNs() >= firstMinuteNs + fedMinutes * MINUTE_NS);
    rows.sort(Comparator.comparingLong(LatencyLog.Arrival::minuteStartSystemNs).thenComparing(LatencyLog.Arrival::channel));
    long measuredFrom = firstMinuteNs + warmupMinutes * MINUTE_NS;
    out.printf("%nper minute (wall-clock seconds; minutes before %s are warm-up, not in the summary):%n",
        hhmm(measuredFrom));
    out.printf("  %-6s %-11s %9s %9s %9s %10s %10s%n", "minute", "row", FIGURES[0], FIGURES[1], FIGURES[2], FIGURES[3],
        FIGURES[4]);
    Map<String, List<double[]>> measured = new LinkedHashMap<>();
    measured.put("FUSED rows", new ArrayList<>());
    measured.put("channel rows", new ArrayList<>());
    for (LatencyLog.Arrival a : rows) {
      double[] f = figures(a);
      out.printf("  %-6s %-11s %9.3f %9.3f %9.3f %10.3f %10.3f%s%n", hhmm(a.minuteStartSystemNs()), a.channel(), f[0],
          f[1], f[2], f[3], f[4], a.minuteStartSystemNs() < measuredFrom ? "  (warm-up)" : "");
      if (a.minuteStartSystemNs() >= measuredFrom) {
        measured.get(a.channel().equals(HfJobConfig.FUSED) ? "FUSED rows" : "channel rows").add(f);
      }
    }
    int expected = (fedMinutes - warmupMinutes) * (channels.size() + 1);
    int got = measured.values().stream().mapToInt(List::size).sum();
    out.printf("%nsummary over %d measured minute(s): %d of %d rows arrived%n", fedMinutes - warmupMinutes, got, expected);
    out.printf("  %-13s %-10s %8s %8s %8s%n", "rows", "figure", "median", "p95", "max");
    for (Map.Entry<String, List<double[]>> e : measured.entrySet()) {
      for (int k = 0; k < FIGURES.length; k++) {
        final int col = k;
        double[] v = e.getValue().stream().mapToDouble(f -> f[col]).filter(Double::isFinite).sorted().toArray();
        out.printf("  %-13s %-10s %8s %8s %8s%n", e.getKey(), FIGURES[k], fmt(quantile(v, 0.5)), fmt(quantile(v, 0.95)),
            fmt(v.length == 0 ? Double.NaN : v[v.length - 1]));
      }
    }
    double inherentS = (config.marginS() + config.latenessMs() / 1000.0) / log.speed();
    out.printf("%nwhat the figures mean (wall-clock seconds; simulated clock at %.3g x wall clock):%n", log.speed());
    out.printf("  end→row    minute end on the system clock (the UTC minute ends D_clock later) → row emitted to the sink.%n");
    out.printf("             Inherent: %.2f s = margin %.1f s + watermark lateness %.1f s (÷ speed), plus up to %d ms%n",
        inherentS, config.marginS(), config.latenessMs() / 1000.0, watermarkIntervalMs);
    out.printf("             watermark interval and the source's block length; the rest is processing.%n");
    out.printf("  close→row  'minute close': the window's last sample (minute end + %.1f s margin) handed to the graph%n",
        config.marginS());
    out.printf("             (UDP send / source emit) → row; includes the %.1f s (÷ speed) watermark lateness.%n",
        config.latenessMs() / 1000.0);
    out.printf("  ready→row  the sample that moves the watermark past the window (close + lateness) handed over → row:%n");
    out.printf("             processing (analysis, solve, fusion) + watermark emission; no inherent waiting.%n");
    out.printf("  end→commit minute end → row visible in clock_offset: committed at the next completed checkpoint,%n");
    out.printf("             every %.3g s here (end→commit = end→row + row→commit).%n", checkpointSeconds);
    out.printf("  row→commit the checkpoint wait: up to one interval + the checkpoint's own duration; when the interval%n");
    out.printf("             divides 60 s, each minute closes at the same phase of the checkpoint schedule, so the wait%n");
    out.printf("             is nearly constant within a run and differs between runs (job start sets the phase).%n");
  }

  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static String fmt(double v) {
    return Double.isFinite(v) ? String.format("%.2f", v) : "-";
  }

  private static String hhmm(long ns) {
    return Instant.ofEpochSecond(ns / 1_000_000_000L).toString().substring(11, 16);
  }
}
