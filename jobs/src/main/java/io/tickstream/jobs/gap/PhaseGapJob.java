package io.tickstream.jobs.gap;

import io.tickstream.connectors.db.Json;
import io.tickstream.connectors.gap.PhaseGapRecord;
import io.tickstream.core.gap.PhaseGapFitter;
import io.tickstream.core.gap.SeriesPoint;
import io.tickstream.core.time.LeapSecondTable;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The phase-gap fitter as a Flink job graph (seeds/000 §5). Built from an injected source of one
 * stream's observations and an injected sink, so the same graph runs bounded
 * ({@code RuntimeExecutionMode.BATCH} over stored observations) and streaming (as observations
 * arrive).
 *
 * <p>For every observation at {@code t} (or, with {@code stepSeconds > 0}, the first observation of
 * each step bucket) it fits the trailing window {@code [t − windowDays, t]} with
 * {@link PhaseGapFitter} and emits a {@link PhaseGapRecord} with {@code as_of = t}. Fits fire on
 * event-time timers, i.e. only once every observation up to {@code t} has arrived, so the output is
 * the same in both modes and on every re-run (idempotent upserts make a re-run change no row).
 * Observations behind the watermark are counted ({@code latePoints}) and dropped.
 */
public final class PhaseGapJob {
  private PhaseGapJob() {}

  /**
   * Job settings. Fits are emitted for {@code as_of ≥ emitFromUtcNs} (earlier observations only fill
   * the first windows); {@code provenanceBase} (e.g. git commit) is copied into each row's provenance.
   */
  public record Settings(String streamKey, String methodVersion, double windowDays, double stepSeconds,
                         long emitFromUtcNs, PhaseGapFitter.Params params, boolean authoritative,
                         long ingestRunId, Map<String, Object> provenanceBase) implements Serializable {}

  /** Adds the fitter to the graph: {@code points → fit → sink}. */
  public static DataStream<PhaseGapRecord> build(DataStream<SeriesPoint> points, Settings settings,
                                                 LeapSecondTable leapSeconds, Sink<PhaseGapRecord> sink) {
    DataStream<PhaseGapRecord> fits = points
        .assignTimestampsAndWatermarks(inclusiveMonotonous())
        .keyBy(p -> settings.streamKey())
        .process(new FitFunction(settings, leapSeconds))
        .name("phase-gap fit " + settings.streamKey())
        .returns(PhaseGapRecord.class);
    fits.sinkTo(sink).name("phase-gap sink");
    return fits;
  }

  /**
   * Watermark = the largest timestamp seen (not {@code max − 1} as Flink's monotonous strategy), so
   * in streaming mode the fit for the newest observation fires as soon as it arrives instead of
   * waiting for the next one. Observations must arrive in time order (the sources guarantee it).
   */
  static WatermarkStrategy<SeriesPoint> inclusiveMonotonous() {
    return WatermarkStrategy.<SeriesPoint>forGenerator(ctx -> new WatermarkGenerator<>() {
      private long max = Long.MIN_VALUE;

      @Override
      public void onEvent(SeriesPoint p, long ts, WatermarkOutput out) {
        max = Math.max(max, ts);
      }

      @Override
      public void onPeriodicEmit(WatermarkOutput out) {
        if (max != Long.MIN_VALUE) {
          out.emitWatermark(new Watermark(max));
        }
      }
    }).withTimestampAssigner((p, ts) -> Math.floorDiv(p.tUtcNs(), 1_000_000L));
  }

  static final class FitFunction extends KeyedProcessFunction<String, SeriesPoint, PhaseGapRecord> {
    private static final long serialVersionUID = 1L;
    private final Settings settings;
    private final LeapSecondTable leapSeconds;
    private transient MapState<Long, double[]> window;
    private transient ValueState<Long> lastBucket;
    private transient PhaseGapFitter fitter;
    private transient Counter late;
    private transient Counter fitsEmitted;
    private transient String paramsJson;

