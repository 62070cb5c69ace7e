package io.tickstream.jobs.iqstats;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.jobs.CountingPassThrough;
import io.tickstream.jobs.StreamSink;
import io.tickstream.jobs.StreamSource;
import io.tickstream.jobs.Watermarks;
import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Reference job graph (the pattern every tickstream job follows): built from an injected
 * {@link StreamSource} and {@link StreamSink}s, so the same graph runs on live or archived input, in
 * STREAMING or BATCH mode, embedded or on a cluster, and tests swap both ends.
 *
 * <p>What it computes: per channel and system-time minute, the number of IQ blocks, samples and
 * reported gap samples (Phase 1 completeness). Event time is the block's system time
 * ({@code tSystemNs}); a block is attributed to the minute containing its first sample. Event-time
 * tumbling windows make the output identical in both modes: each (channel, minute) is emitted once,
 * when the watermark passes the minute's end. Watermarks are emitted per record
 * ({@link Watermarks}), so replays classify the same blocks as late. In STREAMING mode a block arriving more than
 * {@code maxOutOfOrderness} after newer blocks is too late for its minute: it is not dropped but
 * counted (metric {@code lateIqBlocks}) and sent, unchanged, to the late-data sink.
 */
public final class IqMinuteStatsJob {
  /** Blocks too late for their minute's window (STREAMING only). */
  public static final OutputTag<IqBlock> LATE = new OutputTag<>("late-iq-blocks") {};
  private static final long NS_PER_MS = 1_000_000L;

  private final StreamSource<IqBlock> source;
  private final StreamSink<IqMinuteStats> sink;
  private final StreamSink<IqBlock> lateSink;
  private final Duration maxOutOfOrderness;

  public IqMinuteStatsJob(StreamSource<IqBlock> source, StreamSink<IqMinuteStats> sink, StreamSink<IqBlock> lateSink,
      Duration maxOutOfOrderness) {
    this.source = source;
    this.sink = sink;
    this.lateSink = lateSink;
    this.maxOutOfOrderness = maxOutOfOrderness;
  }

  /** Adds the graph to {@code env} (execute with {@code JobRuntime.execute}). */
  public void build(StreamExecutionEnvironment env) {
    DataStream<IqBlock> blocks = source.create(env)
        .assignTimestampsAndWatermarks(Watermarks.<IqBlock>boundedOutOfOrderness(maxOutOfOrderness,
            (b, previous) -> Math.floorDiv(b.tSystemNs(), NS_PER_MS)))
        .name("event time = system time");
    SingleOutputStreamOperator<IqMinuteStats> stats = blocks
        .keyBy(IqBlock::channel)
        .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
        .sideOutputLateData(LATE)
        .aggregate(new Count(), new StampMinute())
        .name("per channel and minute");
    sink.attach(stats);
    lateSink.attach(stats.getSideOutput(LATE).map(new CountingPassThrough<>("lateIqBlocks")).name("late blocks"));
  }

  /** Running totals {blocks, samples, gapSamples}. */
  private static final class Count implements AggregateFunction<IqBlock, long[], long[]> {
    @Override
    public long[] createAccumulator() {
      return new long[3];
    }

    @Override
    public long[] add(IqBlock b, long[] acc) {
      acc[0]++;
      acc[1] += b.numSamples();
      acc[2] += b.gapSamplesBefore();
      return acc;
    }

    @Override
    public long[] getResult(long[] acc) {
      return acc;
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      return new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }
  }

  /** Labels the totals with channel and minute. */
  private static final class StampMinute extends ProcessWindowFunction<long[], IqMinuteStats, String, TimeWindow> {
    @Override
    public void process(String channel, Context ctx, Iterable<long[]> totals, Collector<IqMinuteStats> out) {
      for (long[] t : totals) {
        out.collect(new IqMinuteStats(channel, ctx.window().getStart() * NS_PER_MS, t[0], t[1], t[2]));
      }
    }
  }
}
