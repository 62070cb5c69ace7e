package io.tickstream.cli.rtp;

import io.tickstream.cli.FlinkOptions;
import io.tickstream.connectors.rtp.RawArchiveSettings;
import io.tickstream.connectors.rtp.RtpIngestOptions;
import io.tickstream.connectors.rtp.RtpSource;
import io.tickstream.connectors.rtp.RtpSourceConfig;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.jobs.record.RecordCheckpoints;
import io.tickstream.jobs.record.RecordJob;
import io.tickstream.jobs.record.StoppableJob;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live front end shared by {@code tickstream record} and {@code tickstream run}: one streaming
 * environment with this station's checkpoints under {@code DATA_DIR/checkpoints/<job>/<callsign>-<receiver>/}
 * ({@link RecordCheckpoints}), the resume decision (newest complete savepoint or retained checkpoint,
 * {@code --resume-from}, or {@code --fresh}; printed and logged), pruning of old checkpoints, and the
 * run itself ({@link StoppableJob}: SIGTERM / Ctrl-C stop with a savepoint). {@link #rtpPhase1()} adds
 * radiod RTP → Phase 1 raw archive ({@link RecordJob}); the command attaches the rest.
 *
 * <p>Each job kind has its own checkpoint root (a checkpoint restores only into the graph that wrote it).
 */
public final class LiveFrontEnd {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFrontEnd.class);

  private final LiveOptions options;
  private final StationConfig station;
  private final Path dataDir;
  private final String label;
  private final RecordCheckpoints checkpoints;
  private final Path resume;
  private final StreamExecutionEnvironment env;

  /**
   * Decides where to resume, prunes, and configures the environment.
   *
   * @param job checkpoint root name ({@code record}, {@code run}, ...)
   * @param label prefix of printed lines, e.g. {@code record}
   */
  public LiveFrontEnd(LiveOptions options, StationConfig station, Path dataDir, String job, String label,
      FlinkOptions flink, PrintStream out) {
    this.options = options;
    this.station = station;
    this.dataDir = dataDir;
    this.label = label;
    this.checkpoints = new RecordCheckpoints(
        RecordCheckpoints.stationRoot(dataDir, job, station.callsign(), station.receiverName()));
    this.resume = options.fresh ? null : options.resumeFrom != null ? options.resumeFrom.toAbsolutePath().normalize()
        : checkpoints.newest().map(RecordCheckpoints.Retained::dir).orElse(null);
    String decision = resume != null
        ? label + ": resuming from " + resume + (options.resumeFrom != null ? " (--resume-from)" : " (newest retained)")
        : label + ": starting a new session (" + (options.fresh ? "--fresh" : "no retained checkpoint under "
            + checkpoints.root()) + ")";
    LOG.info(decision);
    if (options.fresh) {
      checkpoints.newest().ifPresent(n -> LOG.warn("{}: --fresh ignores retained {} {}: the state held in it (for the"
          + " archive: the unfinished file period, at most one file per channel) is not written", label,
          n.savepoint() ? "savepoint" : "checkpoint", n.dir()));
    }
    out.println(decision);
    for (Path d : checkpoints.prune(options.keepCheckpoints, resume)) {
      LOG.info("{}: removed old checkpoint {}", label, d);
    }
    env = flink.runtime(RuntimeExecutionMode.STREAMING).environment();
    Configuration conf = new Configuration();
    // filesystem storage: HF minute buffers are MBs, over the JobManager storage's 5 MB limit
    conf.setString("execution.checkpointing.storage", "filesystem");
    conf.setString("execution.checkpointing.dir", checkpoints.checkpointDir().toUri().toString());
    conf.setString("execution.checkpointing.savepoint-dir", checkpoints.savepointDir().toUri().toString());
    conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    conf.setString("execution.checkpointing.num-retained", String.valueOf(options.keepCheckpoints));
    if (resume != null) {
      conf.setString("execution.state-recovery.path", resume.toUri().toString());
      // state of an operator the new graph no longer has (e.g. the clock-offsets Kafka sink after Kafka was
      // unconfigured) is dropped instead of refusing to start; every stateful HF/Phase 1 operator has a fixed uid
      conf.setString("execution.state-recovery.ignore-unclaimed-state", "true");
    }
    env.configure(conf);
    env.enableCheckpointing(options.checkpointSeconds * 1000);
  }

  public StreamExecutionEnvironment env() {
    return env;
  }

  public StationConfig station() {
    return station;
  }

  public RecordCheckpoints checkpoints() {
    return checkpoints;
  }

  /** The checkpoint or savepoint this run resumes from, or null for a new session. */
  public Path resume() {
    return resume;
  }

  /** Where Phase 1 writes this station's raw archive. */
  public RawArchiveSettings archive() {
    return RawArchiveSettings.of(dataDir, station);
  }

  /** radiod RTP ({@link RtpSource}, the station's endpoints and channels) → Phase 1 raw archive; the IQ blocks. */
  public DataStream<IqBlock> rtpPhase1() {
    RtpSourceConfig src = new RtpSourceConfig(station.endpoints(), station.channels(),
        new RtpIngestOptions(options.jitterDepth, options.maxHoldMs, 3600), false, 4096, options.idleStopSeconds * 1000);
    RawArchiveSettings settings = archive();
    LOG.info("{}: radiod {} → Phase 1 raw archive {} (deflate {}, {} ms files, quota {} bytes/channel)", label,
        station.endpoints(), settings.topDir(), settings.compressionLevel(), settings.fileCadenceMs(),
        settings.quotaBytesPerChannel());
    return RecordJob.build(env, new RtpSource(src), settings);
  }

  /** The ingest_run parameters every live run records (station, checkpoints, RTP options, resume point). */
  public Map<String, Object> params() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("station_config", options.config.toAbsolutePath().toString());
    params.put("callsign", station.callsign());
    params.put("grid_square", station.gridSquare());
    params.put("receiver_name", station.receiverName());
    params.put("channels", station.channels().stream().map(c -> c.name() + "@" + c.frequencyHz() + "Hz").toList());
    params.put("data_dir", dataDir.toAbsolutePath().toString());
    params.put("checkpoint_interval_s", options.checkpointSeconds);
    params.put("resumed_from", resume == null ? "" : resume.toString());
    return params;
  }

  /** The RTP and Phase 1 parameters, for runs that read radiod. */
  public Map<String, Object> rtpParams() {
    RawArchiveSettings settings = archive();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("radiod", station.endpoints().toString());
    params.put("raw_archive", settings.topDir());
    params.put("compression_level", settings.compressionLevel());
    params.put("file_cadence_ms", settings.fileCadenceMs());
    params.put("quota_bytes_per_channel", settings.quotaBytesPerChannel());
    params.put("jitter_depth", options.jitterDepth);
    params.put("max_hold_ms", options.maxHoldMs);
    return params;
  }

  /**
   * Runs the graph built on {@link #env()} until its input ends or {@code stopRequest} completes (SIGTERM /
   * Ctrl-C complete it; stop with a savepoint). A run whose input ended is marked finished (its final
   * checkpoint holds finished sources and cannot be continued).
   */
  public StoppableJob.Outcome run(String jobName, CompletableFuture<String> stopRequest) throws Exception {
    if (!env.getConfiguration().get(DeploymentOptions.ATTACHED)) {
      // `flink run -d`: submit and return; the cluster runs, stops (flink stop) and resumes (flink run -s) the job
      String id = env.executeAsync(jobName).getJobID().toString();
      LOG.info("{}: submitted detached job {}; checkpoints under {}", label, id, checkpoints.root().resolve(id));
      return StoppableJob.Outcome.detached(id);
    }
    StoppableJob.Outcome outcome;
    try (StopSignals signals = new StopSignals(stopRequest)) {
      outcome = StoppableJob.run(env, jobName, checkpoints.savepointDir(), stopRequest,
          Duration.ofSeconds(options.stopTimeoutSeconds),
          id -> LOG.info("{}: job {} running; checkpoints under {}", label, id, checkpoints.root().resolve(id)));
    }
    if (outcome.endedByItself()) {
      checkpoints.markFinished(outcome.jobId());
    }
    return outcome;
  }
}
