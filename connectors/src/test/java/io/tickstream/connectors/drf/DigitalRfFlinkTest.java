package io.tickstream.connectors.drf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** DigitalRfSource and the exactly-once DigitalRfSink on a real MiniCluster, with a failure injected mid-stream. */
class DigitalRfFlinkTest {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final String UUID = "0123456789abcdef0123456789abcdef";

  @TempDir Path tmp;

  /** Passes blocks through; once (when armed) throws after some blocks, after a checkpoint completed. */
  static final class FailOnce implements MapFunction<IqBlock, IqBlock>, CheckpointListener {
    static final AtomicInteger SEEN = new AtomicInteger();
    static volatile boolean armed;
    static volatile boolean checkpointed;
    static volatile Path watchDir;
    static volatile Map<String, FileTime> finishedAtFailure = Map.of();
    static volatile List<String> openAtFailure = List.of();

    @Override
    public IqBlock map(IqBlock b) throws Exception {
      Thread.sleep(4);
      if (armed && checkpointed && SEEN.incrementAndGet() > 50) {
        armed = false;
        finishedAtFailure = finishedFiles(watchDir);
        try (Stream<Path> s = Files.walk(watchDir)) {
          openAtFailure = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("tmp.rf@")).toList();
        }
        throw new IllegalStateException("injected failure at block " + b.firstSampleIndex());
      }
      return b;
    }

