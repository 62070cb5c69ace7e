package io.tickstream.jobs.mesh;

import io.tickstream.connectors.mesh.ProbeCodec;
import io.tickstream.core.mesh.ConsensusGrid;
import io.tickstream.core.mesh.MeshProbe;
import io.tickstream.core.mesh.WindowConsensus;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mesh consensus job graph (issue 8), built from an injected probe stream and sinks:
 *
 * <pre>
 * probes ─► event time (as_of_utc) + bounded-out-of-orderness watermarks
 *        ─► accept/reject (app_config thresholds, re-read on change) ─► probe sink (mesh_node, ntp_probe)
 *        └► accepted ─► sliding event-time window 60 min / step, centre c: [c−30 min, c+30 min)
 *                     (fires on time, per late probe, and optionally early: {@link EarlyFiringTrigger})
 *                     ─► Huber / median / intersection consensus ─► consensus sink (mesh_consensus)
 *                     └► late probes (beyond allowed lateness) ─► counted, logged, late sink
 * </pre>
 *
 * Sources: Kafka {@code ntp-probes} (cluster, {@code tickstream mesh job}) or the API server's
 * in-process queue ({@link EmbeddedMeshJob}, {@code tickstream serve} without Kafka).
 * Every probe reaches the probe sink, late or not; a late probe only misses the already-final
 * consensus window (re-run {@code tickstream mesh consensus --from --to} to fold it in).
 */
public final class MeshConsensusJob {
  private MeshConsensusJob() {}

  /**
   * @param grid consensus step
   * @param outOfOrderness watermark delay behind the newest probe time
   * @param allowedLateness how long a window keeps accepting late probes (and re-fires) after it closed
   * @param idleness a source split idle this long no longer holds back the watermark
   * @param earlyFiring provisional consensus this long (processing time) after a window got new probes,
   *     before the watermark closes it ({@link Duration#ZERO}: on-time and late firings only)
   */
  public record Config(ThresholdSpec thresholds, ConsensusGrid grid, Duration outOfOrderness,
      Duration allowedLateness, Duration idleness, Duration earlyFiring) implements Serializable {

    public static Config defaults(ThresholdSpec thresholds) {
      return new Config(thresholds, ConsensusGrid.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(30),
          Duration.ofMinutes(1), Duration.ZERO);
    }

    public Config withEarlyFiring(Duration early) {
      return new Config(thresholds, grid, outOfOrderness, allowedLateness, idleness, early);
    }

    public Config withGrid(ConsensusGrid g) {
      return new Config(thresholds, g, outOfOrderness, allowedLateness, idleness, earlyFiring);
    }
  }

  /** Tag of the late-probe side output. */
  public static final OutputTag<MeshProbe> LATE = new OutputTag<>("late-probes") {};

  /** Attaches the job graph to {@code source}; returns the consensus stream (already sunk). */
  public static DataStream<WindowConsensus> build(DataStream<ProbeCodec.Envelope> source, Config cfg,
      Sink<ProbeVerdict> probeSink, Sink<WindowConsensus> consensusSink, Sink<MeshProbe> lateSink) {
    // per-record watermarks: which probes are late depends only on input order, not on replay speed
    DataStream<ProbeCodec.Envelope> timed = source.assignTimestampsAndWatermarks(
        io.tickstream.jobs.Watermarks.<ProbeCodec.Envelope>boundedOutOfOrderness(cfg.outOfOrderness(),
                (e, ts) -> Math.floorDiv(e.probe().tUtcNs(), 1_000_000L))
            .withIdleness(cfg.idleness()))
        .name("event time: as_of_utc");
    DataStream<ProbeVerdict> verdicts = timed.map(new AcceptProbes(cfg.thresholds())).name("accept/reject probes");
    // keyed by node: one writer owns each mesh_node row, so concurrent writers never deadlock on it
    verdicts.keyBy(v -> v.probe().clientId()).sinkTo(probeSink).name("ntp_probe + mesh_node");
    long stepMs = cfg.grid().stepNs() / 1_000_000L;
    SingleOutputStreamOperator<WindowConsensus> consensus = verdicts
        .filter(ProbeVerdict::accepted).name("accepted only")
        .map(ProbeVerdict::probe).name("probe")
        .windowAll(SlidingEventTimeWindows.of(Duration.ofMillis(ConsensusGrid.WINDOW_NS / 1_000_000L),
            Duration.ofMillis(stepMs)))
        .trigger(new EarlyFiringTrigger(cfg.earlyFiring().toMillis()))
        .allowedLateness(cfg.allowedLateness())
        .sideOutputLateData(LATE)
        .process(new ConsensusWindow()).name("windowed consensus");
    consensus.sinkTo(consensusSink).name("mesh_consensus").setParallelism(1);
    consensus.getSideOutput(LATE).map(new CountLate()).name("count late probes").sinkTo(lateSink).name("late probes");
    return consensus;
  }

  /** Counts (metric {@code meshLateProbes}) and logs probes that arrived after their windows closed. */
  static final class CountLate extends RichMapFunction<MeshProbe, MeshProbe> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CountLate.class);
    private transient Counter late;

    @Override
    public void open(OpenContext ctx) {
      late = getRuntimeContext().getMetricGroup().counter("meshLateProbes");
    }

    @Override
    public MeshProbe map(MeshProbe p) {
      late.inc();
      LOG.warn("late probe (windows already final, stored in ntp_probe but not in the consensus): {} {} at {}",
          p.clientId(), p.server(), java.time.Instant.ofEpochSecond(0, p.tUtcNs()));
      return p;
    }
  }
}
