package io.tickstream.jobs.mesh;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Event-time trigger with optional early (provisional) firings: like Flink's {@code EventTimeTrigger}
 * (fires when the watermark passes the window end, and again for each late element within the allowed
 * lateness), plus, when {@code earlyMs > 0}, one processing-time firing {@code earlyMs} after the first
 * element since the last firing. Early results are provisional; the sink upserts, so the on-time
 * result replaces them. A live mesh needs this: a window [c − 30 min, c + 30 min) closes only once
 * probes 30 min newer than c arrive, and a lone node (the seed's curl example) may never send them.
 */
final class EarlyFiringTrigger extends Trigger<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;
  private static final ValueStateDescriptor<Long> PENDING =
      new ValueStateDescriptor<>("early-firing-at", LongSerializer.INSTANCE);
  private final long earlyMs;

  EarlyFiringTrigger(long earlyMs) {
    this.earlyMs = earlyMs;
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx) throws Exception {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
      return TriggerResult.FIRE; // late, within the allowed lateness: refresh the result
    }
    ctx.registerEventTimeTimer(window.maxTimestamp());
    if (earlyMs > 0) {
      ValueState<Long> pending = ctx.getPartitionedState(PENDING);
      if (pending.value() == null) {
        long at = ctx.getCurrentProcessingTime() + earlyMs;
        ctx.registerProcessingTimeTimer(at);
        pending.update(at);
      }
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
    ctx.getPartitionedState(PENDING).clear();
    return TriggerResult.FIRE;
  }

  @Override
  public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
    return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  @Override
  public void clear(TimeWindow window, TriggerContext ctx) throws Exception {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
    ValueState<Long> pending = ctx.getPartitionedState(PENDING);
    Long at = pending.value();
    if (at != null) {
      ctx.deleteProcessingTimeTimer(at);
    }
    pending.clear();
  }

  @Override
  public String toString() {
    return "EarlyFiringTrigger(" + earlyMs + " ms)";
  }
}
