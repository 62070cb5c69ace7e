package io.tickstream.jobs.hf;

import io.tickstream.core.hf.clock.ClockOffsetMeasurement;
import io.tickstream.core.hf.clock.ClockOffsetSeries;
import io.tickstream.core.signal.UtcDecimator;
import io.tickstream.core.time.Rational;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Phase 3 per channel (seeds/003 §5): each assembled system-time minute (as its D_clock-free 400 Hz
 * stage-A series, {@link Phase3Input}) is decimated to 10 Hz on the UTC grid with D_clock applied ({@link UtcDecimator}: zero lag, {@code t_UTC = t_system − D_clock},
 * D interpolated between minutes by {@link ClockOffsetSeries#offsetAt}). The fused D_clock stream
 * arrives on the broadcast input; nothing flows back to Phases 1–2 (DESIGN.md principle 2).
 *
 * <p>A minute is processed once the fused D_clock of the minute and of the next one is final: live,
 * when the watermark passes the next minute's window end (buffering the minute in keyed state); in
 * bounded runs immediately, because Flink's BATCH mode consumes the broadcast side first. The series
 * used for minute M contains only fused values up to M + 1, so both modes give identical samples.
 *
 * <p>Output k (UTC index at 10 Hz) belongs to minute M iff its system instant
 * {@code s_k = u_k + D(s_k)} lies in [M, M + 60 s); with one continuous D(t) the minutes tile the
 * UTC axis without overlap. Minutes without D_clock are counted ({@code minutesWithoutDclock}) and
 * produce no samples (a gap in the product, reported in the gap summary).
 */
public final class Phase3Product
    extends KeyedBroadcastProcessFunction<String, Phase3Input, ClockOffsetRow, ProductMinute> {
  static final MapStateDescriptor<Long, ClockOffsetMeasurement> DCLOCK = new MapStateDescriptor<>("fused-dclock",
      Types.LONG, TypeInformation.of(ClockOffsetMeasurement.class));
  private static final long MINUTE_NS = 60_000_000_000L;
  private static final long MINUTE_MS = 60_000L;
  private static final long NS_PER_OUTPUT = 1_000_000_000L / UtcDecimator.OUTPUT_RATE_HZ;
  private static final int KEEP_MINUTES = 30;
  private static final long EXTRAPOLATION_SLACK_NS = 5_000_000_000L;

  private final HfJobConfig config;
  private transient MapState<Long, Phase3Input> waiting;
  private transient MapState<Long, Long> dueMs;
  private transient Counter withoutDclock;

  public Phase3Product(HfJobConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext ctx) {
    waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("phase3-waiting", Types.LONG,
        io.tickstream.jobs.hf.types.Phase3InputSerializer.TYPE));
    dueMs = getRuntimeContext().getMapState(new MapStateDescriptor<>("phase3-due", Types.LONG, Types.LONG));
    withoutDclock = getRuntimeContext().getMetricGroup().counter("minutesWithoutDclock");
  }

  @Override
  public void processBroadcastElement(ClockOffsetRow row, Context ctx, Collector<ProductMinute> out) throws Exception {
    if (!row.fused()) {
      return;
    }
    BroadcastState<Long, ClockOffsetMeasurement> state = ctx.getBroadcastState(DCLOCK);
    long minute = row.measurement().systemTimeNs();
    state.put(minute, row.measurement());
    if (!config.bounded()) {
      List<Long> old = new ArrayList<>();
      for (Map.Entry<Long, ClockOffsetMeasurement> e : state.entries()) {
        if (e.getKey() < minute - KEEP_MINUTES * MINUTE_NS) {
          old.add(e.getKey());
        }
      }
      for (Long k : old) {
        state.remove(k);
      }
    }
  }

  @Override
  public void processElement(Phase3Input m, ReadOnlyContext ctx, Collector<ProductMinute> out) throws Exception {
    if (config.bounded()) {
      emit(m, ctx.getBroadcastState(DCLOCK), out);
      return;
    }
    long due = (ctx.timestamp() == null ? Long.MAX_VALUE - MINUTE_MS : ctx.timestamp()) + MINUTE_MS;
    waiting.put(m.minuteStartSystemNs(), m);
    dueMs.put(m.minuteStartSystemNs(), due);
    ctx.timerService().registerEventTimeTimer(due);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ProductMinute> out) throws Exception {
    List<Long> ready = new ArrayList<>();
    for (Map.Entry<Long, Long> e : dueMs.entries()) {
      if (e.getValue() <= timestamp) {
        ready.add(e.getKey());
      }
    }
    ready.sort(Long::compare);
    for (Long minute : ready) {
      Phase3Input m = waiting.get(minute);
      waiting.remove(minute);
      dueMs.remove(minute);
      emit(m, ctx.getBroadcastState(DCLOCK), out);
    }
  }

  private void emit(Phase3Input m, ReadOnlyBroadcastState<Long, ClockOffsetMeasurement> dclock,
      Collector<ProductMinute> out) throws Exception {
    // a minute whose successor has no D_clock extrapolates over its own span (+ filter support)
    ClockOffsetSeries series = new ClockOffsetSeries(ClockOffsetSeries.DEFAULT_MAX_GAP_NS,
        MINUTE_NS + EXTRAPOLATION_SLACK_NS, ClockOffsetSeries.DEFAULT_WANDER_MS2_PER_S);
    long from = m.minuteStartSystemNs() - ClockOffsetSeries.DEFAULT_MAX_GAP_NS;
    long to = m.minuteStartSystemNs() + MINUTE_NS;
    for (Map.Entry<Long, ClockOffsetMeasurement> e : dclock.immutableEntries()) {
      if (e.getKey() >= from && e.getKey() <= to && e.getValue().valid()) {
        series.add(e.getValue());
      }
    }
    ProductMinute p = decimate(m, series);
    if (p == null) {
      withoutDclock.inc();
    } else {
      out.collect(p);
    }
  }

  /** The 10 Hz UTC samples of minute {@code m} under {@code series}; null when D_clock is unknown there. */
  static ProductMinute decimate(Phase3Input m, ClockOffsetSeries series) {
    UtcDecimator.ClockCorrection d = t -> series.offsetAt(t).map(ClockOffsetSeries.OffsetEstimate::offsetMs)
        .orElse(Double.NaN);
    Optional<ClockOffsetSeries.OffsetEstimate> atMinute = series.offsetAt(m.minuteStartSystemNs());
    if (atMinute.isEmpty()) {
      return null;
    }
    long start = m.minuteStartSystemNs();
    long end = start + MINUTE_NS;
    long kFrom = firstAtOrAfter(start, atMinute.get().offsetMs(), d);
    long kTo = firstAtOrAfter(end, atMinute.get().offsetMs(), d);
    if (kFrom == Long.MIN_VALUE || kTo == Long.MIN_VALUE) {
      return null;
    }
    // a buffer for the window's 400 Hz series and the stage-B support around it (not the default 3 min)
    UtcDecimator dec = new UtcDecimator(Rational.of(m.sampleRateHz()), m.numSamples() / m.sampleRateHz() + 2);
    dec.pushStageA(m.firstIndex(), m.numSamples(), m.stageA());
    // outputs whose filter support reaches past the buffered input (end of data) are NaN, not computed
    long ready = dec.lastReadyUtcIndex(Math.abs(atMinute.get().offsetMs()) + 1.0);
    float[] outIq = new float[2 * (int) (kTo - kFrom)];
    java.util.Arrays.fill(outIq, Float.NaN);
    long emitTo = Math.min(kTo, ready + 1);
    if (emitTo > kFrom) {
      dec.emit(kFrom, emitTo, d, (k, re, im) -> {
        int at = (int) (k - kFrom);
        outIq[2 * at] = (float) re;
        outIq[2 * at + 1] = (float) im;
      });
    }
    return new ProductMinute(m.channel(), m.frequencyHz(), m.sampleRateHz(), start, kFrom, outIq, atMinute.get().offsetMs(),
        atMinute.get().uncertaintyMs(), m.completeness());
  }

  /** System instant of UTC output k, as {@link UtcDecimator#emit} computes it; MIN_VALUE when D is unknown. */
  static long systemNs(long k, UtcDecimator.ClockCorrection d) {
    long u = k * NS_PER_OUTPUT;
    double d0 = d.dClockMsAt(u);
    if (Double.isNaN(d0)) {
      return Long.MIN_VALUE;
    }
    double d1 = d.dClockMsAt(u + Math.round(d0 * 1e6));
    return Double.isNaN(d1) ? Long.MIN_VALUE : u + Math.round(d1 * 1e6);
  }

  /** Smallest k with {@code s_k ≥ t} (s is monotonic: D changes far slower than time). */
  static long firstAtOrAfter(long tNs, double dGuessMs, UtcDecimator.ClockCorrection d) {
    long k = Math.floorDiv(tNs - Math.round(dGuessMs * 1e6), NS_PER_OUTPUT) - 2;
    for (int guard = 0; guard < 100; guard++, k++) {
      long s = systemNs(k, d);
      if (s == Long.MIN_VALUE) {
        return Long.MIN_VALUE;
      }
      if (s >= tNs) {
        return k;
      }
    }
    throw new IllegalStateException("no 10 Hz index found for system time " + tNs);
  }
}
