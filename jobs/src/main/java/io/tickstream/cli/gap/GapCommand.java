package io.tickstream.cli.gap;

import io.tickstream.cli.BuildInfo;
import io.tickstream.cli.ConfigOptions;
import io.tickstream.cli.FlinkOptions;
import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.db.IngestRuns;
import io.tickstream.connectors.gap.EtaStore;
import io.tickstream.connectors.gap.PhaseGapDbSink;
import io.tickstream.connectors.gap.PhaseGapStore;
import io.tickstream.connectors.series.ObservationPoller;
import io.tickstream.connectors.series.OwnSeries;
import io.tickstream.connectors.series.SeriesObservation;
import io.tickstream.connectors.series.SeriesStore;
import io.tickstream.core.gap.EtaEstimator;
import io.tickstream.core.gap.LeapHandling;
import io.tickstream.core.gap.PhaseConversion;
import io.tickstream.core.gap.PhaseGapFitter;
import io.tickstream.core.gap.SeriesPoint;
import io.tickstream.core.time.LeapSecondTable;
import io.tickstream.jobs.JobRuntime;
import io.tickstream.jobs.gap.EtaEstimation;
import io.tickstream.jobs.gap.PhaseGapJob;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tickstream gap fit|eta}: phase-gap fitting and the robust ETA (docs/PHASE_GAP.md). */
@Command(name = "gap", mixinStandardHelpOptions = true,
    description = "Phase gap of a curated stream (Theil-Sen + WLS, Flink job) and the robust ETA to zero gap.",
    subcommands = {GapCommand.Fit.class, GapCommand.Eta.class})
