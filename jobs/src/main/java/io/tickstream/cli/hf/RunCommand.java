package io.tickstream.cli.hf;

import io.tickstream.cli.BuildInfo;
import io.tickstream.cli.ConfigOptions;
import io.tickstream.cli.FlinkOptions;
import io.tickstream.connectors.db.IngestRuns;
import io.tickstream.connectors.rtp.ChannelDeclaration;
import io.tickstream.connectors.rtp.RawArchiveSettings;
import io.tickstream.connectors.rtp.RtpIngestOptions;
import io.tickstream.connectors.rtp.RtpSource;
import io.tickstream.connectors.rtp.RtpSourceConfig;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.connectors.rtp.StationConfigException;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.jobs.JobRuntime;
import io.tickstream.jobs.hf.ChannelAnalysis;
import io.tickstream.jobs.hf.HfJobConfig;
import io.tickstream.jobs.hf.HfTimingJob;
import io.tickstream.jobs.hf.ProductDrfSink;
import io.tickstream.jobs.record.RecordJob;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tickstream run --config station.toml}: the live HF pipeline, Phases 1–3 in one streaming
 * graph — radiod RTP into the Phase 1 raw archive ({@link RecordJob}) and, from the same IQ blocks,
 * the HF timing graph ({@link HfTimingJob}: D_clock rows and series, 10 Hz UTC product).
 */
@Command(name = "run",
    description = {"Run the live HF pipeline: radiod RTP → Phase 1 raw archive (DATA_DIR/raw_archive), Phase 2",
        "D_clock per minute (clock_offset rows, DATA_DIR/clock_offset/<CHANNEL>/<version>/) and Phase 3 10 Hz UTC",
        "product (DATA_DIR/processed/<version>/). Runs until interrupted (or --idle-stop). Embedded by default."})
public final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Option(names = "--config", required = true, paramLabel = "STATION.TOML", description = "Station configuration (TOML).")
  Path config;

  @Option(names = "--version", defaultValue = "v1", description = "Output version (default ${DEFAULT-VALUE}).")
  String version;

  @Option(names = "--no-phase3", description = "Only Phases 1 and 2.")
  boolean noPhase3;

  @Option(names = "--checkpoint-interval", defaultValue = "10", paramLabel = "SECONDS",
      description = "Checkpoint interval; files and rows are committed at checkpoints (default ${DEFAULT-VALUE} s).")
  long checkpointSeconds;

  @Option(names = "--idle-stop", defaultValue = "0", paramLabel = "SECONDS",
      description = "End after this long without data once data arrived (0 = run until interrupted).")
  long idleStopSeconds;

  @Option(names = "--test-signal-template", paramLabel = "RAW",
      description = {"HamSCI test-signal template (48 kHz s16le, ka9q/wwvsim test.raw): analyse the test minutes",
          "(WWV 8, WWVH 44) with it; without it those minutes get no test_signal evidence."})
  Path testSignalTemplate;

  @Mixin io.tickstream.cli.HelpOption help;

  @Mixin ConfigOptions common;
  @Mixin FlinkOptions flink;

  @Override
  public Integer call() throws Exception {
    StationConfig station;
    try {
      station = StationConfig.load(config);
    } catch (StationConfigException e) {
      System.err.println("invalid station configuration:\n" + e.getMessage());
      return 2;
    }
    if (testSignalTemplate != null) {
      try {
        ChannelAnalysis.loadTemplate(testSignalTemplate.toString());
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 2;
      }
    }
    try (ConfigOptions.Opened opened = common.open()) {
      Path dataDir = opened.config().dataDir();
      Map<String, Double> freqs = new TreeMap<>();
      for (ChannelDeclaration c : station.channels()) {
        freqs.put(c.name(), c.frequencyHz());
      }
      HfJobConfig hf = HfJobConfig.of(station.receiverName(), station.gridSquare(), version, freqs, !noPhase3, false);
      hf = hf.withProductResume(ProductDrfSink.existingEnds(dataDir, version, freqs.keySet()))
          .withTestSignalTemplate(testSignalTemplate == null ? null : testSignalTemplate.toAbsolutePath().toString());
      Map<String, Object> params = new LinkedHashMap<>();
      if (testSignalTemplate != null) {
        params.put("test_signal_template", hf.testSignalTemplate());
      }
      params.put("station", config.toAbsolutePath().toString());
      params.put("version", version);
      params.put("phases", noPhase3 ? "1,2" : "1,2,3");
      params.put("channels", freqs);
      params.put("grid", station.gridSquare());
      params.put("receiver", station.receiverName());
      params.put("data_dir", dataDir.toAbsolutePath().toString());
      IngestRuns runs = new IngestRuns(opened.db(), BuildInfo.gitCommit());
      long runId = runs.start("hf-run", params, null);
      try {
        RawArchiveSettings settings = RawArchiveSettings.of(dataDir, station);
        RtpSourceConfig src = new RtpSourceConfig(station.endpoints(), station.channels(),
            new RtpIngestOptions(64, 500, 3600), false, 4096, idleStopSeconds * 1000);
        StreamExecutionEnvironment env = flink.runtime(RuntimeExecutionMode.STREAMING).environment();
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.storage", "filesystem");
        conf.setString("execution.checkpointing.dir", dataDir.resolve("checkpoints/run").toUri().toString());
        env.configure(conf);
        env.enableCheckpointing(checkpointSeconds * 1000);
        DataStream<IqBlock> iq = RecordJob.build(env, new RtpSource(src), settings);
        HfTimingJob.build(iq, hf, HfTimingJob.standardSinks(opened.db().url().original(), runId, dataDir, hf));
        LOG.info("run: station {} {} receiver {}, channels {}, version {}, raw archive {}, outputs under {}",
            station.callsign(), station.gridSquare(), station.receiverName(), freqs, version, settings.topDir(), dataDir);
        JobRuntime.execute(env, "tickstream run: HF Phases 1-3");
        runs.finishOk(runId, "stopped");
      } catch (Exception | Error e) {
        runs.finishFailed(runId, e);
        throw e;
      }
      System.out.println("raw archive        " + RawArchiveSettings.of(dataDir, station).topDir());
      System.out.println("clock_offset rows  version " + version + " in " + opened.db().url().masked());
      System.out.println("D_clock series     " + dataDir.resolve("clock_offset").resolve("<CHANNEL|FUSED>").resolve(version));
      if (!noPhase3) {
        System.out.println("10 Hz UTC product  " + dataDir.resolve("processed").resolve(version));
      }
    }
    return 0;
  }
}