    FitFunction(Settings settings, LeapSecondTable leapSeconds) {
      this.settings = settings;
      this.leapSeconds = leapSeconds;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
      window = getRuntimeContext().getMapState(new MapStateDescriptor<Long, double[]>("window", Long.class,
          double[].class));
      lastBucket = getRuntimeContext().getState(new ValueStateDescriptor<>("lastBucket", Types.LONG));
      fitter = new PhaseGapFitter(settings.params(), leapSeconds);
      late = getRuntimeContext().getMetricGroup().counter("latePoints");
      fitsEmitted = getRuntimeContext().getMetricGroup().counter("fitsEmitted");
      paramsJson = Json.toJson(params(settings), "phase-gap parameters");
    }

    @Override
    public void processElement(SeriesPoint p, Context ctx, Collector<PhaseGapRecord> out) throws Exception {
      long ms = Math.floorDiv(p.tUtcNs(), 1_000_000L);
      if (ms <= ctx.timerService().currentWatermark()) {
        late.inc();
        return;
      }
      window.put(p.tUtcNs(), new double[] {p.value(), p.uncertainty()});
      ctx.timerService().registerEventTimeTimer(ms);
    }

    @Override
    public void onTimer(long timestampMs, OnTimerContext ctx, Collector<PhaseGapRecord> out) throws Exception {
      long windowNs = (long) (settings.windowDays() * 86_400e9);
      List<Long> due = new ArrayList<>();
      List<SeriesPoint> all = new ArrayList<>();
      for (Map.Entry<Long, double[]> e : window.entries()) {
        all.add(new SeriesPoint(e.getKey(), e.getValue()[0], e.getValue()[1]));
        if (Math.floorDiv(e.getKey(), 1_000_000L) == timestampMs) {
          due.add(e.getKey());
        }
      }
      due.sort(Long::compare);
      for (long asOf : due) {
        if (asOf < settings.emitFromUtcNs()) {
          continue;
        }
        if (settings.stepSeconds() > 0) {
          long bucket = Math.floorDiv(asOf, (long) (settings.stepSeconds() * 1e9));
          Long prev = lastBucket.value();
          if (prev != null && prev == bucket) {
            continue;
          }
          lastBucket.update(bucket);
        }
        List<SeriesPoint> inWindow = new ArrayList<>();
        for (SeriesPoint p : all) {
          if (p.tUtcNs() <= asOf && p.tUtcNs() >= asOf - windowNs) {
            inWindow.add(p);
          }
        }
        if (inWindow.size() < settings.params().minPoints()) {
          continue;
        }
        PhaseGapFitter.Result fit = fitter.fit(inWindow);
        out.collect(new PhaseGapRecord(settings.streamKey(), settings.methodVersion(), fit, paramsJson,
            Json.toJson(provenance(settings, fit), "provenance"), settings.ingestRunId(), settings.authoritative()));
        fitsEmitted.inc();
      }
      long horizon = timestampMs * 1_000_000L - windowNs;
      List<Long> old = new ArrayList<>();
      for (Long t : window.keys()) {
        if (t < horizon) {
          old.add(t);
        }
      }
      for (Long t : old) {
        window.remove(t);
      }
    }
  }

  /** The fit parameters as recorded in {@code phase_gap_fit.params} (no run-specific values). */
  static Map<String, Object> params(Settings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", "theil_sen+wls");
    m.put("window_days", s.windowDays());
    m.put("step_seconds", s.stepSeconds());
    m.put("confidence", s.params().confidence());
    m.put("min_points", s.params().minPoints());
    m.put("unit", s.params().unit());
    m.put("phase_conversion", s.params().conversion().name());
    m.put("radians_per_second_of_offset", s.params().conversion().radiansPerSecond());
    m.put("leap_handling", s.params().leapHandling().key());
    return m;
  }

  static Map<String, Object> provenance(Settings s, PhaseGapFitter.Result fit) {
    Map<String, Object> m = new LinkedHashMap<>(s.provenanceBase());
    m.put("stream", s.streamKey());
    m.put("streams", List.of(s.streamKey()));
    m.put("method_version", s.methodVersion());
    m.put("window", Map.of("from", java.time.Instant.ofEpochSecond(0, fit.windowStartUtcNs()).toString(),
        "to", java.time.Instant.ofEpochSecond(0, fit.asOfUtcNs()).toString(), "n_points", fit.n()));
    m.put("params", params(s));
    m.put("slope_ci_rad_per_day", List.of(fit.slopeLowRadPerDay(), fit.slopeHighRadPerDay()));
    m.put("ingest_run_id", s.ingestRunId());
    return m;
  }
}
