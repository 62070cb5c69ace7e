package io.tickstream.cli.rtp;

import io.tickstream.cli.BuildInfo;
import io.tickstream.cli.ConfigOptions;
import io.tickstream.connectors.db.IngestRuns;
import java.util.LinkedHashMap;
import java.util.Map;
import io.tickstream.cli.FlinkOptions;
import io.tickstream.connectors.rtp.RawArchiveSettings;
import io.tickstream.connectors.rtp.RtpIngestOptions;
import io.tickstream.connectors.rtp.RtpSource;
import io.tickstream.connectors.rtp.RtpSourceConfig;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.connectors.rtp.StationConfigException;
import io.tickstream.jobs.record.RecordJob;
import io.tickstream.jobs.record.RecordCheckpoints;
import io.tickstream.jobs.record.StoppableJob;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tickstream record --config station.toml}: the live graph, Phase 1 only — radiod RTP into
 * the immutable Digital RF raw archive under {@code DATA_DIR/raw_archive}. Embedded by default; the
 * same command under {@code flink run tickstream-jobs.jar record --config ...} submits it to a cluster.
 * The run is recorded as an {@code ingest_run} row (parameters, git commit, outcome).
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = {"Record radiod IQ (RTP) into the Phase 1 raw archive DATA_DIR/raw_archive: one Digital RF",
        "channel per configured receiver channel, gapped, deflate, 60 s files in hour directories, Digital",
        "Metadata with one record per gap. Runs until interrupted (or --idle-stop). Embedded by default;",
        "submit the same graph with `flink run tickstream-jobs.jar record --config station.toml`.",
        "",
        "Restart: by default a new run resumes from the newest complete savepoint or retained checkpoint of",
        "this station under DATA_DIR/checkpoints/record/<callsign>-<receiver>/ (logged and printed), so the",
        "archive loses nothing committed, duplicates nothing, never reopens a finished file, and the",
        "downtime is one explicit gap (cause source_restart). SIGTERM or Ctrl-C stops with a savepoint",
        "(a second signal exits at once; the newest checkpoint is then used). --fresh ignores the",
        "retained state (new session; it resumes at the next file period after the newest finished file)."})
