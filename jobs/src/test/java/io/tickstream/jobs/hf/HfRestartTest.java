package io.tickstream.jobs.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.jobs.hf.types.AssembledMinuteSerializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart safety: a STREAMING run with checkpoints and a failure injected mid-stream, and a BATCH
 * reprocessing with a failure, both restarted by Flink, give the same rows and files as
 * uninterrupted runs.
 */
class HfRestartTest {
  static final HfScenario SCENARIO = new HfScenario(1.3, 3);
  static final AtomicBoolean FAILED = new AtomicBoolean();

  @TempDir
  Path tmp;

  /** Throws once (in the whole test JVM), at the {@code at}-th element one instance sees. */
  static final class FailOnce<T> implements MapFunction<T, T> {
    private final int at;
    private int seen;

    FailOnce(int at) {
      this.at = at;
    }

    @Override
    public T map(T b) {
      if (++seen == at && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure at element " + at);
      }
      return b;
    }
  }

  StreamExecutionEnvironment env(RuntimeExecutionMode mode) {
    Configuration conf = new Configuration();
    // minute buffers are MBs: checkpoints go to files (the JobManager storage caps state at 5 MB)
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, tmp.resolve("checkpoints").toUri().toString());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setRuntimeMode(mode);
    env.setParallelism(2);
    if (mode == RuntimeExecutionMode.STREAMING) {
      env.enableCheckpointing(300);
    }
    return env;
  }

  String db(String name) {
    String url = "sqlite:///" + tmp.resolve(name + ".db").toAbsolutePath();
    try (Database d = Database.open(url)) {
      d.migrate();
    }
    return url;
  }

  void runStreaming(List<IqBlock> blocks, Path data, String url, int failAt) throws Exception {
    HfJobConfig config = SCENARIO.config("v1", true, false);
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.STREAMING);
    DataStream<IqBlock> in = env.fromData(blocks).setParallelism(1);
    if (failAt > 0) {
      in = in.map(new FailOnce<IqBlock>(failAt)).returns(TypeInformation.of(IqBlock.class)).setParallelism(1);
    }
    HfTimingJob.build(in, config, HfTimingJob.standardSinks(url, null, data, config));
    env.execute("restart test");
  }

  static void assertSameOutputs(Path a, String urlA, Path b, String urlB, String version) throws Exception {
    assertEquals(HfReprocessTest.values(HfTimingJobTest.rows(urlA, version)),
        HfReprocessTest.values(HfTimingJobTest.rows(urlB, version)), "clock_offset rows");
    for (String ch : List.of("FUSED", "WWV_10_MHz", "WWV_15_MHz")) {
      Path f = ClockOffsetFileSink.seriesDir(a, ch, version);
      Path g = ClockOffsetFileSink.seriesDir(b, ch, version);
      assertArrayEquals(Files.readAllBytes(f.resolve(ClockOffsetFileSink.CSV)), Files.readAllBytes(g.resolve(ClockOffsetFileSink.CSV)), ch);
      assertArrayEquals(Files.readAllBytes(f.resolve(ClockOffsetFileSink.JSON)), Files.readAllBytes(g.resolve(ClockOffsetFileSink.JSON)), ch);
    }
    for (String ch : SCENARIO.channels.keySet()) {
      try (DrfChannelReader x = DrfChannelReader.open(ProductDrfSink.productDir(a, version).resolve(ch));
          DrfChannelReader y = DrfChannelReader.open(ProductDrfSink.productDir(b, version).resolve(ch))) {
        long[] bx = x.bounds().orElseThrow();
        assertArrayEquals(bx, y.bounds().orElseThrow(), ch);
        int n = (int) (bx[1] - bx[0] + 1);
        assertEquals(SCENARIO.minutes * 600, n, ch);
        assertArrayEquals(x.read(bx[0], n).toDoubles(), y.read(bx[0], n).toDoubles(), 0.0, ch);
      }
    }
  }

  @Test
  void streamingFailureAndRestartGiveTheUninterruptedOutputs() throws Exception {
    List<IqBlock> blocks = SCENARIO.blocks();
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    String urlA = db("a");
    String urlB = db("b");
    runStreaming(blocks, a, urlA, 0);
    FAILED.set(false);
    runStreaming(blocks, b, urlB, blocks.size() * 2 / 3);
    assertTrue(FAILED.get(), "the failure was injected");
    assertSameOutputs(a, urlA, b, urlB, "v1");
  }

  void runBatch(Path archive, Path data, String url, int failAt) throws Exception {
    HfJobConfig config = SCENARIO.config("v2", true, true);
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.BATCH);
    List<ArchiveSource.ArchiveChannel> channels = ArchiveSource.channels(archive, List.of());
    // the reprocessing wiring (HfReprocess): minute windows read in parallel, chained to the analysis
    DataStream<AssembledMinute> in = ArchiveSource.minutes(env, channels, Long.MIN_VALUE, Long.MAX_VALUE, config);
    if (failAt > 0) {
      in = in.map(new FailOnce<AssembledMinute>(failAt)).returns(AssembledMinuteSerializer.TYPE);
    }
    HfTimingJob.buildFromMinutes(in, config, HfTimingJob.standardSinks(url, null, data, config));
    env.execute("batch restart test");
  }

  @Test
  void batchFailureAndRestartGiveTheUninterruptedOutputs() throws Exception {
    List<IqBlock> blocks = SCENARIO.blocks();
    Path archive = tmp.resolve("archive");
    GeneratedArchive.write(archive, blocks, SCENARIO.channels);
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    String urlA = db("a");
    String urlB = db("b");
    runBatch(archive, a, urlA, 0);
    FAILED.set(false);
    runBatch(archive, b, urlB, 3); // of 9 channel-minutes, over 2 readers
    assertTrue(FAILED.get(), "the failure was injected");
    assertSameOutputs(a, urlA, b, urlB, "v2");
  }
}
