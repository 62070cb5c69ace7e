package io.tickstream.jobs.hf;

import io.tickstream.core.hf.HfMinuteAnalyzer;
import io.tickstream.core.hf.MinuteAnalysis;
import io.tickstream.core.hf.analysis.MinuteSamples;
import io.tickstream.core.hf.clock.ArrivalObservation;
import io.tickstream.core.hf.clock.ClockOffsetMeasurement;
import io.tickstream.core.hf.clock.ClockPrior;
import io.tickstream.core.hf.clock.ClockSolver;
import io.tickstream.core.hf.clock.Maidenhead;
import io.tickstream.core.hf.clock.MinuteAnalysisAdapter;
import io.tickstream.core.hf.clock.MinuteSolution;
import io.tickstream.core.hf.testsignal.TestSignalTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.OutputTag;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Phase 2 per channel: the core minute analysis ({@link HfMinuteAnalyzer}) of an assembled minute,
 * then the D_clock solver on this channel's stations alone ({@link ClockSolver}, no prior, so the
 * value depends only on this minute's data and a rerun reproduces it). Minutes below the configured
 * completeness are counted ({@code skippedMinutes}) and not analysed.
 */
public final class ChannelAnalysis extends ProcessFunction<AssembledMinute, ChannelMinute> {
  /** Side output: the per-method evidence rows of each analysed minute ({@link MinuteEvidenceCsv}). */
  public static final OutputTag<EvidenceLine> EVIDENCE = new OutputTag<>("hf-evidence") {};

  private final HfJobConfig config;
  private transient Map<String, HfMinuteAnalyzer> analyzers;
  private transient ClockSolver solver;
  private transient Counter skipped;
  private transient TestSignalTemplate testSignal;

  public ChannelAnalysis(HfJobConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext ctx) {
    analyzers = new HashMap<>();
    solver = ClockSolver.withDefaults(Maidenhead.toPoint(config.receiverGrid()));
    skipped = getRuntimeContext().getMetricGroup().counter("skippedMinutes");
    testSignal = loadTemplate(config.testSignalTemplate());
  }

  /** The configured HamSCI template, or null; a missing or malformed file fails the job naming it. */
  public static TestSignalTemplate loadTemplate(String path) {
    if (path == null) {
      return null;
    }
    try {
      return TestSignalTemplate.load(java.nio.file.Path.of(path));
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot load the test-signal template " + path + ": " + e.getMessage(), e);
    }
  }

  /** Channel-minutes analysed in this JVM (the embedded reprocess progress bar; not used for results). */
  public static final java.util.concurrent.atomic.AtomicLong MINUTES_ANALYSED = new java.util.concurrent.atomic.AtomicLong();

  @Override
  public void processElement(AssembledMinute m, Context ctx, Collector<ChannelMinute> out) {
    MINUTES_ANALYSED.incrementAndGet();
    if (m.completeness() < config.minCompleteness()) {
      skipped.inc();
      return;
    }
    HfMinuteAnalyzer analyzer = analyzers.computeIfAbsent(m.channel(),
        c -> new HfMinuteAnalyzer(HfMinuteAnalyzer.Config.defaultsFor(m.frequencyHz(), testSignal)));
    MinuteAnalysis a = analyzer.analyze(samples(m));
    for (EvidenceLine e : MinuteEvidenceCsv.lines(a)) {
      ctx.output(EVIDENCE, e);
    }
    out.collect(result(m, a));
  }

  ChannelMinute result(AssembledMinute m, MinuteAnalysis a) {
    List<ArrivalObservation> obs = MinuteAnalysisAdapter.observations(a);
    MinuteSolution own = solver.solve(obs, ClockPrior.NONE);
    return new ChannelMinute(config.receiver(), m.channel(), m.frequencyHz(), m.minuteStartSystemNs(),
        obs.toArray(new ArrivalObservation[0]), ClockOffsetMeasurement.fused(own));
  }

  /**
   * Minute samples for the analyzer: missing samples become 0 (contributing nothing, MinuteSamples
   * contract). The minute's own array is used as is when nothing is missing (the analyzer only reads
   * it); a zero-filled copy is made only for minutes with gaps.
   */
  static MinuteSamples samples(AssembledMinute m) {
    float[] iq = m.iq();
    int firstNaN = 0;
    while (firstNaN < iq.length && !Float.isNaN(iq[firstNaN])) {
      firstNaN++;
    }
    if (firstNaN < iq.length) {
      iq = iq.clone();
      for (int k = firstNaN; k < iq.length; k++) {
        if (Float.isNaN(iq[k])) {
          iq[k] = 0f;
        }
      }
    }
    return MinuteSamples.fromInterleavedIq(m.channel(), m.frequencyHz(), m.sampleRateHz(), m.tFirstSystemNs(),
        m.minuteStartSystemNs(), iq, m.completeness());
  }
}
