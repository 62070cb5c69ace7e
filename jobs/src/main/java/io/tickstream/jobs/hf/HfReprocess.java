package io.tickstream.jobs.hf;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.IngestRuns;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded, versioned reprocessing (seeds/003 §7): the HF job graph over a Phase 1 Digital RF
 * archive in BATCH mode. Results go beside earlier versions (their own version directories and
 * rows); an existing version is only completed, never overwritten (rows are upserts that change
 * nothing when values are equal; product minutes already written are kept). One {@code ingest_run}
 * row records every parameter, the input range and the git commit.
 */
public final class HfReprocess {
  private static final Logger LOG = LoggerFactory.getLogger(HfReprocess.class);

  private HfReprocess() {}

  /** What to reprocess. {@code fromNs/toNs} bound system time (Long.MIN/MAX for the whole archive). */
  public record Request(Path archive, List<String> channels, long fromNs, long toNs, String version, boolean phase3,
      String receiver, String grid, int parallelism, Path testSignalTemplate) {
    /** Without a test-signal template. */
    public Request(Path archive, List<String> channels, long fromNs, long toNs, String version, boolean phase3,
        String receiver, String grid, int parallelism) {
      this(archive, channels, fromNs, toNs, version, phase3, receiver, grid, parallelism, null);
    }
  }

  /** What a run did. */
  public record Result(long ingestRunId, long samples, double channelHours, double wallSeconds, Path dataDir,
      String version, List<String> channels) {
    public double realTimeFactor() {
      return channelHours * 3600.0 / Math.max(1e-9, wallSeconds);
    }
  }

  public static Result run(Request req, Database db, Path dataDir, String gitCommit, PrintStream progress)
      throws Exception {
    return run(req, Map.of(), db, dataDir, gitCommit, progress);
  }

  /** As {@link #run(Request, Database, Path, String, PrintStream)}, recording {@code moreParams} in the ingest_run row too. */
  public static Result run(Request req, Map<String, Object> moreParams, Database db, Path dataDir, String gitCommit,
      PrintStream progress) throws Exception {
    List<ArchiveSource.ArchiveChannel> channels = ArchiveSource.channels(req.archive(), req.channels());
    Map<String, Double> freqs = new TreeMap<>();
    for (ArchiveSource.ArchiveChannel c : channels) {
      freqs.put(c.name(), c.frequencyHz());
    }
    HfJobConfig config = new HfJobConfig(req.receiver(), req.grid(), req.version(), freqs, 2.5, 2000, 0.5,
        req.phase3(), true, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        ProductDrfSink.existingEnds(dataDir, req.version(), freqs.keySet()))
        .withTestSignalTemplate(req.testSignalTemplate() == null ? null
            : req.testSignalTemplate().toAbsolutePath().toString());
    long total = 0;
    for (ArchiveSource.ArchiveChannel c : channels) {
      long[] r = ArchiveSource.indexRange(c, req.fromNs(), req.toNs());
      total += r[1] - r[0];
    }
    double rateHz = channels.get(0).sampleRateHz().toDouble();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("archive", req.archive().toAbsolutePath().toString());
    params.put("version", req.version());
    params.put("phases", req.phase3() ? "2,3" : "2");
    params.put("receiver", req.receiver());
    params.put("grid", req.grid());
    params.put("channels", freqs);
    params.put("margin_s", config.marginS());
    if (config.testSignalTemplate() != null) {
      params.put("test_signal_template", config.testSignalTemplate());
    }
    params.put("lateness_ms", config.latenessMs());
    params.put("min_completeness", config.minCompleteness());
    params.put("parallelism", req.parallelism());
    params.put("data_dir", dataDir.toAbsolutePath().toString());
    params.putAll(moreParams);
    Map<String, Object> range = new LinkedHashMap<>();
    range.put("from", req.fromNs() == Long.MIN_VALUE ? null : Instant.ofEpochSecond(0, req.fromNs()).toString());
    range.put("to", req.toNs() == Long.MAX_VALUE ? null : Instant.ofEpochSecond(0, req.toNs()).toString());
    range.put("samples", total);
    IngestRuns runs = new IngestRuns(db, gitCommit);
    long runId = runs.start("hf-reprocess", params, range);
    long started = System.nanoTime();
    try {
      Files.createDirectories(dataDir);
      // IQ samples are noise-like floats: LZ4 on the blocking shuffle (Flink's batch default) costs CPU and saves nothing
      org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
      conf.set(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC, NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
      env.setRuntimeMode(RuntimeExecutionMode.BATCH);
      env.setParallelism(req.parallelism());
      DataStream<AssembledMinute> minutes = ArchiveSource.minutes(env, channels, req.fromNs(), req.toNs(), config);
      HfTimingJob.buildFromMinutes(minutes, config, HfTimingJob.standardSinks(db.url().original(), runId, dataDir, config));
      long before = ChannelAnalysis.MINUTES_ANALYSED.get();
      long perMinute = Math.round(60 * rateHz);
      JobClient job = env.executeAsync("tickstream reprocess " + req.version());
      ProgressBar bar = new ProgressBar(progress, total, rateHz);
      java.util.concurrent.CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
      while (!result.isDone()) {
        bar.show((ChannelAnalysis.MINUTES_ANALYSED.get() - before) * perMinute);
        try {
          result.get(500, java.util.concurrent.TimeUnit.MILLISECONDS); // returns as soon as the job ends
        } catch (java.util.concurrent.TimeoutException e) {
          // next progress update
        }
      }
      JobExecutionResult r = result.get();
      bar.show((ChannelAnalysis.MINUTES_ANALYSED.get() - before) * perMinute);
      bar.done();
      double wall = (System.nanoTime() - started) / 1e9;
      double chHours = total / rateHz / 3600.0;
      Result res = new Result(runId, total, chHours, wall, dataDir, req.version(), List.copyOf(freqs.keySet()));
      String msg = String.format("%d channel(s), %.3f channel-hours in %.1f s (%.0f× real time), job %s",
          freqs.size(), chHours, wall, res.realTimeFactor(), r.getJobID());
      runs.finishOk(runId, msg);
      LOG.info("reprocess {}: {}", req.version(), msg);
      return res;
    } catch (Exception | Error e) {
      runs.finishFailed(runId, e);
      throw e;
    }
  }
}