    @Override
    public void notifyCheckpointComplete(long id) {
      checkpointed = true;
    }
  }

  static Map<String, FileTime> finishedFiles(Path dir) throws Exception {
    Map<String, FileTime> out = new TreeMap<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.getFileName().toString().startsWith("rf@")) {
          out.put(dir.relativize(p).toString(), Files.getLastModifiedTime(p));
        }
      }
    }
    return out;
  }

  private static void run(Path out, boolean inject) throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofMillis(100));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    env.enableCheckpointing(100);
    FailOnce.SEEN.set(0);
    FailOnce.checkpointed = false;
    FailOnce.armed = inject;
    FailOnce.watchDir = out;
    DrfWriterOptions o = DrfWriterOptions.defaults().withCadences(60, 10_000).withContinuous(false)
        .withCompression(1).withChecksum(true).withUuid(UUID);
    env.fromSource(DigitalRfSource.of(SharedData.path("fixtures/drf/a_iq_int16_20k_gapped")).withMaxBlockSamples(20000),
            WatermarkStrategy.noWatermarks(), "drf-source")
        .map(new FailOnce())
        .sinkTo(DigitalRfSink.of(out, o));
    env.execute("drf-exactly-once");
  }

  @Test
  void sinkAfterInjectedFailureEqualsUninterruptedRun() throws Exception {
    Path clean = tmp.resolve("clean");
    Path failed = tmp.resolve("failed");
    run(clean, false);
    run(failed, true);
    assertTrue(!FailOnce.armed, "the failure was not injected");
    assertTrue(!FailOnce.finishedAtFailure.isEmpty(), "no file was committed before the failure");
    // the open file at the failure was a temp file; after restore it was rewritten from state + replay
    assertTrue(!FailOnce.openAtFailure.isEmpty(), "no open temp file at the failure");

    // the same samples as the source fixture, exactly once
    JsonNode truth = new ObjectMapper().readTree(SharedData.path("fixtures/drf/a_iq_int16_20k_gapped.json").toFile())
        .path("channels").path("ch0");
    JsonNode a = DrfDump.dump(clean, "clean");
    JsonNode b = DrfDump.dump(failed, "failed");
    assertEquals(truth.path("sha256"), b.path("channels").path("ch0").path("sha256"));
    assertEquals(List.of(), JsonCompare.diff(truth.path("blocks"), b.path("channels").path("ch0").path("blocks"), Set.of()));
    List<String> diffs = JsonCompare.diff(a, b, Set.of(".producer", ".channels.ch0.files[].computer_time"));
    assertTrue(diffs.isEmpty(), String.join("\n", diffs));
    // identical index rows (one per written block) in every file
    try (DrfChannelReader ra = DigitalRfReader.channel(clean, "ch0"); DrfChannelReader rb = DigitalRfReader.channel(failed, "ch0")) {
      assertEquals(ra.files().size(), rb.files().size());
      for (int k = 0; k < ra.files().size(); k++) {
        assertEquals(java.util.Arrays.toString(ra.info(ra.files().get(k)).rowStarts()),
            java.util.Arrays.toString(rb.info(rb.files().get(k)).rowStarts()));
        assertEquals(java.util.Arrays.toString(ra.info(ra.files().get(k)).rowOffsets()),
            java.util.Arrays.toString(rb.info(rb.files().get(k)).rowOffsets()));
      }
    }
    // files committed before the failure were never touched again
    Map<String, FileTime> after = finishedFiles(failed);
    for (Map.Entry<String, FileTime> e : FailOnce.finishedAtFailure.entrySet()) {
      assertEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " was modified after commit");
    }
    List<String> leftovers = new ArrayList<>();
    try (Stream<Path> s = Files.walk(failed)) {
      s.filter(p -> p.getFileName().toString().startsWith("tmp.")).forEach(p -> leftovers.add(p.toString()));
    }
    assertTrue(leftovers.isEmpty(), "temp files left: " + leftovers);
    assertTrue(DrfVerifier.verify(failed, m -> { }).ok());
  }

  @Test
  void sourceReportsFillPaddingAsGapsAndRespectsTheRange() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    List<IqBlock> blocks = new ArrayList<>();
    env.fromSource(DigitalRfSource.of(SharedData.path("fixtures/drf/d_real_f32_fill_edges")).withMaxBlockSamples(700),
        WatermarkStrategy.noWatermarks(), "d").executeAndCollect().forEachRemaining(blocks::add);
    blocks.sort((x, y) -> Long.compare(x.firstSampleIndex(), y.firstSampleIndex()));
    // the same data blocks as the unpadded fixture f: 600 + 1550 + 1950 real samples, no NaN emitted
    assertEquals(4100, blocks.stream().mapToLong(IqBlock::numSamples).sum());
    assertTrue(blocks.stream().allMatch(b -> { for (float v : b.float32()) { if (Float.isNaN(v)) { return false; } } return true; }));
    assertEquals(171262077550L, blocks.get(0).firstSampleIndex());
    assertEquals(1712620775_500_000_000L, blocks.get(0).tSystemNs());
    // gap before the second run (6-9 s): 300 samples; before the third (00:00:00-00:00:16): 1550 + ... exact
    long gapSum = blocks.stream().mapToLong(IqBlock::gapSamplesBefore).sum();
    assertEquals((171262081600L - 171262077550L) - (600 + 1550), gapSum);

    List<IqBlock> cut = new ArrayList<>();
    StreamExecutionEnvironment env2 = StreamExecutionEnvironment.getExecutionEnvironment();
    env2.setParallelism(1);
    env2.fromSource(DigitalRfSource.of(SharedData.path("fixtures/drf/c_iq_int16_2sub")).withRange(13700793604000L, 13700793612000L)
            .withMaxSplitSamples(3000),
        WatermarkStrategy.noWatermarks(), "c").executeAndCollect().forEachRemaining(cut::add);
    assertEquals(Set.of("dual:0", "dual:1"), Set.copyOf(cut.stream().map(IqBlock::channel).toList()));
    assertEquals(2 * 8000, cut.stream().mapToLong(IqBlock::numSamples).sum());
    // time-range splits of 3000 samples: blocks never exceed a split, and are contiguous (no gap reported)
    assertTrue(cut.stream().allMatch(x -> x.numSamples() <= 3000 && x.gapSamplesBefore() == 0));
    IqBlock first1 = cut.stream().filter(x -> x.channel().equals("dual:1")).findFirst().orElseThrow();
    assertEquals(13700793604000L, first1.firstSampleIndex());
    assertEquals(DrfTestSignal.int16(3, 13700793604000L, 1, 0), first1.int16()[0]);
  }
}
