package io.tickstream.jobs.record;

import io.tickstream.connectors.drf.DigitalRfSink;
import io.tickstream.connectors.rtp.RawArchiveMetadataFunction;
import io.tickstream.connectors.rtp.RawArchiveSettings;
import io.tickstream.connectors.rtp.RtpBlock;
import io.tickstream.connectors.rtp.RtpSource;
import io.tickstream.core.signal.IqBlock;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;

/**
 * The live recording graph, Phase 1 only (DESIGN.md "Data flow"):
 *
 * <pre>
 * radiod RTP ──► RtpSource (p=1) ──► Phase 1 metadata + pass-through (p=1) ──► Digital RF sink (raw_archive)
 * </pre>
 *
 * Built from an injected source, metadata function and sink so tests and benchmarks swap them; the
 * same graph runs embedded ({@code tickstream record}) or under {@code flink run}. Returns the
 * {@link IqBlock} stream so later phases can attach to it.
 */
public final class RecordJob {
  public static final String NAME = "tickstream record: radiod RTP → Phase 1 raw archive";

  private RecordJob() {}

  public static DataStream<IqBlock> build(StreamExecutionEnvironment env, Source<RtpBlock, ?, ?> source,
      ProcessFunction<RtpBlock, IqBlock> phase1Metadata, Sink<IqBlock> archive) {
    DataStream<IqBlock> iq = env.fromSource(source, WatermarkStrategy.noWatermarks(), "radiod RTP")
        .uid("rtp-source").setParallelism(1)
        .process(phase1Metadata).name("Phase 1 metadata").uid("phase1-metadata").setParallelism(1);
    iq.sinkTo(archive).name("Phase 1 raw archive").uid("phase1-archive").setParallelism(1);
    return iq;
  }

  /** The standard wiring: {@link RtpSource} → metadata → {@link DigitalRfSink} under {@code settings.top()}. */
  public static DataStream<IqBlock> build(StreamExecutionEnvironment env, RtpSource source, RawArchiveSettings settings) {
    boolean checkpointing = env.getCheckpointConfig().isCheckpointingEnabled();
    return build(env, source, new RawArchiveMetadataFunction(settings, checkpointing),
        DigitalRfSink.of(settings.top(), settings.writerOptions()));
  }
}