public final class GapCommand implements Runnable {
  static final String DEFAULT_METHOD_VERSION = "pgm-1.0.0";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static Instant time(String name, String v) {
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      try {
        return java.time.LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      } catch (java.time.format.DateTimeParseException e2) {
        throw new IllegalArgumentException(name + " must be ISO-8601 (2026-01-01 or 2026-01-01T00:00:00Z): '" + v + "'");
      }
    }
  }

  @Command(name = "fit",
      description = {"Fit phase gap and slope of a stream over trailing windows (bounded Flink job over observation)",
          "and upsert phase_gap_fit and (unless the stream is advisory, e.g. mesh) phase_gap_history;",
          "then run the robust ETA over eta.history.window_days (unless --no-eta).",
          "Re-running the same --method-version over the same input changes no row."})
  static final class Fit implements Callable<Integer> {
    @Mixin io.tickstream.cli.HelpOption help;
    @Mixin ConfigOptions config;
    @Mixin LeapSecondsOption leap;
    @Mixin FlinkOptions flink;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--stream", required = true, paramLabel = "KEY", description = "Stream key (see `series list`).")
    String stream;

    @Option(names = "--from", paramLabel = "T", description = "First as_of to emit (ISO-8601; default: first possible).")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "Last observation to use (ISO-8601; default: all).")
    String to;

    @Option(names = {"--method-version", "--version"}, paramLabel = "V",
        description = "method_version of the rows (default: setting gap.method_version or " + DEFAULT_METHOD_VERSION
            + ").")
    String methodVersion;

    @Option(names = "--window-days", defaultValue = "30", description = "Trailing fit window in days (default ${DEFAULT-VALUE}).")
    double windowDays;

    @Option(names = "--step-seconds", defaultValue = "0",
        description = "Emit at most one fit per step (0 = one per observation; e.g. 86400 for daily fits of minute data).")
    double stepSeconds;

    @Option(names = "--confidence", defaultValue = "0.95", description = "Theil-Sen slope interval confidence (default ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--min-points", defaultValue = "10", description = "Minimum observations per window (default ${DEFAULT-VALUE}).")
    int minPoints;

    @Option(names = "--phase-conversion", paramLabel = "C",
        description = "Override the stream's conversion: era, rad or period:<seconds>.")
    String phaseConversion;

    @Option(names = "--include-predictions", description = "Also fit observations flagged as predictions.")
    boolean includePredictions;

    @Option(names = "--no-eta", description = "Do not run the ETA estimator afterwards.")
    boolean noEta;

    @Option(names = "--follow", description = "Same as --mode STREAMING: keep running, poll observation and fit new"
        + " observations as they arrive, until interrupted. Run `gap eta` to refresh the ETA.")
    boolean followFlag;

    @Option(names = "--poll-seconds", defaultValue = "10", description = "--follow: polling interval (default ${DEFAULT-VALUE}).")
    double pollSeconds;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      JobRuntime runtime = flink.runtime(followFlag ? RuntimeExecutionMode.STREAMING : RuntimeExecutionMode.BATCH);
      boolean follow = runtime.mode() == RuntimeExecutionMode.STREAMING;
      try (ConfigOptions.Opened o = config.open()) {
        TickstreamConfig cfg = o.config();
        String version = methodVersion != null ? methodVersion : cfg.getString("gap.method_version", DEFAULT_METHOD_VERSION);
        SeriesStore store = new SeriesStore(o.db());
        SeriesStore.StreamInfo info = store.find(stream).orElseThrow(() ->
            new IllegalArgumentException("no stream '" + stream + "' (see 'tickstream series list')"));
        String convSpec = phaseConversion != null ? phaseConversion : info.phaseConversion();
        if (convSpec == null && !info.unit().equals("rad")) {
          throw new IllegalArgumentException("stream '" + stream + "' has no phase conversion; pass --phase-conversion"
              + " era|period:<seconds>");
        }
        PhaseConversion conv = convSpec == null ? PhaseConversion.identity() : PhaseConversion.parse(convSpec);
        LeapHandling lh = LeapHandling.parse(info.leapHandling());
        LeapSecondTable table = lh == LeapHandling.NONE ? null : leap.table();
        PhaseGapFitter.Params params = new PhaseGapFitter.Params(info.unit(), conv, lh, confidence, minPoints);
        Instant fromT = time("--from", from);
        Instant toT = time("--to", to);
        Instant readFrom = fromT == null ? null : fromT.minusNanos((long) (windowDays * 86_400e9));
        int exclude = includePredictions ? 0 : SeriesObservation.FLAG_PREDICTED;
        List<SeriesPoint> points = follow ? List.of() : store.read(stream, readFrom, toT, exclude);
        if (follow && toT != null) {
          throw new IllegalArgumentException("--follow runs open-ended; do not combine it with --to");
        }
        if (points.isEmpty() && !follow) {
          throw new IllegalArgumentException("stream '" + stream + "' has no observations in the requested range");
        }
        boolean authoritative = !OwnSeries.ORIGIN_MESH.equals(info.origin());
        Map<String, Object> runParams = new LinkedHashMap<>();
        runParams.put("stream", stream);
        runParams.put("method_version", version);
        runParams.put("window_days", windowDays);
        runParams.put("step_seconds", stepSeconds);
        runParams.put("confidence", confidence);
        runParams.put("min_points", minPoints);
        runParams.put("phase_conversion", conv.name());
        runParams.put("leap_handling", lh.key());
        runParams.put("include_predictions", includePredictions);
        runParams.put("authoritative", authoritative);
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("from", fromT == null ? null : fromT.toString());
        range.put("to", toT == null ? null : toT.toString());
        range.put("observations", points.size());
        IngestRuns runs = new IngestRuns(o.db(), BuildInfo.gitCommit());
        long run = runs.start("gap fit", runParams, range);
        try {
          PhaseGapJob.Settings settings = new PhaseGapJob.Settings(stream, version, windowDays, stepSeconds,
              fromT == null ? Long.MIN_VALUE : fromT.getEpochSecond() * 1_000_000_000L + fromT.getNano(), params,
              authoritative, run, Map.of("git_commit", BuildInfo.gitCommit()));
          StreamExecutionEnvironment env = runtime.environment();
          if (follow) {
            out.println("following stream " + stream + " (poll every " + pollSeconds + " s); fits go to phase_gap_fit"
                + (authoritative ? " and phase_gap_history" : "") + " of " + o.db().url().masked() + "; Ctrl-C to stop");
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> runs.finishOk(run, "follow stopped")));
            PhaseGapJob.build(ObservationPoller.stream(env, new ObservationPoller(cfg.dbUrl(), stream, readFrom,
                exclude), pollSeconds), settings, table, new PhaseGapDbSink(cfg.dbUrl()));
            env.execute("tickstream gap fit --follow " + stream);
            return 0;
          }
          PhaseGapJob.build(env.fromData(points).name("observation " + stream), settings, table,
              new PhaseGapDbSink(cfg.dbUrl()));
          env.execute("tickstream gap fit " + stream);
          PhaseGapStore gaps = new PhaseGapStore(o.db());
          long changed = gaps.countByRun(run);
          long total = gaps.fits(stream, version).size();
          long conflicts = authoritative ? gaps.historyConflicts(stream, version) : 0;
          String msg = String.format(Locale.ROOT, "stream %s, %s: %d observation(s), %d fit(s) for version %s,"
              + " %d written or changed by this run%s%s", stream, conv.name(), points.size(), total, version, changed,
              authoritative ? "" : " (advisory stream: phase_gap_history not written)",
              conflicts == 0 ? "" : "; " + conflicts + " instant(s) of phase_gap_history belong to another method"
                  + " version and were kept (phase_gap_history holds one series; the ETA reads it as it is)");
          out.println(msg + "; ingest_run " + run);
          if (!noEta && authoritative) {
            out.println(Eta.runEta(o, out));
          }
          runs.finishOk(run, msg);
          out.flush();
          return 0;
        } catch (Exception e) {
          runs.finishFailed(run, e);
          throw e;
        }
      }
    }
  }

  @Command(name = "eta", mixinStandardHelpOptions = true,
      description = {"Robust ETA to zero phase gap from phase_gap_history over eta.history.window_days:",
          "Theil-Sen slope, Mann-Kendall (Hamed-Rao) significance, eta_days = |gap|/|slope| when closing,",
          "IQR band from Sen's 50% slope interval; upserts eta_estimate (method robust_theilsen)."})
  static final class Eta implements Callable<Integer> {
    @Mixin ConfigOptions config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (ConfigOptions.Opened o = config.open()) {
        out.println(runEta(o, out));
        out.flush();
        return 0;
      }
    }

    static String runEta(ConfigOptions.Opened o, PrintWriter out) {
      TickstreamConfig cfg = o.config();
      double windowDays = cfg.getDouble("eta.history.window_days.value", 365);
      EtaEstimator.Params p = new EtaEstimator.Params(cfg.getDouble("eta.alpha", 0.05),
          (int) cfg.getLong("eta.min_points", 10));
      String version = cfg.getString("eta.method_version.value", "eta");
      EtaEstimation.Outcome r = new EtaEstimation(new EtaStore(o.db())).run(windowDays, p, version);
      EtaEstimator.Estimate e = r.estimate();
      String asOf = Instant.ofEpochSecond(0, e.asOfUtcNs()).toString();
      if (!e.hasEta()) {
        return String.format(Locale.ROOT, "ETA (%s, window %s d, %d rows, as of %s): none — %s", EtaEstimator.METHOD,
            windowDays, e.n(), asOf, e.reason());
      }
      return String.format(Locale.ROOT, "ETA (%s, window %s d, %d rows, as of %s): %.3f days, IQR band %.3f days,"
              + " Kendall tau %.3f, p %.3g; eta_estimate %s", EtaEstimator.METHOD, windowDays, e.n(), asOf,
          e.etaDays(), e.bandIqrDays(), e.kendallTau(), e.kendallPValue(), r.rowChanged() ? "written" : "unchanged");
    }
  }
}