public final class RecordCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RecordCommand.class);

  @Option(names = "--config", required = true, paramLabel = "STATION.TOML", description = "Station configuration (TOML).")
  Path config;

  @Mixin ConfigOptions common;
  @Mixin FlinkOptions flink;

  @Option(names = "--checkpoint-interval", defaultValue = "10", paramLabel = "SECONDS",
      description = "Checkpoint interval; finished files and metadata are committed at checkpoints (default ${DEFAULT-VALUE} s).")
  long checkpointSeconds;

  @Option(names = "--idle-stop", defaultValue = "0", paramLabel = "SECONDS",
      description = "End after this long without data once data arrived (0 = run until interrupted).")
  long idleStopSeconds;

  @Option(names = "--jitter-depth", defaultValue = "64", description = "Jitter buffer depth in packets (default ${DEFAULT-VALUE}).")
  int jitterDepth;

  @Option(names = "--max-hold-ms", defaultValue = "500", description = "Longest wait for a missing packet (default ${DEFAULT-VALUE} ms).")
  long maxHoldMs;

  @Option(names = "--fresh", description = "Ignore retained checkpoints/savepoints and start a new session.")
  boolean fresh;

  @Option(names = "--resume-from", paramLabel = "PATH",
      description = "Resume from this checkpoint (chk-N) or savepoint directory instead of the newest one.")
  Path resumeFrom;

  @Option(names = "--keep-checkpoints", defaultValue = "3", paramLabel = "N",
      description = "Retained checkpoints/savepoints kept for this station, newest first (default ${DEFAULT-VALUE}).")
  int keepCheckpoints;

  @Option(names = "--stop-timeout", defaultValue = "60", paramLabel = "SECONDS",
      description = "How long a graceful stop may take to write its savepoint before the job is cancelled"
          + " (default ${DEFAULT-VALUE} s).")
  long stopTimeoutSeconds;

  /** Completed (with a reason) to stop gracefully; SIGTERM/SIGINT complete it. */
  final CompletableFuture<String> stopRequest = new CompletableFuture<>();

  /** Where the resume decision is printed. */
  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (fresh && resumeFrom != null) {
      System.err.println("--fresh and --resume-from exclude each other");
      return 2;
    }
    if (keepCheckpoints < 1) {
      System.err.println("--keep-checkpoints must be >= 1, got " + keepCheckpoints);
      return 2;
    }
    if (resumeFrom != null && !Files.isRegularFile(resumeFrom.resolve("_metadata"))) {
      System.err.println("--resume-from " + resumeFrom + ": not a complete checkpoint or savepoint (no _metadata)");
      return 2;
    }
    StationConfig station;
    try {
      station = StationConfig.load(config);
    } catch (StationConfigException e) {
      System.err.println("invalid station configuration:\n" + e.getMessage());
      return 2;
    }
    Path dataDir = common.bootstrapConfig().dataDir();
    RawArchiveSettings settings = RawArchiveSettings.of(dataDir, station);
    RtpSourceConfig src = new RtpSourceConfig(station.endpoints(), station.channels(),
        new RtpIngestOptions(jitterDepth, maxHoldMs, 3600), false, 4096, idleStopSeconds * 1000);
    StreamExecutionEnvironment env = flink.runtime(RuntimeExecutionMode.STREAMING).environment();
    Configuration conf = new Configuration();
    RecordCheckpoints checkpoints = new RecordCheckpoints(
        RecordCheckpoints.stationRoot(dataDir, station.callsign(), station.receiverName()));
    Path resume = fresh ? null : resumeFrom != null ? resumeFrom.toAbsolutePath().normalize()
        : checkpoints.newest().map(RecordCheckpoints.Retained::dir).orElse(null);
    String decision = resume != null
        ? "record: resuming from " + resume + (resumeFrom != null ? " (--resume-from)" : " (newest retained)")
        : "record: starting a new session (" + (fresh ? "--fresh" : "no retained checkpoint under " + checkpoints.root()) + ")";
    LOG.info(decision);
    if (fresh) {
      checkpoints.newest().ifPresent(n -> LOG.warn("record: --fresh ignores retained {} {}: the unfinished file period"
          + " held in it (at most one file per channel) is not written", n.savepoint() ? "savepoint" : "checkpoint", n.dir()));
    }
    out.println(decision);
    for (Path d : checkpoints.prune(keepCheckpoints, resume)) {
      LOG.info("record: removed old checkpoint {}", d);
    }
    conf.setString("execution.checkpointing.dir", checkpoints.checkpointDir().toUri().toString());
    conf.setString("execution.checkpointing.savepoint-dir", checkpoints.savepointDir().toUri().toString());
    conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    conf.setString("execution.checkpointing.num-retained", String.valueOf(keepCheckpoints));
    if (resume != null) {
      conf.setString("execution.state-recovery.path", resume.toUri().toString());
    }
    env.configure(conf);
    env.enableCheckpointing(checkpointSeconds * 1000);
    RecordJob.build(env, new RtpSource(src), settings);
    LOG.info("record: station {} {} receiver {}, {} channel(s) {}, radiod {}, archive {} (deflate {}, {} ms files,"
        + " quota {} bytes/channel), checkpoints every {} s", station.callsign(), station.gridSquare(),
        station.receiverName(), station.channels().size(),
        station.channels().stream().map(c -> c.name()).toList(), station.endpoints(), settings.topDir(),
        settings.compressionLevel(), settings.fileCadenceMs(), settings.quotaBytesPerChannel(), checkpointSeconds);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("station_config", config.toAbsolutePath().toString());
    params.put("callsign", station.callsign());
    params.put("grid_square", station.gridSquare());
    params.put("receiver_name", station.receiverName());
    params.put("channels", station.channels().stream().map(c -> c.name() + "@" + c.frequencyHz() + "Hz").toList());
    params.put("radiod", station.endpoints().toString());
    params.put("raw_archive", settings.topDir());
    params.put("compression_level", settings.compressionLevel());
    params.put("file_cadence_ms", settings.fileCadenceMs());
    params.put("quota_bytes_per_channel", settings.quotaBytesPerChannel());
    params.put("checkpoint_interval_s", checkpointSeconds);
    params.put("jitter_depth", jitterDepth);
    params.put("max_hold_ms", maxHoldMs);
    params.put("resumed_from", resume == null ? "" : resume.toString());
    StoppableJob.Outcome outcome;
    try (ConfigOptions.Opened db = common.open(); StopSignals signals = new StopSignals(stopRequest)) {
      outcome = new IngestRuns(db.db(), BuildInfo.gitCommit()).run(RecordJob.NAME, params,
          Map.of("source", "radiod RTP (live)"), () -> StoppableJob.run(env, RecordJob.NAME, checkpoints.savepointDir(),
              stopRequest, Duration.ofSeconds(stopTimeoutSeconds),
              id -> LOG.info("record: job {} running; checkpoints under {}", id, checkpoints.root().resolve(id))));
    }
    if (outcome.endedByItself()) {
      // the final checkpoint of a job whose source finished cannot continue a recording
      checkpoints.markFinished(outcome.jobId());
    }
    out.println("record: " + outcome);
    out.println("raw archive: " + settings.topDir());
    return 0;
  }
}
