package io.tickstream.cli.rtp;

import io.tickstream.cli.ConfigOptions;
import io.tickstream.cli.FlinkOptions;
import io.tickstream.connectors.rtp.RawArchiveSettings;
import io.tickstream.connectors.rtp.RtpIngestOptions;
import io.tickstream.connectors.rtp.RtpSource;
import io.tickstream.connectors.rtp.RtpSourceConfig;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.connectors.rtp.StationConfigException;
import io.tickstream.jobs.JobRuntime;
import io.tickstream.jobs.record.RecordJob;
import java.nio.file.Path;
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
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = {"Record radiod IQ (RTP) into the Phase 1 raw archive DATA_DIR/raw_archive: one Digital RF",
        "channel per configured receiver channel, gapped, deflate, 60 s files in hour directories, Digital",
        "Metadata with one record per gap. Runs until interrupted (or --idle-stop). Embedded by default;",
        "submit the same graph with `flink run tickstream-jobs.jar record --config station.toml`."})
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

  @Override
  public Integer call() throws Exception {
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
    conf.setString("execution.checkpointing.dir", dataDir.resolve("checkpoints/record").toUri().toString());
    conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    env.configure(conf);
    env.enableCheckpointing(checkpointSeconds * 1000);
    RecordJob.build(env, new RtpSource(src), settings);
    LOG.info("record: station {} {} receiver {}, {} channel(s) {}, radiod {}, archive {} (deflate {}, {} ms files,"
        + " quota {} bytes/channel), checkpoints every {} s", station.callsign(), station.gridSquare(),
        station.receiverName(), station.channels().size(),
        station.channels().stream().map(c -> c.name()).toList(), station.endpoints(), settings.topDir(),
        settings.compressionLevel(), settings.fileCadenceMs(), settings.quotaBytesPerChannel(), checkpointSeconds);
    JobRuntime.execute(env, RecordJob.NAME);
    System.out.println("raw archive: " + settings.topDir());
    return 0;
  }
}
