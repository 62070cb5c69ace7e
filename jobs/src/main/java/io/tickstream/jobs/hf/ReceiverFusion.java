package io.tickstream.jobs.hf;

import io.tickstream.core.hf.clock.ArrivalObservation;
import io.tickstream.core.hf.clock.ClockOffsetMeasurement;
import io.tickstream.core.hf.clock.ClockPrior;
import io.tickstream.core.hf.clock.ClockSolver;
import io.tickstream.core.hf.clock.Maidenhead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Phase 2 fusion, keyed by receiver: collects every channel's observations of a minute and solves
 * them jointly ({@link ClockSolver}: one D_clock shared by all channels and stations, seeds/003 §4),
 * emitting the channel rows as they come and one {@code FUSED} row per minute. The minute is fused
 * when the watermark passes the timestamp its channel results carry (the minute window's end), so
 * every channel's result of that minute has arrived; channel order does not matter (observations
 * are sorted by channel before solving), which makes live and bounded runs give the same value.
 */
public final class ReceiverFusion extends KeyedProcessFunction<String, ChannelMinute, ClockOffsetRow> {
  private final HfJobConfig config;
  private transient MapState<Long, ChannelMinute[]> pending;
  private transient MapState<Long, Long> dueMs;
  private transient ClockSolver solver;

  public ReceiverFusion(HfJobConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext ctx) {
    pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("minute-channels", Types.LONG,
        TypeInformation.of(new TypeHint<ChannelMinute[]>() {})));
    dueMs = getRuntimeContext().getMapState(new MapStateDescriptor<>("minute-due", Types.LONG, Types.LONG));
    solver = ClockSolver.withDefaults(Maidenhead.toPoint(config.receiverGrid()));
  }

  @Override
  public void processElement(ChannelMinute c, Context ctx, Collector<ClockOffsetRow> out) throws Exception {
    out.collect(new ClockOffsetRow(c.receiver(), c.channel(), c.frequencyHz(), config.version(), c.channelOffset()));
    ChannelMinute[] have = pending.get(c.minuteStartSystemNs());
    ChannelMinute[] next = have == null ? new ChannelMinute[] {c} : Arrays.copyOf(have, have.length + 1);
    next[next.length - 1] = c;
    pending.put(c.minuteStartSystemNs(), next);
    // fire at the channel results' timestamp: after every channel's window of this minute closed
    long ts = ctx.timestamp() == null ? Long.MAX_VALUE - 1 : ctx.timestamp();
    Long due = dueMs.get(c.minuteStartSystemNs());
    if (due == null || ts > due) {
      dueMs.put(c.minuteStartSystemNs(), ts);
    }
    ctx.timerService().registerEventTimeTimer(ts);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ClockOffsetRow> out) throws Exception {
    List<Long> due = new ArrayList<>();
    for (Long minute : pending.keys()) {
      due.add(minute);
    }
    due.sort(Comparator.naturalOrder());
    for (Long minute : due) {
      if (dueMs.get(minute) > timestamp) {
        continue;
      }
      ChannelMinute[] cs = pending.get(minute);
      pending.remove(minute);
      dueMs.remove(minute);
      out.collect(fuse(ctx.getCurrentKey(), cs));
    }
  }

  ClockOffsetRow fuse(String receiver, ChannelMinute[] cs) {
    ChannelMinute[] sorted = cs.clone();
    Arrays.sort(sorted, Comparator.comparing(ChannelMinute::channel));
    List<ArrivalObservation> all = new ArrayList<>();
    for (ChannelMinute c : sorted) {
      all.addAll(Arrays.asList(c.observations()));
    }
    ClockOffsetMeasurement fused = ClockOffsetMeasurement.fused(solver.solve(all, ClockPrior.NONE));
    return new ClockOffsetRow(receiver, HfJobConfig.FUSED, Double.NaN, config.version(), fused);
  }
}
