package io.tickstream.jobs.iqstats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import io.tickstream.jobs.JobRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reference job on a real Flink MiniCluster: STREAMING and BATCH give identical, correct rows. */
class IqMinuteStatsJobTest {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final long T0_NS = 1_733_222_400_000_000_000L; // 2024-12-03T10:40:00Z, a minute boundary
  static final Rational RATE = Rational.of(200);
  static final int BLOCK = 20; // 0.1 s at 200 Hz (small blocks keep the test fast)

  /**
   * Two channels interleaved in time order, 3.5 minutes of 0.1 s blocks; channel WWVH loses every 7th
   * block (reported as a gap on the next one); every 50th pair is swapped (out of order by 0.1 s).
   */
  static List<IqBlock> input() {
    List<IqBlock> blocks = new ArrayList<>();
    long gap = 0;
    for (int k = 0; k < 2100; k++) {
      long tNs = T0_NS + k * 100_000_000L;
      blocks.add(IqBlock.ofInt16("WWV_10MHz", (long) k * BLOCK, RATE, tNs, true, new short[2 * BLOCK], 0));
      if (k % 7 == 3) {
        gap = BLOCK;
        continue;
      }
      blocks.add(IqBlock.ofInt16("WWVH_15MHz", (long) k * BLOCK, RATE, tNs + 3_000_000L, true,
          new short[2 * BLOCK], gap));
      gap = 0;
    }
    for (int i = 1; i < blocks.size(); i += 50) {
      IqBlock a = blocks.get(i - 1);
      blocks.set(i - 1, blocks.get(i));
      blocks.set(i, a);
    }
    return blocks;
  }

  record Output(List<IqMinuteStats> stats, List<IqBlock> late) {}

  static Output run(RuntimeExecutionMode mode, List<IqBlock> input) throws Exception {
    return run(mode, 2, input);
  }

  static Output run(RuntimeExecutionMode mode, int parallelism, List<IqBlock> input) throws Exception {
    List<CloseableIterator<IqMinuteStats>> out = new ArrayList<>();
    List<CloseableIterator<IqBlock>> late = new ArrayList<>();
    StreamExecutionEnvironment env = new JobRuntime(mode, parallelism, null).environment();
    new IqMinuteStatsJob(e -> e.fromData(input), s -> out.add(s.collectAsync()), s -> late.add(s.collectAsync()),
        Duration.ofSeconds(1)).build(env);
    JobRuntime.execute(env, "iq-minute-stats-" + mode);
    List<IqMinuteStats> rows = new ArrayList<>();
    try (CloseableIterator<IqMinuteStats> it = out.get(0)) {
      it.forEachRemaining(rows::add);
    }
    rows.sort(Comparator.comparing(IqMinuteStats::channel).thenComparingLong(IqMinuteStats::minuteStartNs));
    List<IqBlock> lateBlocks = new ArrayList<>();
    try (CloseableIterator<IqBlock> it = late.get(0)) {
      it.forEachRemaining(lateBlocks::add);
    }
    return new Output(rows, lateBlocks);
  }

  /** The same numbers computed directly from the input. */
  static List<IqMinuteStats> expected(List<IqBlock> input) {
    Map<String, long[]> m = new TreeMap<>();
    for (IqBlock b : input) {
      long minute = Math.floorDiv(b.tSystemNs(), 60_000_000_000L) * 60_000_000_000L;
      long[] t = m.computeIfAbsent(b.channel() + "@" + minute, k -> new long[3]);
      t[0]++;
      t[1] += b.numSamples();
      t[2] += b.gapSamplesBefore();
    }
    List<IqMinuteStats> rows = new ArrayList<>();
    m.forEach((k, t) -> rows.add(new IqMinuteStats(k.substring(0, k.indexOf('@')),
        Long.parseLong(k.substring(k.indexOf('@') + 1)), t[0], t[1], t[2])));
    rows.sort(Comparator.comparing(IqMinuteStats::channel).thenComparingLong(IqMinuteStats::minuteStartNs));
    return rows;
  }

  @Test
  void streamingAndBatchGiveIdenticalCorrectResults() throws Exception {
    List<IqBlock> input = input();
    Output streaming = run(RuntimeExecutionMode.STREAMING, input);
    Output batch = run(RuntimeExecutionMode.BATCH, input);
    assertEquals(batch.stats(), streaming.stats());
    assertEquals(expected(input), batch.stats());
    assertEquals(8, batch.stats().size(), "2 channels x 4 minutes (3 full + 1 half)");
    assertEquals(new IqMinuteStats("WWVH_15MHz", T0_NS, 514, 514 * BLOCK, 86 * BLOCK), batch.stats().get(0));
    assertEquals(List.of(), streaming.late());
  }

  @Test
  void aBlockTooLateForItsMinuteIsKeptAsLateDataNotDropped() throws Exception {
    List<IqBlock> input = new ArrayList<>(input().subList(0, 1300)); // about 65 s
    IqBlock straggler = IqBlock.ofInt16("WWV_10MHz", 5, RATE, T0_NS + 500_000_000L, true, new short[2 * BLOCK], 0);
    input.add(straggler); // minute 0 closed long ago
    // parallelism 1: one ordered path from source to window, so "late" is decided by input order alone
    Output streaming = run(RuntimeExecutionMode.STREAMING, 1, input);
    assertEquals(1, streaming.late().size());
    assertEquals(straggler.tSystemNs(), streaming.late().get(0).tSystemNs());
    assertEquals(expected(input.subList(0, 1300)), streaming.stats());
  }
}
