package io.tickstream.jobs.hf;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.jobs.hf.types.MinuteBufferSerializer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 2/3 windowing, keyed by channel: assembles {@link IqBlock}s into system-time minute windows
 * with margins (DOMAIN.md §1.1: {@code minute_boundary = floor(t_system/60)·60}) and emits each
 * window once, with its gap list implied by NaN samples and its completeness.
 *
 * <p>Time is the sample index ({@code index = t_system·fs}, Digital RF convention), so a live stream
 * and its Phase 1 archive give identical windows. A window closes when the event-time watermark
 * passes its end (bounded lateness = the watermark lag); in bounded mode (per-channel ordered input)
 * also as soon as a block starts at or after its end. Blocks for windows already closed are late:
 * counted ({@code lateBlocks}) and logged, never merged into a closed minute.
 */
public final class MinuteAssembler extends KeyedProcessFunction<String, IqBlock, AssembledMinute> {
  private static final Logger LOG = LoggerFactory.getLogger(MinuteAssembler.class);
  private static final long MINUTE_NS = 60_000_000_000L;

  private final HfJobConfig config;
  private transient MapState<Long, MinuteBuffer> open;
  private transient ValueState<Long> closedThrough;
  private transient Counter lateBlocks;

  public MinuteAssembler(HfJobConfig config) {
    this.config = config;
  }

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
    open = getRuntimeContext().getMapState(new MapStateDescriptor<>("open-minutes", Types.LONG,
        MinuteBufferSerializer.TYPE));
    closedThrough = getRuntimeContext().getState(new ValueStateDescriptor<>("closed-through", Types.LONG));
    lateBlocks = getRuntimeContext().getMetricGroup().counter("lateBlocks");
  }

  static int sampleRate(IqBlock b) {
    if (b.sampleRateHz().denominator() != 1 || b.sampleRateHz().numerator() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("channel " + b.channel() + ": minute analysis needs an integer sample rate, got "
          + b.sampleRateHz());
    }
    return (int) b.sampleRateHz().numerator();
  }

  static void requireComplex(IqBlock block) {
    if (!block.complex()) {
      throw new IllegalArgumentException("channel " + block.channel() + ": block at index " + block.firstSampleIndex()
          + " is real; the HF job needs complex IQ (radiod preset=iq)");
    }
  }

  /** Window end as an event timestamp (ms, rounded up). */
  static long windowEndMs(MinuteBuffer b, int fs) {
    return Math.floorDiv(b.endIndex() * 1000L + fs - 1, fs);
  }

  @Override
  public void processElement(IqBlock block, Context ctx, Collector<AssembledMinute> out) throws Exception {
    int fs = sampleRate(block);
    requireComplex(block);
    long perMinute = 60L * fs;
    int margin = (int) Math.round(config.marginS() * fs);
    long b0 = block.firstSampleIndex();
    long b1 = block.endSampleIndex();
    if (config.bounded()) {
      closeBefore(b0, fs, ctx, out);
    }
    Long closed = closedThrough.value();
    long firstMinute = Math.floorDiv(b0 - margin, perMinute) - 1;
    long lastMinute = Math.floorDiv(b1 + margin - 1, perMinute);
    boolean late = false;
    for (long m = firstMinute; m <= lastMinute; m++) {
      long minuteNs = m * MINUTE_NS;
      long iM = m * perMinute;
      if (iM - margin >= b1 || iM + perMinute + margin <= b0) {
        continue;
      }
      if (closed != null && minuteNs <= closed) {
        late = true;
        continue;
      }
      MinuteBuffer buf = open.get(minuteNs);
      if (buf == null) {
        buf = MinuteBuffer.open(minuteNs, iM, perMinute, margin);
        long end = windowEndMs(buf, fs);
        if (!config.bounded() && end <= ctx.timerService().currentWatermark()) {
          late = true;
          continue;
        }
        ctx.timerService().registerEventTimeTimer(end);
      }
      buf.add(block);
      open.put(minuteNs, buf);
    }
    if (late) {
      lateBlocks.inc();
      LOG.warn("channel {}: block at index {} ({} samples) arrived after its minute closed; not merged (late blocks: {})",
          block.channel(), b0, block.numSamples(), lateBlocks.getCount());
    }
  }

  private void closeBefore(long index, int fs, Context ctx, Collector<AssembledMinute> out) throws Exception {
    List<MinuteBuffer> done = new ArrayList<>();
    for (MinuteBuffer b : open.values()) {
      if (b.endIndex() <= index) {
        done.add(b);
      }
    }
    done.sort((a, b) -> Long.compare(a.minuteStartSystemNs, b.minuteStartSystemNs));
    for (MinuteBuffer b : done) {
      ctx.timerService().deleteEventTimeTimer(windowEndMs(b, fs));
      emit(ctx.getCurrentKey(), fs, b, out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AssembledMinute> out) throws Exception {
    List<MinuteBuffer> due = new ArrayList<>();
    for (MinuteBuffer b : open.values()) {
      if (windowEndMs(b, rateOf(b)) <= timestamp) {
        due.add(b);
      }
    }
    due.sort((a, b) -> Long.compare(a.minuteStartSystemNs, b.minuteStartSystemNs));
    for (MinuteBuffer b : due) {
      emit(ctx.getCurrentKey(), rateOf(b), b, out);
    }
  }

  private static int rateOf(MinuteBuffer b) {
    return (int) ((b.minuteEndIndex - b.minuteFirstIndex) / 60);
  }

  private void emit(String channel, int fs, MinuteBuffer b, Collector<AssembledMinute> out) throws Exception {
    open.remove(b.minuteStartSystemNs);
    Long closed = closedThrough.value();
    if (closed == null || b.minuteStartSystemNs > closed) {
      closedThrough.update(b.minuteStartSystemNs);
    }
    if (b.presentInMinute == 0) {
      return; // only margin samples of a neighbour: nothing of this minute was recorded
    }
    double completeness = b.presentInMinute / (double) (b.minuteEndIndex - b.minuteFirstIndex);
    out.collect(new AssembledMinute(channel, config.frequencyHz(channel), fs, b.minuteStartSystemNs, b.firstIndex,
        b.iq, completeness));
  }
}
